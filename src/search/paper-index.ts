import SearchableMap from 'minisearch/SearchableMap';
import { normalisePaperKey, type Paper } from '../corpus/paper.js';
import {
	buildAliases,
	buildTextColumn,
	categoriesText,
	findSorted,
	type PaperAliases,
	PaperNumbers,
	type TextColumn,
	venueText,
} from './columns.js';
import { buildAuthorIndex, compileFilters, namesByWordOf, papersByAuthor, type AuthorIndex, type PaperFilter } from './filters.js';
import type { PaperList } from './paper-list.js';
import { topPapers, topPapersAmong } from './top-papers.js';
import { buildPostings, documentFrequency, inverseDocumentFrequency, type Postings } from './postings.js';
import { proximityReward, type ProximityWord } from './proximity.js';
import { hasFilters, NO_FILTERS, parseQuery, type Filters } from './query.js';
import { createScoreBuffers, expandWord, type ScoreBuffers, type ScoredPaper, type TermExpansion } from './rank.js';
import { buildSuggestionIndex, suggestPaperNumbers, type SuggestionIndex, titleStartsOf } from './suggest.js';
import { lowerBound } from './sorted.js';
import { searchWordsOf, termsOf } from './text.js';

export { parseQuery, type Filters, type ParsedQuery } from './query.js';

/**
 * What an index stores (the index cache writes these to disk and reads them back as they are):
 * typed arrays and string tables, nothing that needs a paper's record to be read.
 */
export interface StoredIndexParts {
	/** Each paper's key, by paper number. */
	ids: readonly string[];
	postings: Postings;
	suggestions: SuggestionIndex;
	/** Paper numbers, newest first (publication date, then id). */
	newest: Uint32Array;
	/** Each paper's position in `newest`. */
	recency: Uint32Array;
	/** Publication year per paper, 0 when unknown. */
	years: Uint16Array;
	/** Author names and their papers, for the author filter (its word lookup is made on load). */
	authors: Omit<AuthorIndex, 'namesByWord'>;
	categories: TextColumn;
	venues: TextColumn;
	aliases: PaperAliases;
}

/**
 * Everything search needs: the stored parts, the papers by number (read from disk when the index
 * came from its cache), and what is quick to derive on load.
 */
export interface PaperIndex extends StoredIndexParts {
	/** The indexed papers; a paper's number is its position here. */
	readonly papers: PaperList;
	/** Paper number by id. */
	readonly numbers: PaperNumbers;
	readonly authors: AuthorIndex;
	/** The papers in title order (see titleStartsOf). */
	readonly titleStarts: Uint32Array;
	/** The indexed words as minisearch's radix tree (to positions in `postings.words`), for near-spelling lookups. */
	readonly fuzzyWords: SearchableMap<number>;
	readonly buffers: ScoreBuffers;
	/**
	 * The papers added to the corpus since this index was built or read (see withAddedPapers), in an
	 * index of their own scored within this one; null when there are none. Its paper numbers are its
	 * own: everything that looks papers up (search, suggestions, getPaper, paperIds) asks both.
	 */
	readonly added: PaperIndex | null;
}

/** One search result. */
export interface SearchResult {
	/** Read from the index's papers when first asked for: most results of a query are never shown. */
	readonly paper: Paper;
	score: number;
}

/**
 * A result; when the papers are read from disk, one whose paper is read when asked for, once (an
 * enumerable property all the same, so results compare as plain data). Papers in memory are read
 * at once, into a plain object: results with a property defined on them kept the heap of 100,000
 * papers about 30 MB larger through a run of queries.
 */
function resultOf(papers: PaperList, paperNo: number, score: number): SearchResult {
	if (Array.isArray(papers)) return { paper: papers[paperNo]!, score };
	let paper: Paper | undefined;
	return Object.defineProperty({ score } as SearchResult, 'paper', {
		enumerable: true,
		get: () => (paper ??= papers.at(paperNo)!),
	});
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
 * come (0 to 1; the shares are each step's part of the time at 100,000 papers). Papers added to an
 * index already in service are indexed `within` it, so that their scores compare (see buildPostings).
 */
export function buildSearchIndex(
	papers: PaperList,
	onProgress: (fraction: number) => void = () => undefined,
	within: PaperIndex | null = null,
): PaperIndex {
	const parts = buildPartsBesidePostings(papers);
	onProgress(0.27);
	const postings = buildPostings(papers, (fraction) => onProgress(0.27 + 0.73 * fraction), within?.postings ?? null);
	onProgress(1);
	return assembleIndex({ ...parts, postings }, papers);
}

/**
 * Everything an index stores but its postings: ids, suggestions, order, years, authors, filter
 * columns and other names. Made apart from the postings so that a large corpus's parsed papers can
 * be let go before the postings, the largest part, are built from their stored records.
 */
export function buildPartsBesidePostings(papers: PaperList): Omit<StoredIndexParts, 'postings'> {
	const ids = Array.from({ length: papers.length }, (_, paperNo) => papers.at(paperNo)!.id);
	const suggestions = buildSuggestionIndex(papers, ids);
	const keys = Array.from({ length: papers.length }, (_, paperNo) => dateKey(papers.at(paperNo)!));
	// An array's sort, not a typed array's: it runs in near-linear time on a corpus already in id order.
	const newest = Uint32Array.from([...keys.keys()].sort((a, b) => (keys[a]! < keys[b]! ? 1 : keys[a]! > keys[b]! ? -1 : 0)));
	const recency = new Uint32Array(papers.length);
	newest.forEach((paperNo, position) => {
		recency[paperNo] = position;
	});
	const { names, paperOffsets, namePapers } = buildAuthorIndex(papers);
	return {
		ids,
		suggestions,
		newest,
		recency,
		years: Uint16Array.from({ length: papers.length }, (_, paperNo) => yearOf(papers.at(paperNo)!)),
		authors: { names, paperOffsets, namePapers },
		categories: buildTextColumn(papers, categoriesText),
		venues: buildTextColumn(papers, venueText),
		aliases: buildAliases(papers),
	};
}

/**
 * Completes an index from its stored parts (see src/search/index-cache.ts) and its papers: the id
 * lookup, title order, author words, radix tree and buffers are quick to derive and not worth storing.
 */
export function assembleIndex(parts: StoredIndexParts, papers: PaperList): PaperIndex {
	return {
		...parts,
		papers,
		numbers: new PaperNumbers(parts.ids, parts.suggestions.papersById),
		authors: { ...parts.authors, namesByWord: namesByWordOf(parts.authors.names) },
		titleStarts: titleStartsOf(parts.suggestions),
		fuzzyWords: SearchableMap.from(parts.postings.words.map((word, position) => [word, position])),
		buffers: createScoreBuffers(papers.length),
		added: null,
	};
}

/**
 * The index with `papers` added, without building it again: the papers added so far and these
 * are indexed on their own, scored within the index (see buildSearchIndex), which costs what
 * indexing them costs, however large the corpus. The caller checks that none of them is a paper
 * the index has (see hasPaper).
 */
export function withAddedPapers(index: PaperIndex, papers: readonly Paper[]): PaperIndex {
	const { added } = index;
	const earlier = added ? Array.from({ length: added.papers.length }, (_, paperNo) => added.papers.at(paperNo)!) : [];
	return { ...index, added: buildSearchIndex([...earlier, ...papers], undefined, index) };
}

/** What orders papers newest first: publication date, then id. */
const dateKey = (paper: Paper) => `${paper.published ?? ''}|${paper.id}`;

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
	const idPaper = getPaper(index, parsed.text);
	if (idPaper) return [{ paper: idPaper, score: 1 }];
	const found = searchLayer(index, parsed.text, combined, limit);
	if (!index.added) return found;
	const added = searchLayer(index.added, parsed.text, combined, limit);
	// Without words, both lists are newest first: so is their merge.
	const order = searchWordsOf(parsed.text).length
		? (a: SearchResult, b: SearchResult) => b.score - a.score
		: (a: SearchResult, b: SearchResult) => (dateKey(b.paper) < dateKey(a.paper) ? -1 : dateKey(b.paper) > dateKey(a.paper) ? 1 : 0);
	return [...found, ...added].sort(order).slice(0, limit);
}

/** The papers of one index (not its added papers) for a query's text and filters. */
function searchLayer(index: PaperIndex, text: string, combined: Filters, limit: number): SearchResult[] {
	// Found once: the filter, the order without words and the scoring of few papers all use them.
	const byAuthor = combined.author === null ? null : papersByAuthor(index.authors, combined.author);
	const accept = hasFilters(combined) ? compileFilters(index, combined, byAuthor) : null;
	const words = [...new Set(searchWordsOf(text))];
	if (words.length === 0) {
		if (!accept) return [];
		const results: SearchResult[] = [];
		// An author's papers are few: put them in order rather than walk every paper for them.
		for (const paperNo of byAuthor ? [...byAuthor].sort((a, b) => index.recency[a]! - index.recency[b]!) : index.newest) {
			if (results.length === limit) break;
			if (accept(paperNo)) results.push(resultOf(index.papers, paperNo, 0));
		}
		return results;
	}
	const expansions = words.map((word, position) => expandWord(index.postings, index.fuzzyWords, word, position === words.length - 1));
	const ranked = topScoredPapers(index, expansions, Math.max(limit, PROXIMITY_DEPTH), byAuthor, accept);
	if (words.length > 1) rewardProximity(index, ranked, words, expansions);
	return ranked.slice(0, limit).map(({ paperNo, score }) => resultOf(index.papers, paperNo, score));
}

/**
 * The best `limit` papers for the expanded words that pass `accept`, as every posting summed would
 * rank them: among an author's papers when they are few, else skipping common words' lists where
 * that changes nothing (see top-papers.ts).
 */
function topScoredPapers(
	index: PaperIndex,
	expansions: TermExpansion[][],
	limit: number,
	byAuthor: Uint32Array | null,
	accept: PaperFilter | null,
): ScoredPaper[] {
	if (byAuthor && byAuthor.length <= index.ids.length / FEW_PAPERS_SHARE)
		return topPapersAmong(index.postings, expansions, byAuthor, limit, accept);
	return topPapers(index.postings, index.buffers, expansions, limit, accept);
}

/** An author filter that keeps fewer than 1/this of the papers scores them one by one. */
const FEW_PAPERS_SHARE = 64;

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
		entry.score += PROXIMITY_WEIGHT * proximityReward(index.papers.at(entry.paperNo)!, proximityWords);
	}
	ranked.sort((a, b) => b.score - a.score || a.paperNo - b.paperNo);
}

/** Up to `limit` papers to offer for what has been typed so far (see suggest.ts for the order); papers added since the index was built first. */
export function suggestPapers(index: PaperIndex, partial: string, limit = 25): Paper[] {
	const added = index.added ? suggestPapers(index.added, partial, limit) : [];
	const found = suggestPaperNumbers(index, partial, limit - added.length).map((paperNo) => index.papers.at(paperNo)!);
	return [...added, ...found];
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
	const { aliases } = index;
	const paperNo =
		index.numbers.get(key) ?? findSorted(aliases.keys, key.startsWith('doi:') ? key.toLowerCase() : key, (at) => aliases.papers[at]!);
	if (paperNo !== undefined) return index.papers.at(paperNo)!;
	return index.added ? getPaper(index.added, key) : null;
}

/** Whether the index (or its added papers) has a paper with the key `key`, as written. */
export function hasPaper(index: PaperIndex, key: string): boolean {
	return index.numbers.has(key) || (index.added !== null && hasPaper(index.added, key));
}

/** Every paper's key: the index's, then its added papers'. */
export function paperIds(index: PaperIndex): string[] {
	return index.added ? [...index.ids, ...paperIds(index.added)] : [...index.ids];
}

/** Every paper, the index's then its added papers': each record is read, so a large corpus is read whole. */
export function* eachPaper(index: PaperIndex): Generator<Paper> {
	for (let paperNo = 0; paperNo < index.papers.length; paperNo++) yield index.papers.at(paperNo)!;
	if (index.added) yield* eachPaper(index.added);
}

/** How many papers have a name beginning `prefix` besides their key (`bib:`: those with a cite key), counted in the sorted aliases. */
export function aliasedPaperCount(index: PaperIndex, prefix: string): number {
	const { keys } = index.aliases;
	const from = lowerBound(keys.length, (at) => keys[at]! < prefix);
	const to = lowerBound(keys.length, (at) => keys[at]! < `${prefix}\uffff`);
	return to - from + (index.added ? aliasedPaperCount(index.added, prefix) : 0);
}

/** A paper picked with `random` (a function returning [0, 1), as Math.random does). */
export function randomPaper(index: PaperIndex, random: () => number = Math.random): Paper {
	const count = paperCount(index);
	const paperNo = Math.min(count - 1, Math.floor(random() * count));
	return paperNo < index.papers.length ? index.papers.at(paperNo)! : index.added!.papers.at(paperNo - index.papers.length)!;
}

/** How many papers the index holds, its added papers included. */
export function paperCount(index: PaperIndex): number {
	return index.papers.length + (index.added ? paperCount(index.added) : 0);
}

/**
 * The papers that may share a made BibTeX key with `paper` (see bibtexKey): those with an author
 * whose name has the paper's first author's surname. Read from the author index, so citing a
 * paper reads a few records rather than the whole corpus.
 */
export function papersSharingSurname(index: PaperIndex, paper: Paper): Paper[] {
	const surname = termsOf(paper.authors?.[0]?.trim().split(/\s+/).at(-1) ?? '').at(-1);
	if (!surname) return [];
	const { namesByWord, paperOffsets, namePapers } = index.authors;
	const paperNos = new Set<number>();
	for (const nameNo of namesByWord.get(surname) ?? []) {
		for (let at = paperOffsets[nameNo]!; at < paperOffsets[nameNo + 1]!; at++) paperNos.add(namePapers[at]!);
	}
	const added = index.added ? papersSharingSurname(index.added, paper) : [];
	return [...[...paperNos].map((paperNo) => index.papers.at(paperNo)!), ...added];
}
