import { normaliseArxivId, type Paper } from '../corpus/paper.js';
import type { PaperIndex } from './paper-index.js';
import { documentFrequency, findTerm, type Postings } from './postings.js';
import { searchWordsOf } from './text.js';

/** A paper like another, and how like it (see {@link similarPapers}). */
export interface SimilarPaper {
	paper: Paper;
	/** Cosine similarity of the two papers' tf-idf vectors, 0–1. */
	similarity: number;
}

/**
 * The least similarity listed: below it papers share little more than everyday words. In the
 * shipped corpus the spiking-network papers score 0.06–0.17 with each other and the YbOH molecule
 * paper at most 0.021 with any; among 13,735 arXiv papers a paper's fifth neighbour scores 0.09
 * or more for 95% of papers (README, "Similar papers").
 */
export const SIMILARITY_FLOOR = 0.06;
/** Distinctive abstract words the candidate query takes, besides the title's words. */
const QUERY_ABSTRACT_TERMS = 12;
/** Candidates re-scored by cosine similarity: the best this many by the candidate query. */
const CANDIDATES = 50;
/** A title word counts as this many occurrences: the title says what the paper is about. */
const TITLE_REPEATS = 2;

/**
 * Papers like the one with `id`, most similar first, never that paper: at most `limit`, and only
 * those at or above {@link SIMILARITY_FLOOR}, so there may be fewer or none. Empty for an unknown id.
 *
 * Candidates come from the index: a query of the paper's title words and its most particular
 * abstract words (highest tf-idf). Each is then scored by the cosine of the two papers' tf-idf
 * vectors over their titles and abstracts — every word counted, so a paper whose own vocabulary
 * no other paper shares stays unlike them all. Cosine is normalised by both papers' lengths and
 * weighs words by rarity in the corpus at hand, so one floor serves ten papers and tens of thousands.
 */
export function similarPapers(index: PaperIndex, id: string, limit = 5): SimilarPaper[] {
	const self = index.numbers.get(normaliseArxivId(id) ?? id);
	if (self === undefined) return [];
	const paper = index.papers[self]!;
	const idf = inverseDocumentFrequency(index);
	const vector = tfidfVector(paper, idf);
	const length = norm(vector);
	return candidates(index, self, queryTerms(index, paper))
		.map((paperNo) => {
			const other = tfidfVector(index.papers[paperNo]!, idf);
			return { paper: index.papers[paperNo]!, similarity: dot(vector, other) / (length * norm(other) || 1) };
		})
		.filter((similar) => similar.similarity >= SIMILARITY_FLOOR)
		.sort((a, b) => b.similarity - a.similarity)
		.slice(0, limit);
}

/**
 * The best {@link CANDIDATES} other papers for the query terms, by summed postings scores. Words
 * in more than a quarter of a large corpus are left out: they add little score and many papers to sort.
 */
function candidates(index: PaperIndex, self: number, terms: readonly number[]): number[] {
	const scores = new Float64Array(index.papers.length);
	const touched: number[] = [];
	const { offsets, papers, impacts } = index.postings;
	const commonFrom = Math.max(CANDIDATES, index.papers.length / 4);
	for (const term of terms) {
		if (documentFrequency(index.postings, term) > commonFrom) continue;
		for (let at = offsets[term]!; at < offsets[term + 1]!; at++) {
			const paperNo = papers[at]!;
			if (paperNo === self) continue;
			if (scores[paperNo] === 0) touched.push(paperNo);
			scores[paperNo]! += impacts[at]!;
		}
	}
	return touched.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, CANDIDATES);
}

/** The vocabulary positions of a paper's title words and its most distinctive abstract words. */
function queryTerms(index: PaperIndex, paper: Paper): number[] {
	const distinctive = [...countWords(searchWordsOf(paper.abstract))]
		.map(([word, count]) => {
			const term = findTerm(index.postings, word);
			const frequency = term < 0 ? 0 : documentFrequency(index.postings, term);
			// A word only this paper has finds no other paper.
			return { term, tfidf: frequency > 1 ? count * Math.log(index.papers.length / frequency) : 0 };
		})
		.filter((entry) => entry.tfidf > 0)
		.sort((a, b) => b.tfidf - a.tfidf)
		.slice(0, QUERY_ABSTRACT_TERMS)
		.map((entry) => entry.term);
	const titleTerms = searchWordsOf(paper.title ?? '').map((word) => findTerm(index.postings, word));
	return [...new Set([...titleTerms, ...distinctive])].filter((term) => term >= 0);
}

function countWords(words: readonly string[], repeats = 1, counts = new Map<string, number>()): Map<string, number> {
	for (const word of words) counts.set(word, (counts.get(word) ?? 0) + repeats);
	return counts;
}

/** A word's log(papers / papers with the word), looked up once per word per call. */
function inverseDocumentFrequency(index: { postings: Postings; papers: readonly Paper[] }): (word: string) => number {
	const known = new Map<string, number>();
	return (word) => {
		let idf = known.get(word);
		if (idf === undefined) {
			const term = findTerm(index.postings, word);
			idf = Math.log(index.papers.length / (term < 0 ? 1 : documentFrequency(index.postings, term)));
			known.set(word, idf);
		}
		return idf;
	};
}

/** A paper's title and abstract words weighted by (1 + log count) × idf; title words count {@link TITLE_REPEATS} times. */
function tfidfVector(paper: Paper, idf: (word: string) => number): Map<string, number> {
	const counts = countWords(searchWordsOf(paper.abstract), 1, countWords(searchWordsOf(paper.title ?? ''), TITLE_REPEATS));
	const vector = new Map<string, number>();
	for (const [word, count] of counts) {
		const weight = idf(word);
		if (weight > 0) vector.set(word, (1 + Math.log(count)) * weight);
	}
	return vector;
}

function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
	let sum = 0;
	for (const [word, weight] of a) sum += weight * (b.get(word) ?? 0);
	return sum;
}

function norm(vector: ReadonlyMap<string, number>): number {
	let sum = 0;
	for (const weight of vector.values()) sum += weight * weight;
	return Math.sqrt(sum);
}
