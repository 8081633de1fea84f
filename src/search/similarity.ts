import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from './paper-index.js';
import { documentFrequency, findTerm } from './postings.js';
import { accumulateScores, topScored } from './rank.js';
import { searchWordsOf } from './text.js';
import { grown } from './typed-arrays.js';

/**
 * How papers are compared, for `/paper similar` and the arXiv feed alike. Each paper is a vector of
 * its title's and abstract's search words (folded and split as search does, not stemmed: stemming
 * measured slightly worse) and of each pair of adjacent words in a field (word bigrams: "spiking
 * neural" says more than "spiking" and "neural"). A term's weight is BM25's: its count saturated
 * by `k1` and normalised by the paper's length (`b`), times its idf over the papers being compared.
 * Vectors are scaled to unit length, so the dot product of two is their cosine: 1 for the same
 * words in the same proportions, 0 for no shared term. Tuned on the tuning half of the feed
 * evaluation (`npm run eval -- --feed`); the grid around these values was flat.
 */
export const SIMILARITY = { k1: 1.2, b: 0.75 } as const;

/**
 * The lab a paper is compared with when the corpus is large: at most this many of its papers, the
 * newest, serve as the idf background and the lab's centroid; nearest papers still come from the
 * whole corpus through the index.
 */
export const LAB_SAMPLE = 2_000;

/** A paper as a unit-length sparse vector over a {@link SimilaritySpace}'s terms. */
export interface PaperVector {
	readonly terms: Uint32Array;
	readonly weights: Float32Array;
}

/** Term counts of one paper, by term number of its space. */
interface TermCounts {
	terms: Uint32Array;
	counts: Float32Array;
	/** Counts of the paper's terms the space's background does not have: they share nothing, but weigh in its length. */
	unseen: readonly number[];
	length: number;
}

/**
 * The papers being compared, as one vocabulary with document frequencies: idf is taken over the
 * background papers given when it is made (the lab's and the day's papers for the feed), so a word
 * common among them says little. Papers outside the background can be turned into vectors too;
 * their terms unknown to the background weigh as the rarest, and are not added to the vocabulary,
 * so a space kept while an index is in service does not grow with every paper it compares. A paper's terms are its title's and
 * abstract's search words, and each pair of adjacent words within a field.
 */
export class SimilaritySpace {
	/** Term number of each word, and of each pair of words by their two term numbers (small integers, which maps hash fast). */
	readonly #words = new Map<string, number>();
	readonly #pairs = new Map<number, Map<number, number>>();
	#terms = 0;
	#frequencies: Uint32Array = new Uint32Array(1 << 12);
	/** A paper's count of each term while it is being counted; zero again after. */
	#inPaper: Uint32Array = new Uint32Array(1 << 12);
	/** The distinct terms of the paper being counted, in the order met. */
	#touched: Uint32Array = new Uint32Array(1 << 10);
	readonly #counted = new Map<Paper, TermCounts>();
	#background = 0;
	#totalLength = 0;
	/** Each term's words ("spiking", "spiking neural"), made when first asked for and again after the vocabulary grows. */
	#labels: string[] | null = null;

	/** A space whose idf is over `background` (more can be added with {@link addToBackground}). */
	constructor(background: readonly Paper[] = []) {
		for (const paper of background) this.addToBackground(paper);
	}

	/** Counts the paper into the idf and the average length; vectors made before see the counts as they were. */
	addToBackground(paper: Paper): void {
		const counted = this.#count(paper, true);
		this.#counted.set(paper, counted);
		this.#background++;
		this.#totalLength += counted.length;
		for (const term of counted.terms) this.#frequencies[term]!++;
	}

	/** BM25's idf of a term among the background papers (of one they lack, for a negative term). */
	#idf(term: number): number {
		const frequency = term >= 0 && term < this.#frequencies.length ? this.#frequencies[term]! : 0;
		return Math.log(1 + (this.#background - frequency + 0.5) / (frequency + 0.5));
	}

	#newTerm(): number {
		this.#labels = null;
		const number = this.#terms++;
		if (number >= this.#frequencies.length) {
			this.#frequencies = grown(this.#frequencies, number * 2);
			this.#inPaper = grown(this.#inPaper, number * 2);
		}
		return number;
	}

	/** Counts the paper's terms; `learn` gives its new terms numbers (a background paper), else they are counted apart as unseen. */
	#count(paper: Paper, learn: boolean): TermCounts {
		let touched = 0;
		let unseen: Map<string, number> | null = null;
		let length = 0;
		for (const field of [paper.title ?? '', paper.abstract ?? '']) {
			let previous = -1;
			let previousWord = '';
			for (const word of searchWordsOf(field)) {
				let term = this.#words.get(word);
				if (term === undefined && learn) this.#words.set(word, (term = this.#newTerm()));
				if (term === undefined) (unseen ??= new Map()).set(word, (unseen.get(word) ?? 0) + 1);
				else if (this.#inPaper[term]!++ === 0) touched = this.#touch(touched, term);
				if (previousWord) {
					let following = previous < 0 ? undefined : this.#pairs.get(previous);
					if (!following && learn && previous >= 0) this.#pairs.set(previous, (following = new Map()));
					let pair = term === undefined ? undefined : following?.get(term);
					if (pair === undefined && learn && following && term !== undefined) following.set(term, (pair = this.#newTerm()));
					if (pair === undefined) {
						const key = `${previousWord} ${word}`;
						(unseen ??= new Map()).set(key, (unseen.get(key) ?? 0) + 1);
					} else if (this.#inPaper[pair]!++ === 0) touched = this.#touch(touched, pair);
					length++;
				}
				length++;
				previous = term ?? -1;
				previousWord = word;
			}
		}
		const terms = this.#touched.slice(0, touched);
		const counts = new Float32Array(touched);
		for (let i = 0; i < touched; i++) {
			counts[i] = this.#inPaper[terms[i]!]!;
			this.#inPaper[terms[i]!] = 0;
		}
		return { terms, counts, unseen: unseen ? [...unseen.values()] : [], length };
	}

	/** Notes the `at`th distinct term of the paper being counted; returns how many are noted. */
	#touch(at: number, term: number): number {
		if (at === this.#touched.length) this.#touched = grown(this.#touched, at * 2);
		this.#touched[at] = term;
		return at + 1;
	}

	/** The paper's unit-length BM25 vector in this space. */
	vector(paper: Paper): PaperVector {
		const { terms, counts, unseen, length } = this.#counted.get(paper) ?? this.#count(paper, false);
		const { k1, b } = SIMILARITY;
		const averageLength = this.#totalLength / Math.max(1, this.#background);
		const lengthNorm = 1 - b + (b * length) / (averageLength || 1);
		const weight = (count: number, idf: number) => ((count * (k1 + 1)) / (count + k1 * lengthNorm)) * idf;
		const weights = new Float32Array(terms.length);
		for (let i = 0; i < terms.length; i++) weights[i] = weight(counts[i]!, this.#idf(terms[i]!));
		const rarest = this.#idf(-1);
		let unseenSquares = 0;
		for (const count of unseen) unseenSquares += weight(count, rarest) ** 2;
		return { terms, weights: unitLength(weights, unseenSquares) };
	}

	/**
	 * The terms two vectors of this space share that add most to their cosine, strongest first, as
	 * words ("surrogate gradient"); a term whose every word is already named, or with a word of
	 * fewer than three letters, is left out.
	 */
	sharedTerms(a: PaperVector, b: PaperVector, limit: number): string[] {
		spread(a);
		const shared: { term: number; weight: number }[] = [];
		for (let i = 0; i < b.terms.length; i++) {
			const weight = b.weights[i]! * (dense[b.terms[i]!] ?? 0);
			if (weight > 0) shared.push({ term: b.terms[i]!, weight });
		}
		clear(a);
		const labels = this.#termLabels();
		const named: string[] = [];
		const covered = new Set<string>();
		for (const { term } of shared.sort((x, y) => y.weight - x.weight || x.term - y.term)) {
			const words = (labels[term] ?? '').split(' ');
			// A two-letter word ("we first") is no topic the papers share.
			if (words.some((word) => word.length < 3) || words.every((word) => covered.has(word))) continue;
			named.push(words.join(' '));
			for (const word of words) covered.add(word);
			if (named.length === limit) break;
		}
		return named;
	}

	#termLabels(): string[] {
		if (this.#labels) return this.#labels;
		const labels: string[] = [];
		for (const [word, term] of this.#words) labels[term] = word;
		for (const [first, following] of this.#pairs)
			for (const [second, pair] of following) labels[pair] = `${labels[first]} ${labels[second]}`;
		this.#labels = labels;
		return labels;
	}
}

/** Scales the weights to unit length, counting `otherSquares` (weights not kept) into the length. */
function unitLength(weights: Float32Array, otherSquares = 0): Float32Array {
	let sum = otherSquares;
	for (const weight of weights) sum += weight * weight;
	const norm = Math.sqrt(sum) || 1;
	for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
	return weights;
}

/**
 * One dense buffer, indexed by term number, reused by every comparison: a vector is spread into it,
 * compared with any number of others, and cleared again before the caller returns (comparisons are
 * synchronous, so two callers never share it).
 */
let dense = new Float64Array(1 << 16);

/** Grows the dense buffer to hold every term of the vector. */
function makeRoom(vector: PaperVector): void {
	let last = 0;
	for (const term of vector.terms) last = Math.max(last, term);
	if (last < dense.length) return;
	const larger = new Float64Array(Math.max(last + 1, dense.length * 2));
	larger.set(dense);
	dense = larger;
}

function spread(vector: PaperVector): void {
	makeRoom(vector);
	for (let i = 0; i < vector.terms.length; i++) dense[vector.terms[i]!] = vector.weights[i]!;
}

function clear(vector: PaperVector): void {
	for (const term of vector.terms) dense[term] = 0;
}

function dotWithSpread(vector: PaperVector): number {
	let sum = 0;
	for (let i = 0; i < vector.terms.length; i++) sum += vector.weights[i]! * (dense[vector.terms[i]!] ?? 0);
	return sum;
}

/** The cosine of each of `others` with `vector` (both unit length), into `into` (reused by callers that compare often). */
export function cosines(vector: PaperVector, others: readonly PaperVector[], into = new Float64Array(others.length)): Float64Array {
	spread(vector);
	for (let i = 0; i < others.length; i++) into[i] = dotWithSpread(others[i]!);
	clear(vector);
	return into;
}

/** The direction of the vectors' mean, as a unit vector: what a set of papers has in common. */
export function centroid(vectors: readonly PaperVector[]): PaperVector {
	const touched: number[] = [];
	for (const vector of vectors) {
		makeRoom(vector);
		// Weights are positive, so a term still at zero is met for the first time.
		for (let i = 0; i < vector.terms.length; i++) {
			const term = vector.terms[i]!;
			if (dense[term] === 0) touched.push(term);
			dense[term]! += vector.weights[i]! / vectors.length;
		}
	}
	const terms = Uint32Array.from(touched);
	const weights = Float32Array.from(terms, (term) => dense[term]!);
	for (const term of terms) dense[term] = 0;
	return { terms, weights: unitLength(weights) };
}

/** The paper numbers of the lab's sample (see {@link LAB_SAMPLE}): every paper of a small corpus, the newest of a large one. */
export function labSample(index: PaperIndex): Uint32Array {
	return index.newest.length <= LAB_SAMPLE ? index.newest : index.newest.subarray(0, LAB_SAMPLE);
}

/** A paper's words that go into an index query for its closest papers: its rarest in the corpus. */
const QUERY_WORDS = 32;

/**
 * The `limit` corpus papers the index scores best for the paper's rarest title and abstract words
 * (never `except`): a short list of candidates to compare closely, found in the postings at the
 * cost of one query.
 */
export function candidatesFromIndex(index: PaperIndex, paper: Paper, limit: number, except = -1): number[] {
	const query = [...new Set(searchWordsOf(`${paper.title ?? ''} ${paper.abstract ?? ''}`))]
		.map((word) => findTerm(index.postings, word))
		// A word only the paper itself has finds no other paper.
		.filter((term) => term >= 0 && documentFrequency(index.postings, term) > (except < 0 ? 0 : 1))
		.sort((a, b) => documentFrequency(index.postings, a) - documentFrequency(index.postings, b))
		.slice(0, QUERY_WORDS);
	accumulateScores(
		index.postings,
		index.buffers,
		query.map((term) => [{ term, weight: 1 }]),
	);
	return topScored(index.buffers, limit, except < 0 ? null : (paperNo) => paperNo !== except).map(({ paperNo }) => paperNo);
}

/**
 * Tukey's fence of `values` reaching `reach` interquartile ranges above the upper quartile: a value
 * above it stands out from the rest. Used instead of a fixed floor, so it holds for any corpus and day.
 */
export function upperFence(values: ArrayLike<number>, reach: number): number {
	const sorted = Float64Array.from(values).sort();
	const quartile = (fraction: number) => {
		const at = (sorted.length - 1) * fraction;
		const below = Math.floor(at);
		return sorted[below]! + ((sorted[Math.min(below + 1, sorted.length - 1)] ?? 0) - sorted[below]!) * (at - below);
	};
	const [lower, upper] = [quartile(0.25), quartile(0.75)];
	return upper + reach * (upper - lower);
}
