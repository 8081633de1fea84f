import type { Paper } from '../corpus/paper.js';
import { buildSearchIndex, type PaperIndex } from './paper-index.js';
import { compileFilters, type FilterContext } from './filters.js';
import { documentFrequency, findStem, findTerm, prefixRange, type Postings } from './postings.js';
import { hasFilters, parseQuery } from './query.js';
import { searchWordsOf, stemOf } from './text.js';

/** What matching reads from an index: its postings and what filters need. A PaperIndex is one. */
export interface MatchIndex extends FilterContext {
	readonly postings: Postings;
	/** Each paper's key, by paper number. */
	readonly ids: readonly string[];
}

/**
 * Shortest query word that also matches the longer words it begins (`wass` → `wasserstein`), as
 * search completes a word; a shorter word (`gan`, `ai`) matches only words of its own stem.
 */
const MIN_COMPLETED_WORD = 4;

/**
 * The numbers of the papers matching a saved search (a subscription or digest topic), ascending.
 * A paper matches when it passes the query's filters (`author:`, `year:`, `cat:`, `venue:`) and
 * every word of the query's text matches one of the paper's indexed words — the same fields and
 * tokeniser as search, so the same folding and stemming. A query word matches an indexed word
 * of the same stem (`networks` → `network`), or one it begins when it has at least 4 characters.
 * Stop words (`the`, `of`) are not searched, so they are not required. No near spellings: a saved
 * search should not ping anyone for a word it does not contain. Filters alone match every paper
 * that passes them; a query with neither words nor filters matches nothing.
 *
 * The rule looks at one paper at a time, never at the rest of the corpus, so a paper matches the
 * same way in the corpus index as in {@link matchPapers}' small index of papers from elsewhere.
 */
export function papersMatchingAll(index: MatchIndex, query: string): number[] {
	const parsed = parseQuery(query);
	const words = [...new Set(searchWordsOf(parsed.text))];
	const accept = hasFilters(parsed.filters) ? compileFilters(index, parsed.filters) : null;
	if (words.length === 0 && !accept) return [];
	// wordsMatched[p] = how many of the words so far paper p matched; a paper that missed one stays behind.
	const wordsMatched = new Uint16Array(index.ids.length);
	words.forEach((word, wordNo) => {
		const { offsets, papers } = index.postings;
		for (const term of termsMatching(index.postings, word)) {
			for (let at = offsets[term]!; at < offsets[term + 1]!; at++) {
				const paperNo = papers[at]!;
				if (wordsMatched[paperNo] === wordNo) wordsMatched[paperNo] = wordNo + 1;
			}
		}
	});
	const matching: number[] = [];
	for (let paperNo = 0; paperNo < index.ids.length; paperNo++) {
		if (wordsMatched[paperNo] === words.length && (!accept || accept(paperNo))) matching.push(paperNo);
	}
	return matching;
}

/** A word of a saved search that no indexed paper has, and the indexed word nearest in spelling, if any. */
export interface UnmatchedWord {
	word: string;
	nearest: string | null;
}

/**
 * The words of a saved search that match no paper of the index by the rule of
 * {@link papersMatchingAll}, each with the indexed word search would read it as (edit distance up
 * to 1 for 4–7 letters, 2 from 8; the closest, then the most common): such a search matches
 * nothing now, and a new paper matches it only if it has the word as written.
 */
export function unmatchedWords(index: Pick<PaperIndex, 'postings' | 'fuzzyWords'>, query: string): UnmatchedWord[] {
	const { postings, fuzzyWords } = index;
	const words = [...new Set(searchWordsOf(parseQuery(query).text))];
	return words
		.filter((word) => termsMatching(postings, word).length === 0)
		.map((word) => {
			const near = word.length < 4 ? [] : [...fuzzyWords.fuzzyGet(word, word.length >= 8 ? 2 : 1).values()];
			const rank = ([at, distance]: [number, number]) =>
				distance * postings.paperCount - documentFrequency(postings, postings.wordTerms[at]!);
			const [best] = near.sort((a, b) => rank(a) - rank(b));
			return { word, nearest: best ? (postings.words[best[0]] ?? null) : null };
		});
}

/** The vocabulary positions a query word matches: its stem, and the stems of the words it begins when long enough. */
function termsMatching(postings: Postings, word: string): number[] {
	const known = findTerm(postings, word);
	const exact = known >= 0 ? known : findStem(postings, stemOf(word));
	const terms = new Set(exact < 0 ? [] : [exact]);
	if (word.length >= MIN_COMPLETED_WORD) {
		const [start, end] = prefixRange(postings, word);
		for (let at = start; at < end; at++) terms.add(postings.wordTerms[at]!);
	}
	return [...terms];
}

/**
 * A matcher over papers that are not in the corpus index (a day's arXiv listing, say): indexes
 * them once, then answers each query with the papers that match it by the rule of
 * {@link papersMatchingAll}, in the order given.
 */
export function matchPapers(papers: readonly Paper[]): (query: string) => Paper[] {
	const index = buildSearchIndex(papers);
	return (query) => papersMatchingAll(index, query).map((paperNo) => index.papers.at(paperNo)!);
}

/**
 * Whether a saved search matches the indexed paper with `paperId`, by the rule of
 * {@link papersMatchingAll}: each query is matched against the index once, then looked up.
 */
export function savedSearchMatcher(index: PaperIndex): (query: string, paperId: string) => boolean {
	const matched = new Map<string, Set<string>>();
	return (query, paperId) => {
		let ids = matched.get(query);
		if (!ids) {
			ids = new Set(papersMatchingAll(index, query).map((paperNo) => index.ids[paperNo]!));
			for (const paperNo of index.added ? papersMatchingAll(index.added, query) : []) ids.add(index.added!.ids[paperNo]!);
			matched.set(query, ids);
		}
		return ids.has(paperId);
	};
}
