import type { Paper } from '../corpus/paper.js';
import { getPaper, type PaperIndex } from './paper-index.js';
import { candidatesFromIndex, cosines, labSample, SimilaritySpace, upperFence } from './similarity.js';

/** A paper like another, and how like it (see {@link similarPapers}). */
export interface SimilarPaper {
	paper: Paper;
	/** Cosine of the two papers' vectors (see SimilaritySpace), 0–1. */
	similarity: number;
}

/** Candidates compared closely: the best this many the index finds for the paper's words. */
const CANDIDATES = 50;
/** Papers of the lab sample whose similarities with each other set the bar (every pair of them). */
const BAR_PAPERS = 200;

/** The comparison space of an index, kept while the index is in service: idf over the lab sample, and the bar. */
interface IndexSpace {
	space: SimilaritySpace;
	/** Least similarity listed: the upper quartile of the similarities between the lab's own papers. */
	bar: number;
}
const spaces = new WeakMap<PaperIndex, IndexSpace>();

function spaceOf(index: PaperIndex): IndexSpace {
	let found = spaces.get(index);
	if (!found) {
		const sample = labSample(index);
		const space = new SimilaritySpace(Array.from(sample, (paperNo) => index.papers.at(paperNo)!));
		const vectors = Array.from(sample.subarray(0, BAR_PAPERS), (paperNo) => space.vector(index.papers.at(paperNo)!));
		const pairs = vectors.flatMap((vector, position) => Array.from(cosines(vector, vectors.slice(position + 1))));
		found = { space, bar: pairs.length > 0 ? upperFence(pairs, 0) : 0 };
		spaces.set(index, found);
	}
	return found;
}

/**
 * Papers like the one with `id`, most similar first, never that paper: at most `limit`, and only
 * those more similar to it than a quarter of the lab's own pairs of papers are to each other, so
 * there may be fewer or none. Empty for an unknown id.
 *
 * Candidates come from the index (its best matches for the paper's rarest words) and are compared
 * by the feed's own measure (see SimilaritySpace). The bar is relative: it is the upper quartile of
 * the similarities between the lab's papers (every pair among up to 200 of them), so it follows the
 * corpus, whether ten papers on two topics or tens of thousands on many.
 */
export function similarPapers(index: PaperIndex, id: string, limit = 5): SimilarPaper[] {
	const paper = getPaper(index, id);
	if (paper === null) return [];
	const self = index.numbers.get(paper.id)!;
	const { space, bar } = spaceOf(index);
	const vector = space.vector(paper);
	const candidates = candidatesFromIndex(index, paper, CANDIDATES, self);
	const similarities = cosines(
		vector,
		candidates.map((paperNo) => space.vector(index.papers.at(paperNo)!)),
	);
	return candidates
		.map((paperNo, position) => ({ paper: index.papers.at(paperNo)!, similarity: similarities[position]! }))
		.filter((similar) => similar.similarity > bar)
		.sort((a, b) => b.similarity - a.similarity || a.paper.id.localeCompare(b.paper.id))
		.slice(0, limit);
}
