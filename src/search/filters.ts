import type { Paper } from '../paper.js';
import type { Filters } from './query.js';
import { termsOf } from './text.js';

/** Decides whether paper number `paperNo` passes a query's filters. */
export type PaperFilter = (paperNo: number) => boolean;

/** What a filter needs to know about the indexed papers. */
export interface FilterContext {
	papers: readonly Paper[];
	/** Publication year of each paper, 0 when unknown. */
	years: Uint16Array;
	authors: AuthorIndex;
}

/**
 * Compiles filters into one predicate, cheapest test first. The author filter is answered from
 * the author index (names containing every word), so it costs the same for 10 papers as for 100k.
 */
export function compileFilters(context: FilterContext, filters: Filters): PaperFilter {
	const tests: PaperFilter[] = [];
	if (filters.yearFrom !== null || filters.yearTo !== null) {
		const from = filters.yearFrom ?? 0;
		const to = filters.yearTo ?? 9999;
		tests.push((paperNo) => {
			const year = context.years[paperNo]!;
			return year !== 0 && year >= from && year <= to;
		});
	}
	if (filters.author !== null) tests.push(authorFilter(context.authors, filters.author));
	if (filters.category !== null) {
		const prefix = filters.category.trim().toLowerCase();
		tests.push((paperNo) => context.papers[paperNo]!.categories?.some((category) => category.toLowerCase().startsWith(prefix)) ?? false);
	}
	if (filters.venue !== null) {
		const wanted = filters.venue.trim().toLowerCase();
		tests.push((paperNo) => {
			const paper = context.papers[paperNo]!;
			return [paper.venue, paper.journal_ref, paper.comment].some((text) => text !== null && text.toLowerCase().includes(wanted));
		});
	}
	return (paperNo) => tests.every((test) => test(paperNo));
}

/**
 * Every distinct author name, folded, with its papers, and for each word the names containing it:
 * an author filter looks up its rarest word and checks only the names that have it.
 */
export interface AuthorIndex {
	names: string[][];
	papersByName: number[][];
	namesByWord: Map<string, number[]>;
}

/** Builds the author lookup for `papers` (paper number = position in the list). */
export function buildAuthorIndex(papers: readonly Paper[]): AuthorIndex {
	const nameNumbers = new Map<string, number>();
	const index: AuthorIndex = { names: [], papersByName: [], namesByWord: new Map() };
	papers.forEach((paper, paperNo) => {
		for (const author of paper.authors ?? []) {
			let nameNo = nameNumbers.get(author);
			if (nameNo === undefined) {
				nameNo = index.names.length;
				nameNumbers.set(author, nameNo);
				const words = termsOf(author);
				index.names.push(words);
				index.papersByName.push([]);
				for (const word of new Set(words)) {
					const names = index.namesByWord.get(word);
					if (names) names.push(nameNo);
					else index.namesByWord.set(word, [nameNo]);
				}
			}
			const papersOfName = index.papersByName[nameNo]!;
			if (papersOfName[papersOfName.length - 1] !== paperNo) papersOfName.push(paperNo);
		}
	});
	return index;
}

function authorFilter(authors: AuthorIndex, name: string): PaperFilter {
	const wanted = termsOf(name);
	const candidates = wanted.map((word) => authors.namesByWord.get(word) ?? []);
	if (wanted.length === 0) return () => false;
	const rarest = candidates.reduce((best, names) => (names.length < best.length ? names : best));
	const accepted = new Set<number>();
	for (const nameNo of rarest) {
		const words = authors.names[nameNo]!;
		if (wanted.every((word) => words.includes(word))) for (const paperNo of authors.papersByName[nameNo]!) accepted.add(paperNo);
	}
	return (paperNo) => accepted.has(paperNo);
}
