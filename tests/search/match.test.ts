import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildSearchIndex, type PaperIndex } from '../../src/search/paper-index.js';
import { matchPapers, papersMatchingAll, savedSearchMatcher, unmatchedWords } from '../../src/search/match.js';

const SHIPPED = new URL('../../data/', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/search/papers.jsonl', import.meta.url).pathname;

let shipped: PaperIndex;
let fixture: PaperIndex;
const matchingIds = (index: PaperIndex, query: string) =>
	papersMatchingAll(index, query)
		.map((paperNo) => index.ids[paperNo]!)
		.sort();

beforeAll(async () => {
	shipped = buildSearchIndex((await loadCorpus(SHIPPED)).papers);
	fixture = buildSearchIndex((await loadCorpus(FIXTURE)).papers);
});

describe('papersMatchingAll', () => {
	it('matches no shipped paper for "wasserstein spiking": none has both words', () => {
		expect(matchingIds(shipped, 'wasserstein spiking')).toEqual([]);
	});

	it('matches exactly the papers that have every word', () => {
		expect(matchingIds(shipped, 'spiking')).toEqual(['2304.01015', '2304.06540', '2304.10749', '2305.10246', '2305.11484', '2305.14174']);
		expect(matchingIds(shipped, 'spiking adversarial')).toEqual(['2305.10246']);
	});

	it('folds case and accents as the index does, and completes words of four letters or more', () => {
		expect(matchingIds(fixture, 'SCHRODINGER bridges')).toEqual(['2101.00001']);
		expect(matchingIds(fixture, 'schröd')).toEqual(['2101.00001']);
		expect(matchingIds(fixture, 'reserv comput')).toEqual(['2305.00005', '2306.00006']);
		expect(matchingIds(fixture, 'sca')).toEqual([]);
	});

	it('never matches a near spelling', () => {
		expect(matchingIds(fixture, 'quantun')).toEqual([]);
	});

	it('applies the filters of a saved search, alone or with words', () => {
		expect(matchingIds(fixture, 'author:"Ana Lopez"')).toEqual(['2203.00002', '2304.00003']);
		expect(matchingIds(fixture, 'surface author:lopez')).toEqual(['2304.00003']);
		expect(matchingIds(fixture, 'graph year:2023')).toEqual([]);
		expect(matchingIds(fixture, 'cat:hep-th strings')).toEqual(['hep-th/9901001']);
	});

	it('matches nothing for a query with neither words nor filters', () => {
		expect(matchingIds(fixture, '  !? ')).toEqual([]);
	});
});

describe('matchPapers', () => {
	it('matches papers outside the corpus index as the corpus index matches them', () => {
		const queries = [
			'spiking',
			'spiking adversarial',
			'neural networks',
			'wasserstein spiking',
			'data valu',
			'spik year:2023',
			'author:zeng',
		];
		const eachAlone = shipped.ids.map((_, paperNo) => matchPapers([shipped.papers.at(paperNo)!]));
		for (const query of queries) {
			const matched = eachAlone.flatMap((match) => match(query).map((paper) => paper.id));
			expect(matched.sort(), query).toEqual(matchingIds(shipped, query));
		}
	});
});

describe('savedSearchMatcher', () => {
	it('tells whether a query matches an indexed paper, by id', () => {
		const matches = savedSearchMatcher(shipped);
		expect(matches('spiking adversarial', '2305.10246')).toBe(true);
		expect(matches('wasserstein spiking', '2305.10246')).toBe(false);
		expect(matches('spiking', '2305.00054')).toBe(false);
	});
});

describe('unmatchedWords', () => {
	it('names each word no paper has, with the indexed word search reads it as', () => {
		expect(unmatchedWords(shipped, 'wasserstien spiking')).toEqual([{ word: 'wasserstien', nearest: 'wasserstein' }]);
		expect(unmatchedWords(shipped, 'quokka')).toEqual([{ word: 'quokka', nearest: null }]);
	});

	it('finds nothing to say of a search whose words papers have, or of filters alone', () => {
		expect(unmatchedWords(shipped, 'spiking adversarial')).toEqual([]);
		expect(unmatchedWords(shipped, 'wass')).toEqual([]);
		expect(unmatchedWords(shipped, 'author:Zeng')).toEqual([]);
	});
});
