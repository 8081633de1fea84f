import { arxivIdOfDoi, isPartialDate, normaliseArxivId, normaliseDoi, type Paper, paperSchema } from '../corpus/paper.js';
import type { ZoteroCreator, ZoteroItem, ZoteroItemData } from './zotero.js';

/**
 * The item types paperbot keeps as papers: the seven a lab's reading is made of, and manuscripts
 * (working papers and drafts passed around before a preprint). Notes, attachments, annotations,
 * web pages, software and the rest are skipped and counted.
 */
export const PAPER_ITEM_TYPES: ReadonlySet<string> = new Set([
	'journalArticle',
	'conferencePaper',
	'preprint',
	'report',
	'thesis',
	'book',
	'bookSection',
	'manuscript',
]);

/** The `Name: value` lines of an item's Extra field, by lower-case name (the first of each name). */
function extraFields(extra: string | undefined): Map<string, string> {
	const fields = new Map<string, string>();
	for (const line of extra?.split('\n') ?? []) {
		const match = /^\s*([A-Za-z][\w -]*?)\s*:\s*(.+?)\s*$/.exec(line);
		if (match && !fields.has(match[1]!.toLowerCase())) fields.set(match[1]!.toLowerCase(), match[2]!);
	}
	return fields;
}

/** The arXiv id an item names: in its DOI (`10.48550/arXiv.*`), its URL, its `archiveID` or an `arXiv:` line of Extra. */
export function arxivIdOfItem(data: ZoteroItemData): string | null {
	const doi = data.DOI ? normaliseDoi(data.DOI) : null;
	const fromDoi = doi === null ? null : arxivIdOfDoi(doi);
	const fromUrl = data.url && /arxiv\.org\//i.test(data.url) ? normaliseArxivId(data.url) : null;
	const fromArchive = data.archiveID ? normaliseArxivId(data.archiveID) : null;
	const extraLine = extraFields(data.extra).get('arxiv');
	const fromExtra = extraLine ? normaliseArxivId(extraLine) : null;
	return fromDoi ?? fromUrl ?? fromArchive ?? fromExtra;
}

/** The published DOI an item names, in its DOI field or a `DOI:` line of Extra (item types without the field keep it there); never arXiv's own. */
function publishedDoiOfItem(data: ZoteroItemData): string | null {
	for (const text of [data.DOI, extraFields(data.extra).get('doi')]) {
		const doi = text ? normaliseDoi(text) : null;
		if (doi !== null && arxivIdOfDoi(doi) === null) return doi;
	}
	return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A month's name in full or cut to three letters (`Sept` too), as a word. */
const monthPattern = (name: string) => new RegExp(`\\b${name.slice(0, 3)}(${name.slice(3)}|t)?\\.?(?![a-z])`, 'i');
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as the paper schema keeps it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) from Zotero's reading of
 * the item's date, else from the free text: ISO dates, `May 2023`, `12 May 2023`, `May 12, 2023`,
 * else the year alone. Null when no year can be read.
 */
export function readZoteroDate(text: string | undefined, parsedDate?: string): string | null {
	if (parsedDate && isPartialDate(parsedDate)) return parsedDate;
	const date = text?.trim() ?? '';
	const iso = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:\b|T)/.exec(date);
	if (iso) {
		const [, year, month, day] = iso;
		for (const candidate of [
			month && day ? `${year}-${pad(Number(month))}-${pad(Number(day))}` : null,
			month ? `${year}-${pad(Number(month))}` : null,
			year!,
		])
			if (candidate && isPartialDate(candidate)) return candidate;
	}
	const year = /\b(1[5-9]\d\d|2\d\d\d)\b/.exec(date)?.[1];
	if (!year) return null;
	const monthIndex = MONTHS.findIndex((name) => monthPattern(name).test(date));
	if (monthIndex < 0) return year;
	const month = `${year}-${pad(monthIndex + 1)}`;
	const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)/.exec(date.replace(year, ''))?.[1];
	const withDay = day ? `${month}-${pad(Number(day))}` : null;
	return withDay && isPartialDate(withDay) ? withDay : month;
}

/** "First Last", or the one name an institution is given. */
function creatorName(creator: ZoteroCreator): string {
	if (creator.name?.trim()) return creator.name.trim();
	return [creator.firstName, creator.lastName]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join(' ');
}

/** The item's authors in order; its other creators (editors of an edited book) when it names no author. */
function authorsOf(creators: readonly ZoteroCreator[] | undefined): string[] {
	const all = creators ?? [];
	const authors = all.filter((creator) => (creator.creatorType ?? 'author') === 'author');
	return (authors.length ? authors : all).map(creatorName).filter(Boolean);
}

const ARXIV_PAGE = /^https?:\/\/(www\.|export\.)?arxiv\.org\//i;

/**
 * The paper a Zotero item of `library` describes, or null when it is no paper (a note, an
 * attachment, a web page…) or has neither a title nor an abstract. Keyed by its arXiv id when it
 * names one, else `doi:<DOI>`, else `zotero:<library>/<item key>`; `zotero_key` keeps where it came
 * from. An item without an abstract is kept without one.
 */
export function zoteroItemToPaper(item: ZoteroItem, library: string): Paper | null {
	const { data } = item;
	if (!PAPER_ITEM_TYPES.has(data.itemType)) return null;
	const arxivId = arxivIdOfItem(data);
	const doi = publishedDoiOfItem(data);
	const parsed = paperSchema.safeParse({
		id: arxivId ?? (doi ? `doi:${doi}` : `zotero:${library}/${item.key}`),
		title: data.title,
		authors: authorsOf(data.creators),
		abstract: data.abstractNote,
		venue: data.publicationTitle || data.proceedingsTitle || data.bookTitle,
		doi,
		url: data.url && !ARXIV_PAGE.test(data.url) ? data.url : null,
		published: readZoteroDate(data.date, item.meta?.parsedDate),
		zotero_key: `${library}/${item.key}`,
	});
	return parsed.success ? parsed.data : null;
}
