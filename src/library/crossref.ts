import { z } from 'zod';
import { arxivIdOfDoi, isPartialDate, normaliseArxivId, normaliseDoi } from '../corpus/paper.js';
import { LibraryError, parseJsonBody, type ServiceClient } from './http.js';
import { jatsToParagraphs, markupToText } from './markup.js';

/** What Crossref says of one work, in paperbot's terms; fields Crossref does not give are null. */
export interface CrossrefWork {
	/** The DOI as Crossref writes it. */
	doi: string;
	title: string | null;
	/** "Given Family", in the work's order; an organisation by its name. */
	authors: string[] | null;
	/** The journal, proceedings or book it appeared in (the last of Crossref's container titles). */
	venue: string | null;
	/** The issued date, known to the year, the month or the day. */
	published: string | null;
	url: string | null;
	/** Plain paragraphs from the JATS abstract; null when the publisher deposited none, as most do not. */
	abstract: string | null;
	/** The BibTeX entry type of Crossref's work type (`journal-article` is `article`); null for types BibTeX has no closer name for than `misc`. */
	entryType: string | null;
	/** The arXiv id of the preprint Crossref links the work to (`has-preprint` an arXiv DOI), or null. */
	arxivId: string | null;
}

/** Where Crossref is and how to ask it politely. */
export interface CrossrefOptions {
	/** `CROSSREF_API_URL`, e.g. `https://api.crossref.org`. */
	apiUrl: string;
	/** `CONTACT_EMAIL`, sent as `mailto=` for Crossref's polite pool; without it, the public pool. */
	contactEmail?: string | undefined;
}

const BIBTEX_TYPES: Record<string, string> = {
	'journal-article': 'article',
	'proceedings-article': 'inproceedings',
	'book-chapter': 'incollection',
	'book-section': 'incollection',
	'book-part': 'incollection',
	book: 'book',
	monograph: 'book',
	'edited-book': 'book',
	'reference-book': 'book',
	dissertation: 'phdthesis',
	report: 'techreport',
	proceedings: 'proceedings',
};

const texts = z.array(z.string()).nullish();
const partialDate = z.object({ 'date-parts': z.array(z.array(z.number().int().nullable())) }).nullish();
const workSchema = z.object({
	DOI: z.string(),
	title: texts,
	subtitle: texts,
	author: z.array(z.object({ given: z.string().nullish(), family: z.string().nullish(), name: z.string().nullish() })).nullish(),
	'container-title': texts,
	issued: partialDate,
	type: z.string().nullish(),
	URL: z.string().nullish(),
	abstract: z.string().nullish(),
	relation: z.record(z.string(), z.unknown()).nullish(),
});
const answerSchema = z.object({ status: z.literal('ok'), message: workSchema });

/** `[[2023, 6]]` → `2023-06`; null for a date Crossref does not know (`[[null]]`) or one that is no date. */
function partialDateOf(date: z.infer<typeof partialDate>): string | null {
	const [year, month, day] = date?.['date-parts'][0] ?? [];
	if (typeof year !== 'number') return null;
	const pad = (value: number) => String(value).padStart(2, '0');
	const text = [String(year).padStart(4, '0'), ...(month ? [pad(month)] : []), ...(month && day ? [pad(day)] : [])].join('-');
	return isPartialDate(text) ? text : null;
}

const firstText = (list: readonly string[] | null | undefined) => (list ?? []).map(markupToText).find((text) => text !== null) ?? null;

function titleOf(work: z.infer<typeof workSchema>): string | null {
	const title = firstText(work.title);
	const subtitle = firstText(work.subtitle);
	if (title === null) return subtitle;
	return subtitle === null || title.toLowerCase().includes(subtitle.toLowerCase()) ? title : `${title}: ${subtitle}`;
}

function authorsOf(work: z.infer<typeof workSchema>): string[] | null {
	const names = (work.author ?? []).flatMap((author) => {
		const name =
			[author.given, author.family]
				.map((part) => part?.trim())
				.filter(Boolean)
				.join(' ') || author.name?.trim();
		return name ? [name] : [];
	});
	return names.length > 0 ? names : null;
}

/** The arXiv id of a `has-preprint` relation, by arXiv's DOI or an `arxiv` identifier. */
function preprintArxivId(relation: Record<string, unknown> | null | undefined): string | null {
	const preprints = relation?.['has-preprint'];
	for (const item of Array.isArray(preprints) ? preprints : [preprints]) {
		const { 'id-type': type, id } = (item ?? {}) as { 'id-type'?: unknown; id?: unknown };
		if (typeof id !== 'string') continue;
		const doi = type === 'doi' ? normaliseDoi(id) : null;
		const arxivId = doi !== null ? arxivIdOfDoi(doi) : type === 'arxiv' ? normaliseArxivId(id) : null;
		if (arxivId !== null) return arxivId;
	}
	return null;
}

/** The work in Crossref's answer to `GET /works/<doi>`; throws a LibraryError when the answer is not one. */
export function readCrossrefWork(body: string, doi: string): CrossrefWork {
	const parsed = answerSchema.safeParse(parseJsonBody(body));
	if (!parsed.success) throw new LibraryError(200, `Crossref's answer for ${doi} is not a work record, so nothing was added.`);
	const work = parsed.data.message;
	return {
		doi: work.DOI,
		title: titleOf(work),
		authors: authorsOf(work),
		// A chapter's containers are its series, then its book (`Lecture Notes in Computer Science`, `Computer Vision – ECCV 2016`): the last names it best.
		venue: firstText([...(work['container-title'] ?? [])].reverse()),
		published: partialDateOf(work.issued),
		url: work.URL?.trim() || null,
		abstract: work.abstract ? jatsToParagraphs(work.abstract) : null,
		entryType: BIBTEX_TYPES[work.type ?? ''] ?? null,
		arxivId: preprintArxivId(work.relation),
	};
}

/** `10.1145/3292500.3330701` as one path segment: Crossref reads `/works/10.1145%2F3292500.3330701`. */
const workUrl = (apiUrl: string, doi: string, contactEmail: string | undefined) =>
	`${apiUrl}/works/${encodeURIComponent(doi)}${contactEmail ? `?mailto=${encodeURIComponent(contactEmail)}` : ''}`;

/**
 * Asks Crossref for the work a DOI names. A DOI Crossref does not know (404) is a LibraryError
 * "Crossref has no record of <doi>."; any other failure is the client's LibraryError naming Crossref.
 */
export async function fetchCrossrefWork(client: ServiceClient, options: CrossrefOptions, doi: string): Promise<CrossrefWork> {
	const answer = await client.get(workUrl(options.apiUrl, doi, options.contactEmail), {}, [404]);
	if (answer.status === 404) throw new LibraryError(404, `Crossref has no record of ${doi}.`);
	return readCrossrefWork(answer.body, doi);
}
