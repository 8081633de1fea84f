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

const arxivId = z.string().transform((text, ctx) => {
	const id = normaliseArxivId(text);
	if (id === null) {
		ctx.addIssue({ code: 'custom', message: `"${text}" is not an arXiv id` });
		return z.NEVER;
	}
	return id;
});

/** Whether the text is a calendar date written YYYY-MM-DD: `2024-13-45` and `2023-02-30` are not. */
export function isIsoDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const isoDate = z.string().refine(isIsoDate, 'dates are YYYY-MM-DD');
/** Text that may be unknown: null (or absent) means unknown, never an empty string. */
const optionalText = z
	.string()
	.nullish()
	.transform((text) => (text?.trim() ? text.trim() : null));

/**
 * paperbot's own record schema, as written in `.json`/`.jsonl` corpus files. `null` means
 * unknown: a card shows what is known and never invents a title or an author.
 */
export const paperSchema = z.object({
	/** Versionless arXiv id, e.g. `2305.00054` or `hep-th/9901001`. */
	id: arxivId,
	title: optionalText,
	/** In the paper's order; null when unknown. */
	authors: z
		.array(z.string().trim().min(1))
		.nullish()
		.transform((list) => (list?.length ? list : null)),
	abstract: z.string().trim().min(1, 'abstract is empty'),
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
	doi: optionalText,
	code_url: optionalText,
	/** First version's date. */
	published: isoDate.nullish().transform((date) => date ?? null),
	/** Latest version's date. */
	updated: isoDate.nullish().transform((date) => date ?? null),
});

export type Paper = z.infer<typeof paperSchema>;
/** A record as it may be written in a file, before normalisation. */
export type PaperRecord = z.input<typeof paperSchema>;

/** The arXiv abstract page: what a card's title links to. */
export const abstractUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const pdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;

const ARXIV_MENTION =
	/(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv:\s*)((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?)|\b(\d{4}\.\d{4,5})(?:v\d+)?\b/gi;

/** The distinct arXiv ids a message names, as ids, `arXiv:` references or arxiv.org links, in order. */
export function findArxivIds(text: string): string[] {
	const ids = new Set<string>();
	for (const match of text.matchAll(ARXIV_MENTION)) {
		const id = normaliseArxivId(match[1] ?? match[2] ?? '');
		if (id) ids.add(id);
	}
	return [...ids];
}
