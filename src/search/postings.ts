import type { Paper } from '../corpus/paper.js';
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
const FIELD_WEIGHTS = { title: 20, authors: 10, abstract: 1, categories: 3, venue: 3, acronyms: 5 } as const;
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

/** Entries per chunk of a {@link ChunkedArray}. */
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * The build's posting records as they are read: appended in fixed-size chunks, never copied.
 * Freshly touched memory is the build's largest cost, so growing by doubling (touching every
 * value twice over) would cost more than the chunk lookups.
 */
class ChunkedArray<T extends Uint16Array | Uint32Array> {
	readonly chunks: T[] = [];
	length = 0;
	constructor(private readonly createChunk: (length: number) => T) {}
	push(value: number): void {
		if ((this.length & CHUNK_MASK) === 0) this.chunks.push(this.createChunk(1 << CHUNK_BITS));
		this.chunks[this.length >>> CHUNK_BITS]![this.length++ & CHUNK_MASK] = value;
	}
	at(index: number): number {
		return this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
	}
}

function grown(values: Uint32Array, length: number): Uint32Array {
	const larger = new Uint32Array(length);
	larger.set(values);
	return larger;
}

/**
 * Builds the postings for `papers` (paper number = position in the list). One pass tokenises
 * every field into (term, field, count) records, kept per paper, counting each term's papers;
 * a second pass scores each record and places it straight into its term's list, merging a paper's
 * fields into one score. Words are counted in arrays indexed by term id rather than in maps, and
 * no record is copied more than once, so the cost per word stays flat as the corpus grows.
 */
export function buildPostings(papers: readonly Paper[]): Postings {
	const termIds = new Map<string, number>();
	const recordTerms = new ChunkedArray((length) => new Uint32Array(length));
	// field in the low 3 bits, term count above
	const recordCounts = new ChunkedArray((length) => new Uint16Array(length));
	// Paper p's records are recordTerms[paperRecords[p]] up to recordTerms[paperRecords[p + 1]].
	const paperRecords = new Uint32Array(papers.length + 1);
	const fieldLengths = new Uint32Array(papers.length * FIELDS.length);
	const byTerm = new TermCounters();
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
					byTerm.makeRoomFor(id);
				}
				if (byTerm.inField[id]!++ === 0) fieldTerms.push(id);
			}
			for (const id of fieldTerms) {
				recordTerms.push(id);
				recordCounts.push((Math.min(byTerm.inField[id]!, MAX_TF) << 3) | fieldNo);
				byTerm.inField[id] = 0;
				if (byTerm.lastPaper[id] !== paperNo + 1) {
					byTerm.lastPaper[id] = paperNo + 1;
					byTerm.papers[id]!++;
				}
			}
			fieldTerms.length = 0;
		}
		paperRecords[paperNo + 1] = recordTerms.length;
	}

	const terms = [...termIds.keys()].sort();
	const rank = new Uint32Array(terms.length);
	terms.forEach((term, position) => (rank[termIds.get(term)!] = position));
	termIds.clear();

	const offsets = new Uint32Array(terms.length + 1);
	const idfs = new Float64Array(terms.length);
	for (let id = 0; id < terms.length; id++) {
		const distinct = byTerm.papers[id]!;
		offsets[rank[id]! + 1] = distinct;
		idfs[rank[id]!] = Math.log(1 + (papers.length - distinct + 0.5) / (distinct + 0.5));
	}
	for (let t = 0; t < terms.length; t++) offsets[t + 1]! += offsets[t]!;
	const averageLengths = FIELDS.map((_, fieldNo) => {
		let total = 0;
		for (let p = 0; p < papers.length; p++) total += fieldLengths[p * FIELDS.length + fieldNo]!;
		return Math.max(1, total / Math.max(1, papers.length));
	});

	// Records come in paper order, fields in order within a paper: each term's list fills in paper
	// order, and a paper's later fields add to the entry its first field wrote.
	const postingPapers = new Uint32Array(offsets[terms.length]!);
	const impacts = new Float32Array(offsets[terms.length]!);
	const cursor = offsets.slice(0, terms.length);
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		for (let r = paperRecords[paperNo]!; r < paperRecords[paperNo + 1]!; r++) {
			const t = rank[recordTerms.at(r)]!;
			const fieldNo = recordCounts.at(r) & 7;
			const count = recordCounts.at(r) >>> 3;
			const length = fieldLengths[paperNo * FIELDS.length + fieldNo]!;
			const saturated = (count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / averageLengths[fieldNo]!));
			const score = idfs[t]! * (D + saturated) * WEIGHTS[fieldNo]!;
			const at = cursor[t]!;
			if (at > offsets[t]! && postingPapers[at - 1] === paperNo) impacts[at - 1]! += score;
			else {
				postingPapers[at] = paperNo;
				impacts[at] = score;
				cursor[t] = at + 1;
			}
		}
	}
	return { terms, offsets, papers: postingPapers, impacts, paperCount: papers.length };
}

/** Per-term counters for the build, indexed by term id and grown with the vocabulary. */
class TermCounters {
	/** Occurrences in the field being read; zero again once its record is written. */
	inField: Uint32Array = new Uint32Array(1 << 16);
	/** Papers containing the term so far. */
	papers: Uint32Array = new Uint32Array(1 << 16);
	/** The last paper counted in `papers`, plus one. */
	lastPaper: Uint32Array = new Uint32Array(1 << 16);
	makeRoomFor(id: number): void {
		if (id < this.inField.length) return;
		this.inField = grown(this.inField, id * 2);
		this.papers = grown(this.papers, id * 2);
		this.lastPaper = grown(this.lastPaper, id * 2);
	}
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
