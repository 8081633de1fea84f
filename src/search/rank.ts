import type SearchableMap from 'minisearch/SearchableMap';
import { documentFrequency, findStem, findTerm, prefixRange, type Postings } from './postings.js';
import { stemOf } from './text.js';
import type { PaperFilter } from './filters.js';

/** One vocabulary term a query word stands for, and how much a match on it counts. */
export interface TermExpansion {
	term: number;
	weight: number;
}

/** Reusable per-index buffers: a query accumulates scores here instead of in fresh maps. */
export interface ScoreBuffers {
	scores: Float32Array;
	/** Which query last touched each paper; anything else in the buffers for it is stale. */
	generation: Uint32Array;
	/** Papers touched by the current query, in `touched[0..touchedCount)`. */
	touched: Uint32Array;
	touchedCount: number;
	currentGeneration: number;
}

/** Weights from minisearch: a completion or a near spelling counts less than the word itself. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Completions and near spellings taken per word, the most frequent first: bounds a query's cost. */
const MAX_PREFIX_TERMS = 12;
const MAX_FUZZY_TERMS = 8;
/** A typed word in more than 1/this of the papers is taken as finished: its completions are not added. */
const COMMON_WORD_SHARE = 20;

/** Allocates the buffers for an index of `paperCount` papers. */
export function createScoreBuffers(paperCount: number): ScoreBuffers {
	return {
		scores: new Float32Array(paperCount),
		generation: new Uint32Array(paperCount),
		touched: new Uint32Array(paperCount),
		touchedCount: 0,
		currentGeneration: 0,
	};
}

/**
 * The terms a query word matches: its own stem when the vocabulary has it, at full weight; when it
 * is the word being typed (the last) and not a common word already, the stems of the words it
 * begins, weighted below it; near spellings of it (edit distance up to 1 for 4–7 letters, 2 from
 * 8) only when nothing else matched — so fuzzy matching, the expensive part, runs only for words
 * the corpus does not contain. `fuzzyWords` maps each indexed word to its position in `postings.words`.
 */
export function expandWord(postings: Postings, fuzzyWords: SearchableMap<number>, word: string, isLast: boolean): TermExpansion[] {
	const expansions: TermExpansion[] = [];
	const known = findTerm(postings, word);
	const exact = known >= 0 ? known : findStem(postings, stemOf(word));
	if (exact >= 0) expansions.push({ term: exact, weight: 1 });
	const common = exact >= 0 && documentFrequency(postings, exact) > postings.paperCount / COMMON_WORD_SHARE;
	if (isLast && word.length >= 2 && !common) {
		const [start, end] = prefixRange(postings, word);
		const shortest = new Map<number, number>();
		for (let at = start; at < end; at++) {
			const term = postings.wordTerms[at]!;
			const length = postings.words[at]!.length;
			const before = shortest.get(term);
			if (term !== exact && (before === undefined || length < before)) shortest.set(term, length);
		}
		for (const term of mostFrequent(postings, [...shortest.keys()], MAX_PREFIX_TERMS)) {
			const length = shortest.get(term)!;
			expansions.push({ term, weight: (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)) });
		}
	}
	if (expansions.length === 0 && word.length >= 4) {
		const maxDistance = word.length >= 8 ? 2 : 1;
		const near = [...fuzzyWords.fuzzyGet(word, maxDistance).values()].sort((a, b) => a[1] - b[1]);
		const seen = new Set<number>();
		for (const [at, distance] of near) {
			const term = postings.wordTerms[at]!;
			if (seen.has(term)) continue;
			seen.add(term);
			expansions.push({ term, weight: (FUZZY_WEIGHT * word.length) / (word.length + distance) });
			if (seen.size === MAX_FUZZY_TERMS) break;
		}
	}
	return expansions;
}

function mostFrequent(postings: Postings, terms: number[], limit: number): number[] {
	if (terms.length <= limit) return terms;
	return terms.sort((a, b) => documentFrequency(postings, b) - documentFrequency(postings, a)).slice(0, limit);
}

/**
 * Adds every expansion's postings into the buffers: `words[i]` holds query word i's expansions.
 * Afterwards `buffers.touched` lists each paper that matched at least one word. `continuing` adds
 * to the scores of the last call instead of starting again.
 */
export function accumulateScores(
	postings: Postings,
	buffers: ScoreBuffers,
	words: readonly (readonly TermExpansion[])[],
	continuing = false,
): void {
	const { scores, generation, touched } = buffers;
	const current = continuing ? buffers.currentGeneration : ++buffers.currentGeneration;
	let touchedCount = continuing ? buffers.touchedCount : 0;
	for (const expansions of words) {
		for (const { term, weight } of expansions) {
			const factor = termFactor(postings, term, weight);
			const end = postings.offsets[term + 1]!;
			for (let at = postings.offsets[term]!; at < end; at++) {
				const paperNo = postings.papers[at]!;
				if (generation[paperNo] !== current) {
					generation[paperNo] = current;
					scores[paperNo] = 0;
					touched[touchedCount++] = paperNo;
				}
				scores[paperNo]! += postings.impacts[at]! * factor;
			}
		}
	}
	buffers.touchedCount = touchedCount;
}

/** What a term's stored impacts are multiplied by for a query word that counts `weight`: every scorer multiplies by this, so their sums agree to the bit. */
export const termFactor = (postings: Postings, term: number, weight: number) => postings.scales[term]! * weight;

/** A paper number and its score. */
export interface ScoredPaper {
	paperNo: number;
	score: number;
}

/**
 * The best `limit` touched papers that pass `accept`, best first; ties go to the lower paper
 * number. A paper's score is its summed term scores, as BM25 adds them: no bonus for the number
 * of words matched, which put one frequent word's papers above a rare word's. `accept` runs only
 * for papers good enough to enter the results, which keeps costly filters cheap.
 */
export function topScored(buffers: ScoreBuffers, limit: number, accept: PaperFilter | null): ScoredPaper[] {
	const heap: ScoredPaper[] = [];
	const worseThan = (a: ScoredPaper, b: ScoredPaper) => a.score < b.score || (a.score === b.score && a.paperNo > b.paperNo);
	for (let i = 0; i < buffers.touchedCount; i++) {
		const paperNo = buffers.touched[i]!;
		const score = buffers.scores[paperNo]!;
		// Compared as numbers first: most papers fall below the current worst and cost no allocation.
		if (heap.length === limit && (score < heap[0]!.score || (score === heap[0]!.score && paperNo > heap[0]!.paperNo))) continue;
		if (accept && !accept(paperNo)) continue;
		if (heap.length < limit) siftUp(heap, { paperNo, score }, worseThan);
		else replaceTop(heap, { paperNo, score }, worseThan);
	}
	return heap.sort((a, b) => (worseThan(a, b) ? 1 : worseThan(b, a) ? -1 : 0));
}

type Worse = (a: ScoredPaper, b: ScoredPaper) => boolean;

function siftUp(heap: ScoredPaper[], item: ScoredPaper, worseThan: Worse): void {
	let at = heap.push(item) - 1;
	while (at > 0) {
		const parent = (at - 1) >>> 1;
		if (!worseThan(heap[at]!, heap[parent]!)) break;
		[heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
		at = parent;
	}
}

function replaceTop(heap: ScoredPaper[], item: ScoredPaper, worseThan: Worse): void {
	heap[0] = item;
	let at = 0;
	for (;;) {
		const left = 2 * at + 1;
		const right = left + 1;
		let worst = at;
		if (left < heap.length && worseThan(heap[left]!, heap[worst]!)) worst = left;
		if (right < heap.length && worseThan(heap[right]!, heap[worst]!)) worst = right;
		if (worst === at) return;
		[heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
		at = worst;
	}
}
