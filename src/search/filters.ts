import type { TextColumn } from './columns.js';
import type { PaperList } from './paper-list.js';
import type { Filters } from './query.js';
import { countsToOffsets } from './sorted.js';
import { termsOf } from './text.js';

/** Decides whether paper number `paperNo` passes a query's filters. */
export type PaperFilter = (paperNo: number) => boolean;

/** What a filter needs to know about the indexed papers. */
export interface FilterContext {
	/** Publication year of each paper, 0 when unknown. */
	years: Uint16Array;
	authors: AuthorIndex;
	/** Each paper's categories (see categoriesText). */
	categories: TextColumn;
	/** Each paper's venue, journal reference and comment (see venueText). */
	venues: TextColumn;
}

/**
 * Compiles filters into one predicate, cheapest test first. The author filter is answered from
 * the author index (names containing every word), so it costs the same for 10 papers as for 100k;
 * a caller that has looked the author's papers up already (see papersByAuthor) passes them.
 */
export function compileFilters(
	context: FilterContext,
	filters: Filters,
	authorPapers: Uint32Array | null = filters.author === null ? null : papersByAuthor(context.authors, filters.author),
): PaperFilter {
	const tests: PaperFilter[] = [];
	if (filters.yearFrom !== null || filters.yearTo !== null) {
		const from = filters.yearFrom ?? 0;
		const to = filters.yearTo ?? 9999;
		tests.push((paperNo) => {
			const year = context.years[paperNo]!;
			return year !== 0 && year >= from && year <= to;
		});
	}
	if (authorPapers !== null) tests.push(authorFilter(authorPapers, context.years.length));
	if (filters.category !== null) {
		const prefix = filters.category.trim().toLowerCase();
		tests.push(
			columnFilter(context.categories, (text) => text.split('\n').some((category) => category !== '' && category.startsWith(prefix))),
		);
	}
	if (filters.venue !== null) {
		const wanted = filters.venue.trim().toLowerCase();
		tests.push(columnFilter(context.venues, (text) => text.split('\n').some((line) => line !== '' && line.includes(wanted))));
	}
	// One test alone is called directly: a filter runs once per paper a query touches.
	if (tests.length === 1) return tests[0]!;
	return (paperNo) => tests.every((test) => test(paperNo));
}

/** A filter on a text column, deciding each distinct value once. */
function columnFilter(column: TextColumn, passes: (text: string) => boolean): PaperFilter {
	// 0: not decided yet, 1: passes, 2: does not.
	const decided = new Uint8Array(column.values.length);
	return (paperNo) => {
		const code = column.codes[paperNo]!;
		if (decided[code] === 0) decided[code] = passes(column.values[code]!) ? 1 : 2;
		return decided[code] === 1;
	};
}

/**
 * Every distinct author name, folded, with its papers, and for each word the names containing it:
 * an author filter looks up its rarest word and checks only the names that have it.
 */
export interface AuthorIndex {
	/** Each name folded, its words joined by single spaces (one string each: a million papers have hundreds of thousands of names). */
	names: string[];
	/** Name `n`'s papers are `namePapers[paperOffsets[n]]` up to `namePapers[paperOffsets[n + 1]]`, ascending. */
	paperOffsets: Uint32Array;
	namePapers: Uint32Array;
	namesByWord: Map<string, number[]>;
}

/**
 * Builds the author lookup for `papers` (paper number = position in the list). Each authorship is
 * first noted as a name number, then the papers are counted and filled into one flat list per
 * name, rather than a growing array for each of tens of thousands of names.
 */
export function buildAuthorIndex(papers: PaperList): AuthorIndex {
	const nameNumbers = new Map<string, number>();
	const names: string[] = [];
	const namesByWord = new Map<string, number[]>();
	const authorsOf = (paperNo: number) => papers.at(paperNo)!.authors ?? [];
	let authorships = 0;
	for (let paperNo = 0; paperNo < papers.length; paperNo++) authorships += authorsOf(paperNo).length;
	const authorshipNames = new Uint32Array(authorships);
	let at = 0;
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		for (const author of authorsOf(paperNo)) {
			let nameNo = nameNumbers.get(author);
			if (nameNo === undefined) {
				nameNo = names.length;
				nameNumbers.set(author, nameNo);
				const words = termsOf(author);
				names.push(words.join(' '));
				for (const word of new Set(words)) {
					const named = namesByWord.get(word);
					if (named) named.push(nameNo);
					else namesByWord.set(word, [nameNo]);
				}
			}
			authorshipNames[at++] = nameNo;
		}
	}

	// A name listed twice on one paper counts once: `lastPaper` holds the paper it was last counted for, plus one.
	const lastPaper = new Uint32Array(names.length);
	const paperOffsets = new Uint32Array(names.length + 1);
	const eachAuthorship = (visit: (nameNo: number, paperNo: number) => void) => {
		lastPaper.fill(0);
		let authorship = 0;
		for (let paperNo = 0; paperNo < papers.length; paperNo++) {
			for (let end = authorship + authorsOf(paperNo).length; authorship < end; authorship++) {
				const nameNo = authorshipNames[authorship]!;
				if (lastPaper[nameNo] === paperNo + 1) continue;
				lastPaper[nameNo] = paperNo + 1;
				visit(nameNo, paperNo);
			}
		}
	};
	eachAuthorship((nameNo) => paperOffsets[nameNo + 1]!++);
	countsToOffsets(paperOffsets);
	const namePapers = new Uint32Array(paperOffsets[names.length]!);
	const cursor = paperOffsets.slice(0, names.length);
	eachAuthorship((nameNo, paperNo) => (namePapers[cursor[nameNo]!++] = paperNo));
	return { names, paperOffsets, namePapers, namesByWord };
}

/** The word lookup of an author index whose names are known: what a cached index does not store. */
export function namesByWordOf(names: readonly string[]): Map<string, number[]> {
	const namesByWord = new Map<string, number[]>();
	names.forEach((name, nameNo) => {
		for (const word of new Set(name.split(' '))) {
			const named = namesByWord.get(word);
			if (named) named.push(nameNo);
			else namesByWord.set(word, [nameNo]);
		}
	});
	return namesByWord;
}

function authorFilter(accepted: Uint32Array, paperCount: number): PaperFilter {
	if (accepted.length < paperCount / 256) {
		const few = new Set(accepted);
		return (paperNo) => few.has(paperNo);
	}
	// Many papers: a flag per paper answers faster than a set the size of the corpus's share.
	const flags = new Uint8Array(paperCount);
	for (const paperNo of accepted) flags[paperNo] = 1;
	return (paperNo) => flags[paperNo] === 1;
}

/** The papers with an author whose name has every word of `name` (see compileFilters), ascending, each once. */
export function papersByAuthor(authors: AuthorIndex, name: string): Uint32Array {
	const wanted = termsOf(name);
	const lists: Uint32Array[] = [];
	if (wanted.length > 0) {
		const candidates = wanted.map((word) => authors.namesByWord.get(word) ?? []);
		const rarest = candidates.reduce((best, names) => (names.length < best.length ? names : best));
		const spaced = wanted.map((word) => ` ${word} `);
		for (const nameNo of rarest) {
			const words = ` ${authors.names[nameNo]} `;
			if (spaced.every((word) => words.includes(word))) {
				lists.push(authors.namePapers.subarray(authors.paperOffsets[nameNo]!, authors.paperOffsets[nameNo + 1]!));
			}
		}
	}
	return lists.length === 1 ? lists[0]! : unionOf(lists);
}

/** The numbers in any of the ascending lists, ascending, each once. */
function unionOf(lists: readonly Uint32Array[]): Uint32Array {
	const all = new Uint32Array(lists.reduce((total, list) => total + list.length, 0));
	let at = 0;
	for (const list of lists) {
		all.set(list, at);
		at += list.length;
	}
	all.sort();
	let kept = 0;
	for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[kept++] = all[i]!;
	return all.subarray(0, kept);
}
