import { latexToPlainText } from './latex.js';
import { arxivIdOfDoi, isArxivKey, normaliseDoi, type Paper } from './paper.js';

/** The corpus files that paperbot writes from the lab's library: their records join the lab's others rather than replace them. */
export const LIBRARY_FILE_NAMES: ReadonlySet<string> = new Set(['imported.jsonl', 'zotero.jsonl']);

/** A paper the loader folded into another: `id` is the key it came with, `into` the merged paper's key. */
export interface Merge {
	id: string;
	into: string;
}

/** Lower-case ASCII words of a title, LaTeX and accents dropped, single-spaced: two spellings of one title meet here. */
export function foldTitle(title: string): string {
	return latexToPlainText(title)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The first author's surname, folded as titles are: the last word of `First Last`, or what precedes the comma of `Last, First`. */
export function firstSurname(paper: Paper): string {
	const first = paper.authors?.[0]?.trim() ?? '';
	const surname = first.includes(',') ? first.slice(0, first.indexOf(',')) : (first.split(/\s+/).at(-1) ?? '');
	return foldTitle(surname);
}

/** The published DOI of a paper, lower case: its `doi:` key's or its `doi` field's (never arXiv's own). */
export function publishedDoi(paper: Paper): string | null {
	if (paper.id.startsWith('doi:')) return paper.id.slice(4);
	const doi = paper.doi ? normaliseDoi(paper.doi) : null;
	return doi !== null && arxivIdOfDoi(doi) === null ? doi : null;
}

/** The title match of a paper: its folded title and first author's surname; null when either is unknown. */
export function titleMatch(paper: Paper): string | null {
	const title = paper.title ? foldTitle(paper.title) : '';
	const surname = firstSurname(paper);
	return title && surname ? `${title}\u0000${surname}` : null;
}

/**
 * Whether two papers' identifiers tell them apart: both have arXiv ids, or both published DOIs (that
 * differ, or they would have met by it). A preprint known by its arXiv id and a published version
 * known by its DOI do not, so their title and first author may still make them one.
 */
const identifiersDiffer = (a: Paper, b: Paper) =>
	(isArxivKey(a.id) && isArxivKey(b.id)) || (publishedDoi(a) !== null && publishedDoi(b) !== null);

/**
 * Finds which papers of a corpus are one paper, however many places name it: the same key, the
 * same DOI (case aside), or, where their identifiers do not tell them apart (a preprint's arXiv id
 * and its published version's DOI, or a record with neither), the same folded title and the same
 * first author's surname. Papers are looked up by key in `byKey`, which the
 * caller keeps; this holds their other names.
 */
export class PaperIdentities {
	private readonly byName = new Map<string, Paper>();

	/**
	 * @param byKey the papers so far, by key
	 * @param byTitle whether titles are compared at all: only when some paper has no arXiv id, as two arXiv ids always tell papers apart (folding every title costs time at scale)
	 */
	constructor(
		private readonly byKey: { get(key: string): { paper: Paper } | undefined },
		private readonly byTitle = true,
	) {}

	/** The paper already offered that `paper` is the same as, or null. */
	find(paper: Paper): Paper | null {
		const byKey = this.byKey.get(paper.id)?.paper;
		if (byKey) return byKey;
		if (this.byName.size === 0) return null;
		const doi = publishedDoi(paper);
		const byDoi = doi === null ? undefined : this.byName.get(`doi:${doi}`);
		// Two arXiv ids are two papers even when they name one published DOI (a split or joined paper).
		if (byDoi && !(isArxivKey(paper.id) && isArxivKey(byDoi.id))) return byDoi;
		const title = this.byTitle ? titleMatch(paper) : null;
		const byTitle = title === null ? undefined : this.byName.get(`title:${title}`);
		if (byTitle && !identifiersDiffer(paper, byTitle)) return byTitle;
		return null;
	}

	/** Records the names of `paper` besides its key as naming it (a merged paper replaces the ones it was made of). */
	remember(paper: Paper, replacing: Paper | null = null): void {
		if (isArxivKey(paper.id) && paper.doi === null && !this.byTitle) return;
		if (replacing) for (const name of this.namesOf(replacing)) if (this.byName.get(name) === replacing) this.byName.delete(name);
		for (const name of this.namesOf(paper)) this.byName.set(name, paper);
	}

	private namesOf(paper: Paper): string[] {
		const names: string[] = [];
		const doi = publishedDoi(paper);
		if (doi !== null) names.push(`doi:${doi}`);
		const title = this.byTitle ? titleMatch(paper) : null;
		if (title !== null) names.push(`title:${title}`);
		return names;
	}
}

/**
 * One paper from two records of it. It is keyed by its arXiv id when either has one (else the
 * first's key), takes the arXiv record's fields where both know one, fills the rest from the other
 * (so it keeps both links and the published venue and DOI), and keeps the longer abstract.
 */
export function mergePapers(first: Paper, second: Paper): Paper {
	const [primary, other] = isArxivKey(second.id) && !isArxivKey(first.id) ? [second, first] : [first, second];
	const merged: Record<string, unknown> = { ...primary };
	for (const [field, value] of Object.entries(other)) if (merged[field] === null) merged[field] = value;
	const abstracts = [primary.abstract, other.abstract].filter((text): text is string => text !== null);
	merged.abstract = abstracts.sort((a, b) => b.length - a.length)[0] ?? null;
	// A published version known only by its key still gives the merged paper its DOI.
	const otherDoi = publishedDoi(other);
	if (publishedDoi(merged as Paper) === null && otherDoi !== null) merged.doi = other.doi ?? otherDoi;
	return merged as Paper;
}
