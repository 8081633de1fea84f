import SearchableMap from 'minisearch/SearchableMap';
import { normaliseDoi, normalisePaperKey, type Paper } from '../corpus/paper.js';
import { CARRIED_KEY_MAX, carriedPaperKey } from '../interaction/custom-ids.js';
import { buildAuthorIndex, compileFilters, type AuthorIndex } from './filters.js';
import { buildPostings, documentFrequency, inverseDocumentFrequency, type Postings } from './postings.js';
import { proximityReward, type ProximityWord } from './proximity.js';
import { hasFilters, NO_FILTERS, parseQuery, type Filters } from './query.js';
import {
	accumulateScores,
	createScoreBuffers,
	expandWord,
	topScored,
	type ScoreBuffers,
	type ScoredPaper,
	type TermExpansion,
} from './rank.js';
import { buildSuggestionIndex, suggestPaperNumbers, type SuggestionIndex } from './suggest.js';
import { searchWordsOf } from './text.js';

export { parseQuery, type Filters, type ParsedQuery } from './query.js';

/**
 * Everything search needs, built once from the corpus. Plain data: the papers, the postings and
 * suggestion structures (which the index cache writes to disk), and what is cheap to derive again.
 */
export interface PaperIndex {
	/** The indexed papers; a paper's number is its position here. */
	readonly papers: readonly Paper[];
	readonly postings: Postings;
	readonly suggestions: SuggestionIndex;
	/** Paper number by id. */
	readonly numbers: ReadonlyMap<string, number>;
	/** Paper numbers, newest first (publication date, then id). */
	readonly newest: Uint32Array;
	/** Each paper's position in `newest`. */
	readonly recency: Uint32Array;
	/** Publication year per paper, 0 when unknown. */
	readonly years: Uint16Array;
	/** Author names and their papers, for the author filter. */
	readonly authors: AuthorIndex;
	/** The indexed words as minisearch's radix tree (to positions in `postings.words`), for near-spelling lookups. */
	readonly fuzzyWords: SearchableMap<number>;
	readonly buffers: ScoreBuffers;
}

/** One search result. */
export interface SearchResult {
	paper: Paper;
	score: number;
}

/** Options for {@link searchPapers}. */
export interface SearchOptions {
	/** Most results returned, best first. Default 100. */
	limit?: number;
}

const DEFAULT_LIMIT = 100;
/** How many of the best papers are read again for the query's words standing together. */
const PROXIMITY_DEPTH = 30;
/** What a pair of query words side by side adds, times the rarer word's idf. */
const PROXIMITY_WEIGHT = 0.5;

/**
 * Indexes `papers` for search, suggestions and similar papers, telling `onProgress` how far it has
 * come (0 to 1; the shares are each step's part of the time at 100,000 papers).
 */
export function buildSearchIndex(papers: readonly Paper[], onProgress: (fraction: number) => void = () => undefined): PaperIndex {
	const postings = buildPostings(papers, (fraction) => onProgress(0.6 * fraction));
	onProgress(0.73);
	const suggestions = buildSuggestionIndex(papers);
	onProgress(0.87);
	const index = assembleIndex(papers, postings, suggestions);
	onProgress(1);
	return index;
}

/**
 * Completes an index from its stored parts (see src/search/index-cache.ts): the id map, recency order,
 * years, author lookup, radix tree and buffers are quick to derive and not worth storing.
 */
export function assembleIndex(papers: readonly Paper[], postings: Postings, suggestions: SuggestionIndex): PaperIndex {
	const dateKey = (paper: Paper) => `${paper.published ?? ''}|${paper.id}`;
	const keys = papers.map(dateKey);
	// An array's sort, not a typed array's: it runs in near-linear time on a corpus already in id order.
	const newest = Uint32Array.from([...papers.keys()].sort((a, b) => (keys[a]! < keys[b]! ? 1 : keys[a]! > keys[b]! ? -1 : 0)));
	const recency = new Uint32Array(papers.length);
	newest.forEach((paperNo, position) => {
		recency[paperNo] = position;
	});
	return {
		papers,
		postings,
		suggestions,
		numbers: new Map(papers.map((paper, paperNo) => [paper.id, paperNo])),
		newest,
		recency,
		years: Uint16Array.from(papers, yearOf),
		authors: buildAuthorIndex(papers),
		fuzzyWords: SearchableMap.from(postings.words.map((word, position) => [word, position])),
		buffers: createScoreBuffers(papers.length),
	};
}

function yearOf(paper: Paper): number {
	if (paper.published) return Number(paper.published.slice(0, 4));
	const yymm = /^(\d{2})\d{2}\./.exec(paper.id);
	return yymm ? 2000 + Number(yymm[1]) : 0;
}

/**
 * Searches the papers. `query` is free text with optional filters (see {@link parseQuery});
 * `filters` given separately override the typed ones. An arXiv id or URL puts that paper first.
 * With filters and no text, every matching paper comes back newest first (up to the limit).
 */
export function searchPapers(
	index: PaperIndex,
	query: string,
	filters: Partial<Filters> = {},
	options: SearchOptions = {},
): SearchResult[] {
	const limit = options.limit ?? DEFAULT_LIMIT;
	const parsed = parseQuery(query);
	const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== null));
	const combined: Filters = { ...NO_FILTERS, ...parsed.filters, ...given };
	const accept = hasFilters(combined) ? compileFilters(index, combined) : null;

	const idPaper = getPaper(index, parsed.text);
	const words = [...new Set(searchWordsOf(parsed.text))];
	if (words.length === 0 || idPaper) {
		if (idPaper) return [{ paper: idPaper, score: 1 }];
		if (!accept) return [];
		const results: SearchResult[] = [];
		for (const paperNo of index.newest) {
			if (results.length === limit) break;
			if (accept(paperNo)) results.push({ paper: index.papers[paperNo]!, score: 0 });
		}
		return results;
	}
	const expansions = words.map((word, position) => expandWord(index.postings, index.fuzzyWords, word, position === words.length - 1));
	accumulateScores(index.postings, index.buffers, expansions);
	const ranked = topScored(index.buffers, Math.max(limit, PROXIMITY_DEPTH), accept);
	if (words.length > 1) rewardProximity(index, ranked, words, expansions);
	return ranked.slice(0, limit).map(({ paperNo, score }) => ({ paper: index.papers[paperNo]!, score }));
}

/**
 * Adds to the best {@link PROXIMITY_DEPTH} papers' scores their reward for holding the query's
 * words together (see proximityReward), and puts `ranked` back in order.
 */
function rewardProximity(index: PaperIndex, ranked: ScoredPaper[], words: string[], expansions: TermExpansion[][]): void {
	const proximityWords = words.map((word, position): ProximityWord | null => {
		const exact = expansions[position]!.find((expansion) => expansion.weight === 1);
		if (!exact) return null;
		const idf = inverseDocumentFrequency(index.papers.length, documentFrequency(index.postings, exact.term));
		return { stem: index.postings.terms[exact.term]!, typedPrefix: position === words.length - 1 ? word : null, idf };
	});
	for (const entry of ranked.slice(0, PROXIMITY_DEPTH)) {
		entry.score += PROXIMITY_WEIGHT * proximityReward(index.papers[entry.paperNo]!, proximityWords);
	}
	ranked.sort((a, b) => b.score - a.score || a.paperNo - b.paperNo);
}

/** Up to `limit` papers to offer for what has been typed so far (see suggest.ts for the order). */
export function suggestPapers(index: PaperIndex, partial: string, limit = 25): Paper[] {
	return suggestPaperNumbers(index, partial, limit).map((paperNo) => index.papers[paperNo]!);
}

/**
 * The paper a person or a button names — its key in any form {@link normalisePaperKey} reads, its
 * published version's DOI, the lab's cite key (`bib:…`), its Zotero item, or the digest a button
 * carries for a key too long for it — or null.
 */
export function getPaper(index: PaperIndex, id: string): Paper | null {
	const trimmed = id.trim();
	const key = trimmed.startsWith('#') ? trimmed : normalisePaperKey(trimmed);
	if (key === null) return null;
	const paperNo = index.numbers.get(key) ?? aliasesOf(index).get(key);
	return paperNo === undefined ? null : index.papers[paperNo]!;
}

const aliasesByIndex = new WeakMap<PaperIndex, Map<string, number>>();

/** The other names of the index's papers, made on the first look-up that needs them: one pass over the papers. */
function aliasesOf(index: PaperIndex): Map<string, number> {
	let aliases = aliasesByIndex.get(index);
	if (aliases) return aliases;
	aliases = new Map();
	for (const [paperNo, paper] of index.papers.entries()) {
		const doi = paper.doi === null ? null : normaliseDoi(paper.doi);
		if (doi !== null) aliases.set(`doi:${doi}`, paperNo);
		if (paper.cite_key) aliases.set(`bib:${paper.cite_key}`, paperNo);
		if (paper.zotero_key) aliases.set(`zotero:${paper.zotero_key}`, paperNo);
		if (paper.id.length > CARRIED_KEY_MAX) aliases.set(carriedPaperKey(paper.id), paperNo);
	}
	aliasesByIndex.set(index, aliases);
	return aliases;
}

/** A paper picked with `random` (a function returning [0, 1), as Math.random does). */
export function randomPaper(index: PaperIndex, random: () => number = Math.random): Paper {
	return index.papers[Math.min(index.papers.length - 1, Math.floor(random() * index.papers.length))]!;
}

/** How many papers the index holds. */
export function paperCount(index: PaperIndex): number {
	return index.papers.length;
}
