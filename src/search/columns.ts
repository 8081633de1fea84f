import { normaliseDoi, type Paper } from '../corpus/paper.js';
import { CARRIED_KEY_MAX, carriedPaperKey } from '../interaction/custom-ids.js';
import type { PaperList } from './paper-list.js';
import { lowerBound } from './sorted.js';

/**
 * One text per paper, stored once per distinct value: what the category and venue filters read,
 * kept in memory so that a filter never reads a paper's record. A million papers have a few
 * thousand distinct category lists.
 */
export interface TextColumn {
	/** The distinct values. */
	values: string[];
	/** Paper p's value is `values[codes[p]]`. */
	codes: Uint32Array;
}

/** The category filter's text: the paper's categories, lower case, one per line. */
export const categoriesText = (paper: Paper) => (paper.categories ?? []).map((category) => category.toLowerCase()).join('\n');

/** The venue filter's text: the paper's venue, journal reference and comment, lower case, one per line. */
export const venueText = (paper: Paper) =>
	[paper.venue, paper.journal_ref, paper.comment]
		.filter(Boolean)
		.map((text) => text!.toLowerCase())
		.join('\n');

/** Reads `textOf` of every paper into a column. */
export function buildTextColumn(papers: PaperList, textOf: (paper: Paper) => string): TextColumn {
	const numbers = new Map<string, number>();
	const codes = new Uint32Array(papers.length);
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const value = textOf(papers.at(paperNo)!);
		let code = numbers.get(value);
		if (code === undefined) numbers.set(value, (code = numbers.size));
		codes[paperNo] = code;
	}
	return { values: [...numbers.keys()], codes };
}

/**
 * The other names a paper is found by, sorted with their paper numbers: its published DOI as
 * `doi:…`, its cite key as `bib:…`, its Zotero item as `zotero:…`, and the digest a button
 * carries for a key too long for it.
 */
export interface PaperAliases {
	keys: string[];
	papers: Uint32Array;
}

export function buildAliases(papers: PaperList): PaperAliases {
	const found: [string, number][] = [];
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const paper = papers.at(paperNo)!;
		const doi = paper.doi === null ? null : normaliseDoi(paper.doi);
		if (doi !== null) found.push([`doi:${doi}`, paperNo]);
		if (paper.cite_key) found.push([`bib:${paper.cite_key}`, paperNo]);
		if (paper.zotero_key) found.push([`zotero:${paper.zotero_key}`, paperNo]);
		if (paper.id.length > CARRIED_KEY_MAX) found.push([carriedPaperKey(paper.id), paperNo]);
	}
	// Where two papers share a name, the later paper keeps it.
	found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[1] - a[1]));
	const unique = found.filter((entry, at) => at === 0 || found[at - 1]![0] !== entry[0]);
	return { keys: unique.map(([key]) => key), papers: Uint32Array.from(unique, ([, paperNo]) => paperNo) };
}

/** The paper named `key` in `sorted` (ascending) whose entries `at` are its paper numbers, or undefined. */
export function findSorted(sorted: readonly string[], key: string, at: (position: number) => number): number | undefined {
	const position = lowerBound(sorted.length, (i) => sorted[i]! < key);
	return sorted[position] === key ? at(position) : undefined;
}

/** Paper numbers by id, looked up by bisection of the ids in order: no map of a million strings. */
export class PaperNumbers {
	constructor(
		private readonly ids: readonly string[],
		private readonly papersById: Uint32Array,
	) {}

	get(id: string): number | undefined {
		const { ids, papersById } = this;
		const position = lowerBound(papersById.length, (i) => ids[papersById[i]!]! < id);
		const paperNo = papersById[position];
		return paperNo !== undefined && ids[paperNo] === id ? paperNo : undefined;
	}

	has(id: string): boolean {
		return this.get(id) !== undefined;
	}
}

/** Texts by number: an array while an index is built, a LineTable once it is read back. */
export type TextList = readonly string[] | LineTable;

const NEWLINE = 0x0a;

/**
 * Texts by number kept as the UTF-8 lines they are stored as, each decoded when read: a million
 * titles without a million string objects beside them.
 */
export class LineTable {
	readonly length: number;

	/** `starts[n]` is where line n begins; `starts[length]` is one past the end, as if a newline followed the last. */
	private constructor(
		readonly bytes: Buffer,
		private readonly starts: Uint32Array,
	) {
		this.length = starts.length - 1;
	}

	/** The table of `count` lines in `bytes`, separated by newlines. */
	static of(bytes: Buffer, count: number): LineTable {
		const starts = new Uint32Array(count + 1);
		let line = 0;
		for (let at = bytes.indexOf(NEWLINE); at !== -1 && line < count; at = bytes.indexOf(NEWLINE, at + 1)) starts[++line] = at + 1;
		if (count > 0 && line !== count - 1) throw new Error(`expected ${count} lines, found ${line + 1}`);
		starts[count] = bytes.length + 1;
		return new LineTable(bytes, starts);
	}

	at(position: number): string | undefined {
		if (!(position >= 0 && position < this.length)) return undefined;
		return this.bytes.toString('utf8', this.starts[position]!, this.starts[position + 1]! - 1);
	}
}
