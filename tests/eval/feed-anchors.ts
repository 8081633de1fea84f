/**
 * The feed evaluation's anchors, as other daily-arXiv tools rank: plain tf-idf over title and
 * abstract words (raw counts, smoothed idf over the lab's corpus and the day, unit length), by
 * cosine with the corpus's centroid, or by the mean cosine with the three closest corpus papers.
 */
import type { Paper } from '../../src/corpus/paper.js';
import { searchWordsOf } from '../../src/search/text.js';

/** A paper's distinct words, as numbers of one vocabulary shared by every day, with their counts. */
interface WordCounts {
	words: Uint32Array;
	counts: Float64Array;
}

/** A paper's unit-length tf-idf weights, aligned with its {@link WordCounts}' words. */
interface TfIdf {
	words: Uint32Array;
	weights: Float64Array;
}

const vocabulary = new Map<string, number>();
/** Each paper's word counts, kept across days: the evaluation shows a paper on many days. */
const counted = new WeakMap<Paper, WordCounts>();
/** Scratch arrays indexed by word number: papers holding each word on a day, and one spread vector. */
let holding = new Uint32Array(1 << 16);
let spread = new Float64Array(1 << 16);

function countWords(paper: Paper): WordCounts {
	let found = counted.get(paper);
	if (!found) {
		const counts = new Map<number, number>();
		for (const word of searchWordsOf(`${paper.title ?? ''} ${paper.abstract}`)) {
			let number = vocabulary.get(word);
			if (number === undefined) vocabulary.set(word, (number = vocabulary.size));
			counts.set(number, (counts.get(number) ?? 0) + 1);
		}
		found = { words: Uint32Array.from(counts.keys()), counts: Float64Array.from(counts.values()) };
		counted.set(paper, found);
	}
	return found;
}

function makeRoom(): void {
	if (vocabulary.size <= holding.length) return;
	holding = new Uint32Array(vocabulary.size * 2);
	spread = new Float64Array(vocabulary.size * 2);
}

function tfidf(papers: readonly Paper[]): TfIdf[] {
	const all = papers.map(countWords);
	makeRoom();
	for (const { words } of all) for (const word of words) holding[word]!++;
	const vectors = all.map(({ words, counts }) => {
		const weights = counts.map((count, i) => count * (Math.log((1 + papers.length) / (1 + holding[words[i]!]!)) + 1));
		const length = Math.hypot(...weights) || 1;
		return { words, weights: weights.map((weight) => weight / length) };
	});
	for (const { words } of all) for (const word of words) holding[word] = 0;
	return vectors;
}

/** The cosine of `vector` with each of `others`. */
function cosines(vector: TfIdf, others: readonly TfIdf[]): number[] {
	vector.words.forEach((word, i) => {
		spread[word] = vector.weights[i]!;
	});
	const found = others.map((other) => other.weights.reduce((sum, weight, i) => sum + weight * spread[other.words[i]!]!, 0));
	for (const word of vector.words) spread[word] = 0;
	return found;
}

/** The day's papers' ids ranked by tf-idf cosine with the corpus's centroid. */
export function centroidAnchor(corpus: readonly Paper[], day: readonly Paper[]): string[] {
	const vectors = tfidf([...corpus, ...day]);
	const sums = new Map<number, number>();
	for (const { words, weights } of vectors.slice(0, corpus.length)) {
		words.forEach((word, i) => {
			sums.set(word, (sums.get(word) ?? 0) + weights[i]! / corpus.length);
		});
	}
	const centre = { words: Uint32Array.from(sums.keys()), weights: Float64Array.from(sums.values()) };
	const toCentre = cosines(centre, vectors.slice(corpus.length));
	return rankBy(day, (i) => toCentre[i]!);
}

/** The day's papers' ids ranked by their mean tf-idf cosine with their three closest corpus papers. */
export function nearestAnchor(corpus: readonly Paper[], day: readonly Paper[]): string[] {
	const vectors = tfidf([...corpus, ...day]);
	const lab = vectors.slice(0, corpus.length);
	const dayVectors = vectors.slice(corpus.length);
	return rankBy(day, (i) => {
		const top = cosines(dayVectors[i]!, lab)
			.sort((a, b) => b - a)
			.slice(0, 3);
		return top.reduce((sum, value) => sum + value, 0) / Math.max(1, top.length);
	});
}

function rankBy(day: readonly Paper[], score: (position: number) => number): string[] {
	return day
		.map((paper, i) => ({ id: paper.id, score: score(i) }))
		.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
		.map((entry) => entry.id);
}
