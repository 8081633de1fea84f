import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import {
	buildSearchIndex,
	getPaper,
	paperCount,
	randomPaper,
	searchPapers,
	suggestPapers,
	type PaperIndex,
} from '../../src/search/paper-index.js';

const FIXTURE = new URL('../fixtures/search/papers.jsonl', import.meta.url).pathname;
const SHIPPED = new URL('../../data/', import.meta.url).pathname;

let shipped: PaperIndex;
let fixture: PaperIndex;
const ids = (results: { paper: { id: string } }[]) => results.map((result) => result.paper.id);

beforeAll(async () => {
	shipped = buildSearchIndex((await loadCorpus(SHIPPED)).papers);
	fixture = buildSearchIndex((await loadCorpus(FIXTURE)).papers);
});

describe('buildSearchIndex', () => {
	it('indexes every paper, an untitled one and an old-style id included', () => {
		expect(fixture.ids).toContain('hep-th/9901001');
		expect(ids(searchPapers(fixture, 'photonic'))).toEqual(['2305.00005']);
		expect(ids(searchPapers(fixture, 'curved backgrounds'))).toEqual(['hep-th/9901001']);
	});
});

describe('searchPapers', () => {
	it('puts 2305.10246 first for "spiking GAN", reading GAN from its title', () => {
		expect(ids(searchPapers(shipped, 'spiking GAN'))[0]).toBe('2305.10246');
	});

	it('puts 2305.00054 first for "data valuation wasserstein"', () => {
		expect(ids(searchPapers(shipped, 'data valuation wasserstein'))[0]).toBe('2305.00054');
	});

	it('still finds the Wasserstein paper through the typo "wasserstien"', () => {
		expect(ids(searchPapers(shipped, 'wasserstien'))[0]).toBe('2305.00054');
	});

	it('finds a word typed halfway', () => {
		expect(ids(searchPapers(shipped, 'wasserst'))[0]).toBe('2305.00054');
	});

	it('returns every paper with author "Yi Zeng" and only those, as the metadata lists them', () => {
		const meta = JSON.parse(readFileSync(new URL('../../data/papers-meta.json', import.meta.url), 'utf8')) as {
			id: string;
			authors: string[] | null;
		}[];
		const expected = meta.filter((paper) => paper.authors?.includes('Yi Zeng')).map((paper) => paper.id);
		expect(expected.length).toBeGreaterThan(5);
		expect(ids(searchPapers(shipped, 'author:"Yi Zeng"')).sort()).toEqual(expected.sort());
	});

	it('returns the paper first for its id, its versioned arXiv: form and its abstract URL', () => {
		for (const query of ['2305.00054', 'arXiv:2305.00054v2', 'https://arxiv.org/abs/2305.00054']) {
			expect(ids(searchPapers(shipped, query))[0]).toBe('2305.00054');
		}
	});

	it('finds the words inside LaTeX, such as YbOH in $^{171}$YbOH', () => {
		expect(ids(searchPapers(shipped, 'YbOH'))).toEqual(['2304.14548']);
	});

	it('lists only-filter queries newest first', () => {
		expect(ids(searchPapers(fixture, 'author:lopez'))).toEqual(['2304.00003', '2203.00002']);
	});

	it('filters by year and year range', () => {
		expect(ids(searchPapers(fixture, 'year:2023'))).toEqual(['2306.00006', '2305.00005', '2304.00003']);
		expect(ids(searchPapers(fixture, 'year:2021..2022'))).toEqual(['2203.00002', '2101.00001']);
		expect(ids(searchPapers(fixture, 'strings year:..2000'))).toEqual(['hep-th/9901001']);
	});

	it('filters by category prefix, so cat:cs takes every cs.* paper', () => {
		expect(ids(searchPapers(fixture, 'cat:cs')).sort()).toEqual(['2101.00001', '2203.00002', '2306.00006']);
		expect(ids(searchPapers(fixture, 'cat:cs.NE'))).toEqual(['2306.00006']);
		expect(ids(searchPapers(shipped, 'cat:cs.LG year:2023')).length).toBeGreaterThan(0);
	});

	it('filters by venue, journal reference or comment', () => {
		expect(ids(searchPapers(fixture, 'venue:iclr'))).toEqual(['2203.00002']);
		expect(ids(searchPapers(fixture, 'venue:"Phys. Rev. A"'))).toEqual(['2304.00003']);
		expect(ids(searchPapers(shipped, 'venue:ICLR'))).toEqual(['2305.00054']);
	});

	it('takes filters given as options, over the ones typed', () => {
		expect(ids(searchPapers(fixture, 'author:chen', { author: 'Rossi' }))).toEqual(['hep-th/9901001']);
		expect(ids(searchPapers(fixture, 'reservoir', { yearFrom: 2023, yearTo: 2023, category: 'cs' }))).toEqual(['2306.00006']);
	});

	it('folds accents both ways: schrodinger finds Schrödinger, Müller finds muller', () => {
		expect(ids(searchPapers(fixture, 'schrodinger'))[0]).toBe('2101.00001');
		expect(ids(searchPapers(fixture, 'author:muller'))).toEqual(['2101.00001']);
	});

	it('ranks a title match above an abstract match', () => {
		expect(ids(searchPapers(fixture, 'reservoir computing'))).toEqual(['2306.00006', '2305.00005']);
	});

	it('keeps to the limit and returns nothing for words no paper has', () => {
		expect(searchPapers(shipped, 'neural', {}, { limit: 2 })).toHaveLength(2);
		expect(searchPapers(shipped, 'xylophone')).toEqual([]);
		expect(searchPapers(shipped, '   ')).toEqual([]);
	});
});

describe('suggestPapers', () => {
	it('offers the newest papers for an empty input, at most 25', () => {
		expect(suggestPapers(fixture, '').map((paper) => paper.id)).toEqual([
			'2306.00006',
			'2305.00005',
			'2304.00003',
			'2203.00002',
			'2101.00001',
			'hep-th/9901001',
		]);
		expect(suggestPapers(fixture, '', 2)).toHaveLength(2);
	});

	it('offers papers whose title contains the typed phrase, title starts first', () => {
		expect(suggestPapers(shipped, 'spiking gen').map((paper) => paper.id)).toEqual(['2305.10246']);
		expect(suggestPapers(shipped, 'neural net').length).toBeGreaterThan(2);
	});

	it('offers papers whose title has every typed word, the last one partial', () => {
		expect(suggestPapers(shipped, 'spiking temporal cons').map((paper) => paper.id)).toEqual(['2305.14174']);
	});

	it('matches id prefixes and pasted URLs', () => {
		expect(
			suggestPapers(shipped, '2305.1')
				.map((paper) => paper.id)
				.sort(),
		).toEqual(['2305.10246', '2305.11484', '2305.14174', '2305.18439']);
		for (const pasted of [
			'https://arxiv.org/abs/2305.00054',
			'https://arxiv.org/html/2305.00054',
			'export.arxiv.org/abs/2305.00054',
			'<https://arxiv.org/abs/2305.00054>',
		]) {
			expect(suggestPapers(shipped, pasted)[0]?.id).toBe('2305.00054');
		}
		expect(suggestPapers(fixture, 'hep-th/99')[0]?.id).toBe('hep-th/9901001');
	});

	it('never offers more than 25 choices', () => {
		expect(suggestPapers(shipped, '2').length).toBeLessThanOrEqual(25);
	});
});

describe('getPaper', () => {
	it('finds a paper by any form of its id and returns null otherwise', () => {
		expect(getPaper(shipped, 'https://arxiv.org/pdf/2305.00054v2')?.id).toBe('2305.00054');
		expect(getPaper(fixture, 'hep-th/9901001v3')?.title).toBe('Strings on Curved Backgrounds');
		expect(getPaper(shipped, '2101.99999')).toBeNull();
		expect(getPaper(shipped, 'not an id')).toBeNull();
	});
});

describe('randomPaper', () => {
	it('picks the paper the random number points at, including the last', () => {
		expect(randomPaper(fixture, () => 0).id).toBe(fixture.ids[0]);
		expect(randomPaper(fixture, () => 0.999999).id).toBe(fixture.ids.at(-1));
	});
});

describe('paperCount', () => {
	it('counts the indexed papers', () => {
		expect(paperCount(shipped)).toBe(10);
		expect(paperCount(fixture)).toBe(6);
	});
});
