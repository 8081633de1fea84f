import type { Paper } from '../paper.js';
import { termsOf, titleAcronyms } from './text.js';

/**
 * The inverted index: a sorted vocabulary and, for each term, the papers containing it with the
 * term's precomputed BM25 contribution. Flat typed arrays rather than maps of maps, so 100k papers
 * fit in a fraction of the memory, a query touches contiguous memory, and the whole thing can be
 * written to and read from a file without conversion.
 */
export interface Postings {
	/** Every indexed term, sorted by code unit, so a prefix is a contiguous range. */
	terms: string[];
	/** Term `t`'s postings are `papers[offsets[t]]` up to `papers[offsets[t + 1]]`. */
	offsets: Uint32Array;
	/** Paper numbers (positions in the index's paper list), ascending within a term. */
	papers: Uint32Array;
	/** The term's weighted BM25 score for that paper, summed over the paper's fields. */
	impacts: Float32Array;
	/** How many papers were indexed. */
	paperCount: number;
}

/**
 * The indexed fields and their weights: a title word counts 20 times an abstract word. `acronyms`
 * holds the initials of the title's capitalised phrases (see titleAcronyms).
 */
export const FIELD_WEIGHTS = { title: 20, authors: 10, abstract: 1, categories: 3, venue: 3, acronyms: 5 } as const;
const FIELDS = Object.keys(FIELD_WEIGHTS) as (keyof typeof FIELD_WEIGHTS)[];
const WEIGHTS = Object.values(FIELD_WEIGHTS);
/** BM25 parameters, as minisearch uses them (k1, b, and the BM25+ floor d). */
const K1 = 1.2;
const B = 0.7;
const D = 0.5;
const MAX_TF = (1 << 13) - 1;

function fieldText(paper: Paper, field: (typeof FIELDS)[number]): string {
	switch (field) {
		case 'title':
			return paper.title ?? '';
		case 'authors':
			return paper.authors?.join(' ') ?? '';
		case 'abstract':
			return paper.abstract;
		case 'categories':
			return paper.categories?.join(' ') ?? '';
		case 'venue':
			return [paper.venue, paper.comment, paper.journal_ref].filter(Boolean).join(' ');
		case 'acronyms':
			return paper.title ? titleAcronyms(paper.title).join(' ') : '';
	}
}

/** A typed array that doubles as it fills: the build's posting records before sorting. */
class GrowableUint32 {
	values: Uint32Array = new Uint32Array(1 << 16);
	length = 0;
	push(value: number): void {
		if (this.length === this.values.length) this.values = grown(this.values, this.length * 2);
		this.values[this.length++] = value;
	}
}

function grown(values: Uint32Array, length: number): Uint32Array {
	const larger = new Uint32Array(length);
	larger.set(values);
	return larger;
}

/**
 * Builds the postings for `papers` (paper number = position in the list). One pass tokenises
 * every field into (term, paper, field, count) records; a counting sort by term then turns them
 * into per-term lists, merging a paper's fields into one score. The pass counts a field's words
 * in an array indexed by term id rather than a map, so its cost stays flat per word as the
 * corpus grows.
 */
export function buildPostings(papers: readonly Paper[]): Postings {
	const termIds = new Map<string, number>();
	const recordTerms = new GrowableUint32();
	const recordPapers = new GrowableUint32();
	// field in the low 3 bits, term count above
	const recordCounts = new GrowableUint32();
	const fieldLengths = new Uint32Array(papers.length * FIELDS.length);
	// How often each term occurs in the field being read (zero again once its record is written).
	let fieldCounts: Uint32Array = new Uint32Array(1 << 16);
	const fieldTerms: number[] = [];

	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const paper = papers[paperNo]!;
		for (let fieldNo = 0; fieldNo < FIELDS.length; fieldNo++) {
			const words = termsOf(fieldText(paper, FIELDS[fieldNo]!));
			fieldLengths[paperNo * FIELDS.length + fieldNo] = words.length;
			for (const word of words) {
				let id = termIds.get(word);
				if (id === undefined) {
					id = termIds.size;
					termIds.set(word, id);
					if (id === fieldCounts.length) fieldCounts = grown(fieldCounts, id * 2);
				}
				if (fieldCounts[id]!++ === 0) fieldTerms.push(id);
			}
			for (const id of fieldTerms) {
				recordTerms.push(id);
				recordPapers.push(paperNo);
				recordCounts.push((Math.min(fieldCounts[id]!, MAX_TF) << 3) | fieldNo);
				fieldCounts[id] = 0;
			}
			fieldTerms.length = 0;
		}
	}

	const terms = [...termIds.keys()].sort();
	const rank = new Uint32Array(terms.length);
	terms.forEach((term, position) => (rank[termIds.get(term)!] = position));
	termIds.clear();

	// Counting sort of the records by term; stable, so each term's records stay in paper order.
	const starts = new Uint32Array(terms.length + 1);
	for (let r = 0; r < recordTerms.length; r++) starts[rank[recordTerms.values[r]!]! + 1]!++;
	for (let t = 0; t < terms.length; t++) starts[t + 1]! += starts[t]!;
	const cursor = starts.slice(0, terms.length);
	const sortedPapers = new Uint32Array(recordTerms.length);
	const sortedCounts = new Uint32Array(recordTerms.length);
	for (let r = 0; r < recordTerms.length; r++) {
		const at = cursor[rank[recordTerms.values[r]!]!]!++;
		sortedPapers[at] = recordPapers.values[r]!;
		sortedCounts[at] = recordCounts.values[r]!;
	}

	const averageLengths = FIELDS.map((_, fieldNo) => {
		let total = 0;
		for (let p = 0; p < papers.length; p++) total += fieldLengths[p * FIELDS.length + fieldNo]!;
		return Math.max(1, total / Math.max(1, papers.length));
	});
	const offsets = new Uint32Array(terms.length + 1);
	const postingPapers = new Uint32Array(recordTerms.length);
	const impacts = new Float32Array(recordTerms.length);
	let written = 0;
	for (let t = 0; t < terms.length; t++) {
		offsets[t] = written;
		const end = starts[t + 1]!;
		let distinct = 0;
		for (let r = starts[t]!; r < end; r++) if (r === starts[t] || sortedPapers[r] !== sortedPapers[r - 1]) distinct++;
		const idf = Math.log(1 + (papers.length - distinct + 0.5) / (distinct + 0.5));
		for (let r = starts[t]!; r < end; r++) {
			const paperNo = sortedPapers[r]!;
			const fieldNo = sortedCounts[r]! & 7;
			const count = sortedCounts[r]! >>> 3;
			const length = fieldLengths[paperNo * FIELDS.length + fieldNo]!;
			const saturated = (count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / averageLengths[fieldNo]!));
			const score = idf * (D + saturated) * WEIGHTS[fieldNo]!;
			if (written > offsets[t]! && postingPapers[written - 1] === paperNo) impacts[written - 1]! += score;
			else {
				postingPapers[written] = paperNo;
				impacts[written++] = score;
			}
		}
	}
	offsets[terms.length] = written;
	return { terms, offsets, papers: postingPapers.slice(0, written), impacts: impacts.slice(0, written), paperCount: papers.length };
}

/** The position of `term` in the sorted vocabulary, or -1. */
export function findTerm(postings: Postings, term: string): number {
	const start = lowerBound(postings.terms, term);
	return postings.terms[start] === term ? start : -1;
}

/** The range `[start, end)` of vocabulary positions whose terms start with `prefix`. */
export function prefixRange(postings: Postings, prefix: string): [number, number] {
	return [lowerBound(postings.terms, prefix), lowerBound(postings.terms, `${prefix}\uffff`)];
}

/** How many papers contain term number `term`. */
export function documentFrequency(postings: Postings, term: number): number {
	return postings.offsets[term + 1]! - postings.offsets[term]!;
}

function lowerBound(sorted: readonly string[], value: string): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (sorted[mid]! < value) low = mid + 1;
		else high = mid;
	}
	return low;
}
