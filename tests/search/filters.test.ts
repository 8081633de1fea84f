import { describe, expect, it } from 'vitest';
import { paperSchema, type Paper, type PaperRecord } from '../../src/corpus/paper.js';
import { buildTextColumn, categoriesText, venueText } from '../../src/search/columns.js';
import { buildAuthorIndex, compileFilters, type FilterContext } from '../../src/search/filters.js';
import { NO_FILTERS, type Filters } from '../../src/search/query.js';

const paper = (n: number, fields: Omit<PaperRecord, 'id' | 'abstract'>): Paper =>
	paperSchema.parse({ id: `2101.0000${n}`, abstract: `Abstract ${n}.`, ...fields });

const papers = [
	paper(0, { authors: ['Yi Zeng', 'Zoë Müller'], categories: ['cs.LG', 'stat.ML'], venue: 'NeurIPS 2021' }),
	paper(1, { authors: ['Yi Zeng', 'Yi Zeng'], categories: ['cs.NE'], comment: 'Accepted at ICLR 2022' }),
	paper(2, { authors: ['Zeng Yi'], categories: ['quant-ph'], journal_ref: 'Phys. Rev. A 107, 012345' }),
	paper(3, { authors: null, categories: null }),
	paper(4, { authors: ['Yiannis Zengos', 'Bo Yi'], categories: ['CS.CV'] }),
];
/** Paper 2's year is unknown. */
const context: FilterContext = {
	years: Uint16Array.of(2021, 2022, 0, 2023, 2019),
	authors: buildAuthorIndex(papers),
	categories: buildTextColumn(papers, categoriesText),
	venues: buildTextColumn(papers, venueText),
};
const passing = (filters: Partial<Filters>) =>
	papers.map((_, paperNo) => paperNo).filter(compileFilters(context, { ...NO_FILTERS, ...filters }));

describe('compileFilters', () => {
	it('passes every paper when no filter is set', () => {
		expect(passing({})).toEqual([0, 1, 2, 3, 4]);
	});

	it('matches an author by the words of one name, in any order, case and accents aside', () => {
		expect(passing({ author: 'Yi Zeng' })).toEqual([0, 1, 2]);
		expect(passing({ author: 'ZENG' })).toEqual([0, 1, 2]);
		expect(passing({ author: 'muller' })).toEqual([0]);
		expect(passing({ author: 'Zoë' })).toEqual([0]);
	});

	it('matches whole words of a name, not their beginnings', () => {
		expect(passing({ author: 'Zen' })).toEqual([]);
		expect(passing({ author: 'yi' })).toEqual([0, 1, 2, 4]);
	});

	it('needs every word in the same name, not spread over a paper’s authors', () => {
		expect(passing({ author: 'Yi Müller' })).toEqual([]);
		expect(passing({ author: 'Yiannis Zeng' })).toEqual([]);
	});

	it('matches nothing for an author filter without a word', () => {
		expect(passing({ author: ' ,. ' })).toEqual([]);
	});

	it('takes years inclusively at both ends, either end open', () => {
		expect(passing({ yearFrom: 2021, yearTo: 2022 })).toEqual([0, 1]);
		expect(passing({ yearFrom: 2022 })).toEqual([1, 3]);
		expect(passing({ yearTo: 2021 })).toEqual([0, 4]);
	});

	it('never passes a paper of unknown year through a year filter', () => {
		expect(passing({ yearFrom: 0 })).toEqual([0, 1, 3, 4]);
		expect(passing({ yearTo: 9999 })).not.toContain(2);
	});

	it('matches a category by prefix, in any case: cs takes every cs.* category', () => {
		expect(passing({ category: 'cs' })).toEqual([0, 1, 4]);
		expect(passing({ category: 'cs.lg' })).toEqual([0]);
		expect(passing({ category: ' stat.ML ' })).toEqual([0]);
		expect(passing({ category: 'quant-ph' })).toEqual([2]);
	});

	it('matches a venue inside the venue, the comment or the journal reference, in any case', () => {
		expect(passing({ venue: 'neurips' })).toEqual([0]);
		expect(passing({ venue: 'ICLR' })).toEqual([1]);
		expect(passing({ venue: 'phys. rev. a' })).toEqual([2]);
		expect(passing({ venue: 'Nature' })).toEqual([]);
	});

	it('passes only papers that meet every filter set', () => {
		expect(passing({ author: 'zeng', category: 'cs' })).toEqual([0, 1]);
		expect(passing({ author: 'zeng', category: 'cs', yearFrom: 2022 })).toEqual([1]);
		expect(passing({ author: 'zeng', venue: 'iclr', yearTo: 2021 })).toEqual([]);
	});
});

describe('buildAuthorIndex', () => {
	const authors = buildAuthorIndex(papers);
	const papersOf = (nameNo: number) => [...authors.namePapers.subarray(authors.paperOffsets[nameNo]!, authors.paperOffsets[nameNo + 1]!)];

	it('lists each distinct name once, as its folded words', () => {
		expect(authors.names).toEqual(['yi zeng', 'zoe muller', 'zeng yi', 'yiannis zengos', 'bo yi']);
	});

	it('gives each name its papers in ascending order, a name listed twice on one paper once', () => {
		expect(papersOf(0)).toEqual([0, 1]);
		expect(papersOf(2)).toEqual([2]);
		expect(authors.paperOffsets).toHaveLength(authors.names.length + 1);
		expect(authors.paperOffsets[authors.names.length]).toBe(authors.namePapers.length);
	});

	it('maps each word to the names that contain it', () => {
		expect(authors.namesByWord.get('yi')).toEqual([0, 2, 4]);
		expect(authors.namesByWord.get('zeng')).toEqual([0, 2]);
		expect(authors.namesByWord.has('zen')).toBe(false);
	});

	it('is empty for papers without authors', () => {
		const none = buildAuthorIndex([papers[3]!]);
		expect(none.names).toEqual([]);
		expect([...none.paperOffsets]).toEqual([0]);
		expect(none.namePapers).toHaveLength(0);
	});
});
