import { z } from 'zod';

const NEW_STYLE_ID = /^\d{4}\.\d{4,5}$/;
const OLD_STYLE_ID = /^[a-z-]+(\.[A-Z]{2})?\/\d{7}$/;

/** What is left of a pasted arXiv link or reference once its wrapping is gone: `<https://arxiv.org/abs/…>`, `arXiv:…`. */
export function stripArxivLink(text: string): string {
	return text
		.trim()
		.replace(/^<|>$/g, '')
		.replace(/^(https?:\/\/)?(www\.|export\.)?arxiv\.org\/(abs|pdf|html)\//i, '')
		.replace(/^arxiv:\s*/i, '');
}

/**
 * Normalises anything a person might paste for an arXiv paper — `arXiv:2305.00054v2`,
 * `https://arxiv.org/abs/2305.00054`, `arxiv.org/pdf/2305.00054v1.pdf`, `hep-th/9901001` — to the
 * versionless id that keys the corpus. Returns null when the text is not an arXiv id.
 */
export function normaliseArxivId(text: string): string | null {
	let id = stripArxivLink(text);
	id = id
		.replace(/\.pdf$/i, '')
		.replace(/[?#].*$/, '')
		.replace(/\/+$/, '');
	id = id.replace(/v\d+$/, '');
	if (NEW_STYLE_ID.test(id) || OLD_STYLE_ID.test(id)) return id;
	return null;
}

/** The version an arXiv id or link names (`2305.00054v3` → 3), or null when it names none. */
export function arxivVersionOf(text: string): number | null {
	const match = /v(\d+)(?:\.pdf)?\/?$/i.exec(text.trim());
	return match && normaliseArxivId(text) !== null ? Number(match[1]) : null;
}

const DOI = /^10\.\d{4,9}\/\S+$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const SOURCE_KEY = /^(bib:\S+|zotero:(?:users|groups)\/\d+\/[A-Z0-9]+)$/;

/**
 * The DOI in anything a person pastes for one (`10.1145/3292500.3330701`, `doi:10.…`,
 * `https://doi.org/10.…`, percent-encoded links), in lower case as DOIs compare; null when the
 * text is not a DOI.
 */
export function normaliseDoi(text: string): string | null {
	let doi = stripDoiPrefix(text.trim().replace(/^<|>$/g, ''));
	try {
		doi = decodeURIComponent(doi);
	} catch {
		// A lone % is a character of the DOI, not an escape.
	}
	return DOI.test(doi) ? doi.toLowerCase() : null;
}

/** A DOI as written, without the `doi.org` link or `doi:` in front of it (case and escapes as they are). */
export const stripDoiPrefix = (text: string): string => text.replace(/^(https?:\/\/)?(dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');

/** The arXiv id behind arXiv's own DataCite DOI (`10.48550/arXiv.2305.00054`), or null. */
export function arxivIdOfDoi(doi: string): string | null {
	const match = ARXIV_DOI.exec(doi);
	return match ? normaliseArxivId(match[1]!) : null;
}

/**
 * The key a paper is known by, from anything a person or a file may name it with: an arXiv id or
 * link (`2305.00054`), a DOI or `doi.org` link (`doi:10.1145/…`; arXiv's own DOIs give the arXiv
 * id), or a key a source gave it (`bib:hong2023`, `zotero:groups/12/ABCD2345`). Null when the text
 * is none of these.
 */
export function normalisePaperKey(text: string): string | null {
	const arxivId = normaliseArxivId(text);
	if (arxivId !== null) return arxivId;
	const trimmed = text.trim();
	if (SOURCE_KEY.test(trimmed)) return trimmed;
	const doi = normaliseDoi(trimmed);
	if (doi === null) return null;
	return arxivIdOfDoi(doi) ?? `doi:${doi}`;
}

/** Whether a paper key is an arXiv id, as opposed to a DOI or a source's key. */
export const isArxivKey = (key: string): boolean => !key.includes(':');

/** The DOI a `doi:` key names, or null for other keys. */
export const doiOfKey = (key: string): string | null => (key.startsWith('doi:') ? key.slice(4) : null);

const paperKey = z.string().transform((text, ctx) => {
	const key = normalisePaperKey(text);
	if (key === null) {
		ctx.addIssue({ code: 'custom', message: `"${text}" is not an arXiv id, a DOI or a paper key` });
		return z.NEVER;
	}
	return key;
});

/** Whether the text is a calendar date written YYYY-MM-DD: `2024-13-45` and `2023-02-30` are not. */
export function isIsoDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Whether the text is a date known to the day (YYYY-MM-DD), the month (YYYY-MM) or the year (YYYY). */
export function isPartialDate(text: string): boolean {
	return /^\d{4}$/.test(text) || /^\d{4}-(0[1-9]|1[0-2])$/.test(text) || isIsoDate(text);
}

const isoDate = z.string().refine(isIsoDate, 'dates are YYYY-MM-DD');
const partialDate = z.string().refine(isPartialDate, 'dates are YYYY-MM-DD, YYYY-MM or YYYY');
/** Text that may be unknown: null (or absent) means unknown, never an empty string. */
const optionalText = z
	.string()
	.nullish()
	.transform((text) => (text?.trim() ? text.trim() : null));

/** The fields of a paper record, every one but the key optional: what a metadata overlay may carry. */
export const paperFieldsSchema = z.object({
	/**
	 * The paper's key: its versionless arXiv id when it has one (`2305.00054`, `hep-th/9901001`),
	 * else `doi:<DOI in lower case>`, else the key its source gives it (`bib:<cite key>`,
	 * `zotero:<library>/<item key>`).
	 */
	id: paperKey,
	title: optionalText,
	/** In the paper's order; null when unknown. */
	authors: z
		.array(z.string().trim().min(1))
		.nullish()
		.transform((list) => (list?.length ? list : null)),
	/** Null when no source gave one: most publishers deposit none. */
	abstract: optionalText,
	/** arXiv categories, primary first. */
	categories: z
		.array(z.string().trim().min(1))
		.nullish()
		.transform((list) => (list?.length ? list : null)),
	/** Where it was published or accepted, e.g. "ICLR 2023 (spotlight)". */
	venue: optionalText,
	/** The submitter's comment: page counts, acceptance notes. */
	comment: optionalText,
	journal_ref: optionalText,
	/** The published version's DOI, as its source wrote it. */
	doi: optionalText,
	code_url: optionalText,
	/** Where the paper lives when it has neither an arXiv id nor a DOI (or a page besides them). */
	url: optionalText,
	/** First version's date, known to the day, the month or the year. */
	published: partialDate.nullish().transform((date) => date ?? null),
	/** Latest version's date. */
	updated: isoDate.nullish().transform((date) => date ?? null),
	/** The latest arXiv version known (3 for `2305.00054v3`); null when unknown. */
	version: z
		.number()
		.int()
		.positive()
		.nullish()
		.transform((version) => version ?? null),
	/** The lab's own BibTeX cite key and entry type, kept from an imported `.bib`. */
	cite_key: optionalText,
	entry_type: optionalText,
	/** The Zotero item this paper was synced from: `<library>/<item key>`, e.g. `groups/12/ABCD2345`. */
	zotero_key: optionalText,
});

/**
 * paperbot's own record schema, as written in `.json`/`.jsonl` corpus files. `null` means
 * unknown: a card shows what is known and never invents a title, an author or an abstract. A
 * paper needs a title or an abstract to be found by.
 */
export const paperSchema = paperFieldsSchema.superRefine((paper, ctx) => {
	if (paper.title === null && paper.abstract === null)
		ctx.addIssue({ code: 'custom', message: 'the record has neither a title nor an abstract' });
});

export type Paper = z.infer<typeof paperSchema>;
/** A record as it may be written in a file, before normalisation. */
export type PaperRecord = z.input<typeof paperSchema>;

/** The arXiv abstract page of an arXiv id. */
export const abstractUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const pdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;
export const doiUrl = (doi: string) => `https://doi.org/${doi}`;

/** Where a paper known only by its key lives: the arXiv page or the DOI's; null for a source's own key. */
export function keyUrl(key: string): string | null {
	if (isArxivKey(key)) return abstractUrl(key);
	const doi = doiOfKey(key);
	return doi === null ? null : doiUrl(doi);
}

/** Where the paper lives, what its title links to: the arXiv page, else its DOI's, else its URL; null when none is known. */
export function paperUrl(paper: Paper): string | null {
	if (isArxivKey(paper.id)) return abstractUrl(paper.id);
	if (paper.doi) return doiUrl(paper.doi);
	return keyUrl(paper.id) ?? paper.url;
}

/** How a paper is named where its title is unknown: `arXiv:2305.00054`, `doi:10.…`, `bib:hong2023`. */
export const paperLabel = (key: string): string => (isArxivKey(key) ? `arXiv:${key}` : key);

const ARXIV_MENTION =
	/(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv:\s*)((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?)|\b(\d{4}\.\d{4,5})(?:v\d+)?\b/gi;
/** A DOI in running text, bare or inside a `doi.org` link; the punctuation a sentence puts after it is trimmed off. */
const DOI_MENTION = /\b10\.\d{4,9}\/[^\s"'<>]+/g;

/**
 * The distinct papers a message names, as keys, in order: arXiv ids, `arXiv:` references and
 * arxiv.org links, and DOIs and `doi.org` links (`doi:` keys; arXiv's own DOIs are its ids). The
 * digits inside a DOI (`10.3389/fncom.2015.00099`) are never read as an arXiv id.
 */
export function findPaperKeys(text: string): string[] {
	const found: { at: number; key: string }[] = [];
	const withoutDois = text.replace(DOI_MENTION, (mention, at: number) => {
		const key = normalisePaperKey(mention.replace(/[.,;:!?)\]}]+$/, ''));
		if (key !== null) found.push({ at, key });
		return ' '.repeat(mention.length);
	});
	for (const match of withoutDois.matchAll(ARXIV_MENTION)) {
		const id = normaliseArxivId(match[1] ?? match[2] ?? '');
		if (id) found.push({ at: match.index, key: id });
	}
	return [...new Set(found.sort((a, b) => a.at - b.at).map((mention) => mention.key))];
}
