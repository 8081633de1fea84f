import type { Paper } from '../paper.js';
import { findTerm, type Postings } from './postings.js';
import type { Filters } from './query.js';
import { foldText, termsOf, wordsOf } from './text.js';

/** Decides whether paper number `paperNo` passes a query's filters. */
export type PaperFilter = (paperNo: number) => boolean;

/** What a filter needs to know about the indexed papers. */
export interface FilterContext {
	papers: readonly Paper[];
	postings: Postings;
	/** Publication year of each paper, 0 when unknown. */
	years: Uint16Array;
}

/**
 * Compiles filters into one predicate, cheapest test first. The author filter is answered from
 * the postings (papers containing every word of the name) and then checked name by name, so it
 * costs the same for 10 papers as for 100k.
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
	if (filters.author !== null) tests.push(authorFilter(context, filters.author));
	if (filters.category !== null) {
		const prefix = filters.category.trim().toLowerCase();
		tests.push((paperNo) => context.papers[paperNo]!.categories?.some((category) => category.toLowerCase().startsWith(prefix)) ?? false);
	}
	if (filters.venue !== null) {
		const wanted = foldText(filters.venue.trim());
		tests.push((paperNo) => {
			const paper = context.papers[paperNo]!;
			return [paper.venue, paper.journal_ref, paper.comment].some((text) => text !== null && foldText(text).includes(wanted));
		});
	}
	return (paperNo) => tests.every((test) => test(paperNo));
}

function authorFilter(context: FilterContext, name: string): PaperFilter {
	const wanted = termsOf(name);
	const accepted = new Set<number>();
	const termPositions = wanted.map((word) => findTerm(context.postings, word));
	if (wanted.length === 0 || termPositions.includes(-1)) return () => false;
	const { offsets, papers } = context.postings;
	const rarest = termPositions.reduce((best, term) => (offsets[term + 1]! - offsets[term]! < offsets[best + 1]! - offsets[best]! ? term : best));
	for (let at = offsets[rarest]!; at < offsets[rarest + 1]!; at++) {
		const paperNo = papers[at]!;
		const authors = context.papers[paperNo]!.authors ?? [];
		const oneAuthorHasEveryWord = authors.some((author) => {
			const words = new Set(wordsOf(foldText(author)));
			return wanted.every((word) => words.has(word));
		});
		if (oneAuthorHasEveryWord) accepted.add(paperNo);
	}
	return (paperNo) => accepted.has(paperNo);
}
