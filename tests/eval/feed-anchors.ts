/**
 * The feed evaluation's anchors, as other daily-arXiv tools rank: plain tf-idf over title and
 * abstract words (raw counts, smoothed idf over the lab's corpus and the day, unit length), by
 * cosine with the corpus's centroid, or by the mean cosine with the three closest corpus papers.
 */
import type { Paper } from '../../src/corpus/paper.js';
import { searchWordsOf } from '../../src/search/text.js';

type TermWeights = Map<string, number>;

/** Each paper's word counts, kept across days: the evaluation shows a paper on many days. */
const wordCounts = new WeakMap<Paper, TermWeights>();

function countWords(paper: Paper): TermWeights {
	let counts = wordCounts.get(paper);
	if (!counts) {
		counts = new Map();
		for (const word of searchWordsOf(`${paper.title ?? ''} ${paper.abstract}`)) counts.set(word, (counts.get(word) ?? 0) + 1);
		wordCounts.set(paper, counts);
	}
	return counts;
}

function tfidf(papers: readonly Paper[]): TermWeights[] {
	const counted = papers.map(countWords);
	const holding = new Map<string, number>();
	for (const counts of counted) for (const word of counts.keys()) holding.set(word, (holding.get(word) ?? 0) + 1);
	return counted.map((counts) => {
		const weighted: TermWeights = new Map();
		for (const [word, count] of counts) weighted.set(word, count * (Math.log((1 + papers.length) / (1 + holding.get(word)!)) + 1));
		let squares = 0;
		for (const weight of weighted.values()) squares += weight * weight;
		const length = Math.sqrt(squares) || 1;
		for (const [word, weight] of weighted) weighted.set(word, weight / length);
		return weighted;
	});
}

function cosine(a: TermWeights, b: TermWeights): number {
	let sum = 0;
	for (const [word, weight] of a) sum += weight * (b.get(word) ?? 0);
	return sum;
}

/** The day's papers' ids ranked by tf-idf cosine with the corpus's centroid. */
export function centroidAnchor(corpus: readonly Paper[], day: readonly Paper[]): string[] {
	const vectors = tfidf([...corpus, ...day]);
	const centre: TermWeights = new Map();
	for (const vector of vectors.slice(0, corpus.length)) {
		for (const [word, weight] of vector) centre.set(word, (centre.get(word) ?? 0) + weight / corpus.length);
	}
	return rankBy(day, vectors.slice(corpus.length), (vector) => cosine(vector, centre));
}

/** The day's papers' ids ranked by their mean tf-idf cosine with their three closest corpus papers. */
export function nearestAnchor(corpus: readonly Paper[], day: readonly Paper[]): string[] {
	const vectors = tfidf([...corpus, ...day]);
	const lab = vectors.slice(0, corpus.length);
	return rankBy(day, vectors.slice(corpus.length), (vector) => {
		const best = lab.map((other) => cosine(vector, other)).sort((a, b) => b - a);
		const top = best.slice(0, 3);
		return top.reduce((sum, value) => sum + value, 0) / Math.max(1, top.length);
	});
}

function rankBy(day: readonly Paper[], vectors: readonly TermWeights[], score: (vector: TermWeights) => number): string[] {
	return day
		.map((paper, i) => ({ id: paper.id, score: score(vectors[i]!) }))
		.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
		.map((entry) => entry.id);
}
