import type { Paper } from '../corpus/paper.js';
import type { PaperList } from './paper-list.js';
import { countsToOffsets, lowerBound } from './sorted.js';
import { SearchWordIds, stemOf, titleAcronyms } from './text.js';
import { grown } from './typed-arrays.js';

/**
 * The inverted index: a sorted vocabulary of stems and, for each, the papers containing it with
 * the stem's precomputed BM25F score. Flat typed arrays rather than maps of maps, so 100k papers
 * fit in a fraction of the memory, a query touches contiguous memory, and the whole thing can be
 * written to and read from a file without conversion.
 */
export interface Postings {
	/** Every indexed stem, sorted by code unit. */
	terms: string[];
	/** Term `t`'s postings are `papers[offsets[t]]` up to `papers[offsets[t + 1]]`. */
	offsets: Uint32Array;
	/** Paper numbers (positions in the index's paper list), ascending within a term. */
	papers: Uint32Array;
	/** The term's BM25F score for that paper, over all of the paper's fields, in units of its term's scale. */
	impacts: Uint16Array;
	/** Term `t`'s scores are `impacts[at] * scales[t]`: sixteen bits a score, within a 65,535th of the term's largest. */
	scales: Float32Array;
	/** How many papers were indexed. */
	paperCount: number;
	/** Every indexed word as written (folded, unstemmed), sorted: a typed prefix is a contiguous range. */
	words: string[];
	/** Word `i` is indexed under term `wordTerms[i]`. */
	wordTerms: Uint32Array;
	/** Each field's average word count over the papers, which scores length-normalise by. */
	averageLengths?: readonly number[];
}

/**
 * BM25F's settings: each field's term counts are weighted and length-normalised (its own `b`),
 * summed, and only then saturated (k1), so a common word in a short title cannot outweigh every
 * rare word of the abstract. `acronyms` holds the initials of the title's capitalised phrases (see
 * titleAcronyms). Tuned on SciFact's train split, the classic test collections and the lab's
 * known-item queries (`npm run eval`).
 */
const RANKING = {
	fields: {
		title: { weight: 2, b: 0.5 },
		authors: { weight: 2, b: 0 },
		abstract: { weight: 1, b: 0.85 },
		categories: { weight: 0.5, b: 0 },
		venue: { weight: 1, b: 0 },
		acronyms: { weight: 1.5, b: 0 },
	},
	k1: 2,
} as const;

type FieldName = keyof typeof RANKING.fields;
const FIELDS = Object.keys(RANKING.fields) as FieldName[];
const FIELD_SETTINGS = Object.values(RANKING.fields);
const MAX_TF = (1 << 13) - 1;
/** Page, figure and table counts in a submitter's comment ("10 pages, 7 figures") are not what a paper is about. */
const COUNTS_IN_COMMENT = /\b\d+\s*(?:pages?|pp|figures?|figs?|tables?)\b\.?/gi;

function fieldText(paper: Paper, field: FieldName): string {
	switch (field) {
		case 'title':
			return paper.title ?? '';
		case 'authors':
			return paper.authors?.join(' ') ?? '';
		case 'abstract':
			return paper.abstract ?? '';
		case 'categories':
			return paper.categories?.join(' ') ?? '';
		case 'venue':
			return [paper.venue, paper.comment?.replace(COUNTS_IN_COMMENT, ' '), paper.journal_ref].filter(Boolean).join(' ');
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
}

/**
 * Builds the postings for `papers` (paper number = position in the list). One pass reads every
 * field into (term, field, count) records, kept per paper, counting each term's papers and
 * stemming each distinct word once; a second pass places each record straight into its term's
 * list, adding up a paper's weighted, length-normalised counts over its fields, and a last pass
 * saturates them into BM25F scores. Words are counted in arrays indexed by term id rather than in
 * maps, and no record is copied more than once, so the cost per word stays flat as the corpus grows.
 * `onReading` is told how much of the first pass, most of the work, is done. Papers added to a
 * corpus already indexed are scored `within` its postings: by its average field lengths, and by
 * each word's papers there and here, so that their scores compare with the corpus's own.
 */
export function buildPostings(
	papers: PaperList,
	onReading: (fraction: number) => void = () => undefined,
	within: Postings | null = null,
): Postings {
	const records = readFieldRecords(papers, onReading);
	const { terms, rank, words, wordTerms } = sortVocabulary(records);
	const offsets = postingOffsets(records.termPaperCounts, rank);
	const averageLengths = within?.averageLengths ?? averageFieldLengths(records.fieldLengths, papers.length);
	const { postingPapers, impacts } = fillPostings(records, rank, offsets, averageLengths);
	const idfOf = (term: number) => {
		const distinct = offsets[term + 1]! - offsets[term]!;
		if (!within) return inverseDocumentFrequency(papers.length, distinct);
		const there = findStem(within, terms[term]!);
		return inverseDocumentFrequency(within.paperCount + papers.length, distinct + (there < 0 ? 0 : documentFrequency(within, there)));
	};
	saturate(impacts, offsets, idfOf);
	return {
		terms,
		offsets,
		papers: postingPapers,
		...quantise(impacts, offsets),
		paperCount: papers.length,
		words,
		wordTerms,
		averageLengths,
	};
}

/** What the reading pass gathers: one (term, field, count) record per term of each paper's field, in paper order. */
interface FieldRecords {
	/** Term ids, numbered in order of first appearance, by stem. */
	stemIds: Map<string, number>;
	/** Term ids by word as written (folded, unstemmed). */
	wordTermIds: Map<string, number>;
	recordTerms: ChunkedArray<Uint32Array>;
	/** The record's field in the low 3 bits, its term count above. */
	recordCounts: ChunkedArray<Uint16Array>;
	/** Paper p's records are `recordTerms[paperRecords[p]]` up to `recordTerms[paperRecords[p + 1]]`. */
	paperRecords: Uint32Array;
	/** The word count of paper p's field f, at `p * FIELDS.length + f`. */
	fieldLengths: Uint32Array;
	/** How many papers contain each term id. */
	termPaperCounts: Uint32Array;
}

/** Papers read between two progress reports: often enough for a smooth percentage, rarely enough to cost nothing. */
const PROGRESS_EVERY = 1024;

function readFieldRecords(papers: PaperList, onProgress: (fraction: number) => void): FieldRecords {
	const stemIds = new Map<string, number>();
	const recordTerms = new ChunkedArray((length) => new Uint32Array(length));
	const recordCounts = new ChunkedArray((length) => new Uint16Array(length));
	const paperRecords = new Uint32Array(papers.length + 1);
	const fieldLengths = new Uint32Array(papers.length * FIELDS.length);
	const byTerm = new TermCounters();
	const fieldTerms: number[] = [];
	const wordIds = new SearchWordIds((word) => {
		const stem = stemOf(word);
		let id = stemIds.get(stem);
		if (id === undefined) {
			id = stemIds.size;
			stemIds.set(stem, id);
			byTerm.makeRoomFor(id);
		}
		return id;
	});

	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const paper = papers.at(paperNo)!;
		for (let fieldNo = 0; fieldNo < FIELDS.length; fieldNo++) {
			const count = wordIds.read(fieldText(paper, FIELDS[fieldNo]!));
			const { found } = wordIds;
			fieldLengths[paperNo * FIELDS.length + fieldNo] = count;
			for (let at = 0; at < count; at++) {
				const id = found[at]!;
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
		if (paperNo % PROGRESS_EVERY === 0) onProgress(paperNo / papers.length);
	}
	return {
		stemIds,
		wordTermIds: new Map(wordIds.entries()),
		recordTerms,
		recordCounts,
		paperRecords,
		fieldLengths,
		termPaperCounts: byTerm.papers,
	};
}

/**
 * The sorted stems and words, each word with its stem's position, and `rank`: each term id's
 * position among the sorted stems. Empties the records' maps, freeing their memory for the passes that follow.
 */
function sortVocabulary(records: FieldRecords): { terms: string[]; rank: Uint32Array; words: string[]; wordTerms: Uint32Array } {
	const { stemIds, wordTermIds } = records;
	const terms = [...stemIds.keys()].sort();
	const rank = new Uint32Array(terms.length);
	terms.forEach((term, position) => {
		rank[stemIds.get(term)!] = position;
	});
	stemIds.clear();
	const words = [...wordTermIds.keys()].sort();
	const wordTerms = Uint32Array.from(words, (word) => rank[wordTermIds.get(word)!]!);
	wordTermIds.clear();
	return { terms, rank, words, wordTerms };
}

/** Where each sorted term's postings start, from the paper count of each term id. */
function postingOffsets(termPaperCounts: Uint32Array, rank: Uint32Array): Uint32Array {
	const offsets = new Uint32Array(rank.length + 1);
	for (let id = 0; id < rank.length; id++) offsets[rank[id]! + 1] = termPaperCounts[id]!;
	return countsToOffsets(offsets);
}

/** Each field's average word count over the papers, at least 1. */
function averageFieldLengths(fieldLengths: Uint32Array, paperCount: number): number[] {
	return FIELDS.map((_, fieldNo) => {
		let total = 0;
		for (let p = 0; p < paperCount; p++) total += fieldLengths[p * FIELDS.length + fieldNo]!;
		return Math.max(1, total / Math.max(1, paperCount));
	});
}

/** Places every record in its term's postings: the paper, and its weighted, length-normalised counts summed over its fields. */
function fillPostings(
	records: FieldRecords,
	rank: Uint32Array,
	offsets: Uint32Array,
	averageLengths: readonly number[],
): { postingPapers: Uint32Array; impacts: Float32Array } {
	const { recordTerms, recordCounts, paperRecords, fieldLengths } = records;
	const termCount = rank.length;
	// Records come in paper order, fields in order within a paper: each term's list fills in paper
	// order, and a paper's later fields add to the entry its first field wrote.
	const postingPapers = new Uint32Array(offsets[termCount]!);
	const impacts = new Float32Array(offsets[termCount]!);
	const cursor = offsets.slice(0, termCount);
	const fieldCount = FIELDS.length;
	const denominators = new Float64Array(fieldCount);
	for (let paperNo = 0; paperNo + 1 < paperRecords.length; paperNo++) {
		for (let fieldNo = 0; fieldNo < fieldCount; fieldNo++) {
			const { b } = FIELD_SETTINGS[fieldNo]!;
			denominators[fieldNo] = 1 - b + (b * fieldLengths[paperNo * fieldCount + fieldNo]!) / averageLengths[fieldNo]!;
		}
		// The records' chunks are read directly: a paper's records are in one chunk or two.
		for (let r = paperRecords[paperNo]!; r < paperRecords[paperNo + 1]!; r++) {
			const chunk = r >>> CHUNK_BITS;
			const within = r & CHUNK_MASK;
			const t = rank[recordTerms.chunks[chunk]![within]!]!;
			const fieldCounts = recordCounts.chunks[chunk]![within]!;
			const fieldNo = fieldCounts & 7;
			const count = (FIELD_SETTINGS[fieldNo]!.weight * (fieldCounts >>> 3)) / denominators[fieldNo]!;
			const at = cursor[t]!;
			if (at > offsets[t]! && postingPapers[at - 1] === paperNo) impacts[at - 1]! += count;
			else {
				postingPapers[at] = paperNo;
				impacts[at] = count;
				cursor[t] = at + 1;
			}
		}
	}
	return { postingPapers, impacts };
}

/** BM25's idf of a term in `distinct` of `paperCount` papers. */
export function inverseDocumentFrequency(paperCount: number, distinct: number): number {
	return Math.log(1 + (paperCount - distinct + 0.5) / (distinct + 0.5));
}

/** Turns each posting's weighted count into its BM25F score: saturated by k1, times the term's idf. */
function saturate(impacts: Float32Array, offsets: Uint32Array, idfOf: (term: number) => number): void {
	const { k1 } = RANKING;
	for (let t = 0; t + 1 < offsets.length; t++) {
		const idf = idfOf(t);
		for (let at = offsets[t]!; at < offsets[t + 1]!; at++) impacts[at] = (idf * (impacts[at]! * (k1 + 1))) / (impacts[at]! + k1);
	}
}

/** The largest stored impact: a term's largest score is stored as this. */
export const IMPACT_STEPS = 65_535;

/**
 * The scores in sixteen bits each, scaled per term so that its largest is IMPACT_STEPS, halving the
 * largest part of the index on disk and after a restart. Written over the scores' own memory, in
 * order: the sixteen-bit value of posting n lands where postings n/2 and below were, all read
 * already; and left there, a view of its first half, rather than copied out, which would hold
 * both at once at the build's peak. The process that built the index keeps the whole buffer.
 */
function quantise(impacts: Float32Array, offsets: Uint32Array): { impacts: Uint16Array; scales: Float32Array } {
	const termCount = offsets.length - 1;
	const scales = new Float32Array(termCount);
	const steps = new Uint16Array(impacts.buffer, impacts.byteOffset, impacts.length);
	for (let t = 0; t < termCount; t++) {
		let largest = 0;
		for (let at = offsets[t]!; at < offsets[t + 1]!; at++) largest = Math.max(largest, impacts[at]!);
		scales[t] = largest / IMPACT_STEPS;
		const scale = scales[t]!;
		for (let at = offsets[t]!; at < offsets[t + 1]!; at++) steps[at] = scale > 0 ? Math.round(impacts[at]! / scale) : 0;
	}
	return { impacts: steps, scales };
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

/** The term `word` (a search word as typed, folded) is indexed under, or -1 when no paper has it. */
export function findTerm(postings: Postings, word: string): number {
	const at = positionIn(postings.words, word);
	return postings.words[at] === word ? postings.wordTerms[at]! : -1;
}

/** The position of `stem` in the sorted vocabulary, or -1. */
export function findStem(postings: Postings, stem: string): number {
	const at = positionIn(postings.terms, stem);
	return postings.terms[at] === stem ? at : -1;
}

/** The range `[start, end)` of positions in `postings.words` of the words that start with `prefix`. */
export function prefixRange(postings: Postings, prefix: string): [number, number] {
	return [positionIn(postings.words, prefix), positionIn(postings.words, `${prefix}\uffff`)];
}

/** How many papers contain term number `term`. */
export function documentFrequency(postings: Postings, term: number): number {
	return postings.offsets[term + 1]! - postings.offsets[term]!;
}

/** Where `value` is, or would be inserted, in `sorted`. */
function positionIn(sorted: readonly string[], value: string): number {
	return lowerBound(sorted.length, (index) => sorted[index]! < value);
}
