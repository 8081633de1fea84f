import { describe, expect, it } from 'vitest';
import { paperSchema } from '../../src/corpus/paper.js';
import { compileFilters, papersByAuthor } from '../../src/search/filters.js';
import { buildSearchIndex, parseQuery } from '../../src/search/paper-index.js';
import { accumulateScores, expandWord, topScored } from '../../src/search/rank.js';
import { searchWordsOf } from '../../src/search/text.js';
import { topPapers, topPapersAmong } from '../../src/search/top-papers.js';
import { generatePapers } from '../bench/synthetic-corpus.js';
import { buildWorkload } from '../bench/workload.js';

// A synthetic corpus of Zipf-distributed words, as the bench's: its common words are in most papers.
const records = [...generatePapers({ count: 6_000, seed: 11 })];
const index = buildSearchIndex(records.map((record) => paperSchema.parse(record)));
const { queries } = buildWorkload(records, 600, 0, 5);
const LIMIT = 30;

function expansionsOf(query: string) {
	const words = [...new Set(searchWordsOf(parseQuery(query).text))];
	return words.map((word, position) => expandWord(index.postings, index.fuzzyWords, word, position === words.length - 1));
}

function everyPosting(query: string, accept: ((paperNo: number) => boolean) | null) {
	accumulateScores(index.postings, index.buffers, expansionsOf(query));
	return { best: topScored(index.buffers, LIMIT, accept), touched: index.buffers.touchedCount };
}

describe('topPapers', () => {
	it('ranks every query as adding every posting does, to the bit, while reading fewer papers for common words', () => {
		let fewerTouched = 0;
		for (const { query } of queries) {
			const { filters } = parseQuery(query);
			const accept =
				filters.yearFrom !== null || filters.category !== null || filters.venue !== null ? compileFilters(index, filters) : null;
			const expected = everyPosting(query, accept);
			const found = topPapers(index.postings, index.buffers, expansionsOf(query), LIMIT, accept);
			expect(found, query).toEqual(expected.best);
			if (index.buffers.touchedCount < expected.touched) fewerTouched++;
		}
		// The skipping has to be taken for the comparison to mean anything.
		expect(fewerTouched).toBeGreaterThan(queries.length / 20);
	});

	it('ranks an author’s papers as filtering every paper by the author does', () => {
		const authored = queries.filter(({ filter }) => filter?.author);
		expect(authored.length).toBeGreaterThan(10);
		for (const { query, filter } of authored) {
			const accept = compileFilters(index, parseQuery(query).filters);
			const expected = everyPosting(query, accept).best;
			const found = topPapersAmong(index.postings, expansionsOf(query), papersByAuthor(index.authors, filter!.author!), LIMIT, null);
			expect(found, query).toEqual(expected);
		}
	});
});
