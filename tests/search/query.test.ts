import { describe, expect, it } from 'vitest';
import { hasFilters, NO_FILTERS, parseQuery } from '../../src/search/query.js';

describe('parseQuery', () => {
	it('separates free text from author, year, cat and venue filters', () => {
		expect(parseQuery('spiking author:"Yi Zeng" year:2023 cat:cs.NE venue:ICLR gan')).toEqual({
			text: 'spiking gan',
			filters: { author: 'Yi Zeng', yearFrom: 2023, yearTo: 2023, category: 'cs.NE', venue: 'ICLR' },
			malformed: [],
		});
	});

	it('reads a quoted value whole and a bare one up to the next space', () => {
		expect(parseQuery('venue:"Phys. Rev. A" quantum')).toMatchObject({
			text: 'quantum',
			filters: { ...NO_FILTERS, venue: 'Phys. Rev. A' },
		});
		expect(parseQuery('author:Yi Zeng')).toMatchObject({ text: 'Zeng', filters: { ...NO_FILTERS, author: 'Yi' } });
		expect(parseQuery('author:"Yi Zeng"spiking')).toMatchObject({ text: 'spiking', filters: { ...NO_FILTERS, author: 'Yi Zeng' } });
	});

	it('takes category: as cat:', () => {
		expect(parseQuery('category:cs.LG').filters.category).toBe('cs.LG');
	});

	it('reads year ranges, open at either end', () => {
		expect(parseQuery('year:2022..2023').filters).toMatchObject({ yearFrom: 2022, yearTo: 2023 });
		expect(parseQuery('year:2022..').filters).toMatchObject({ yearFrom: 2022, yearTo: null });
		expect(parseQuery('year:..2021').filters).toMatchObject({ yearFrom: null, yearTo: 2021 });
		expect(parseQuery('year:"2019..2020"').filters).toMatchObject({ yearFrom: 2019, yearTo: 2020 });
	});

	it('reads a range typed backwards forwards, rather than as one no paper can be in', () => {
		expect(parseQuery('year:2023..2021').filters).toMatchObject({ yearFrom: 2021, yearTo: 2023 });
		expect(parseQuery('year:2021..2021').filters).toMatchObject({ yearFrom: 2021, yearTo: 2021 });
	});

	it('runs a quote left open to the end of the query', () => {
		expect(parseQuery('spiking author:"Yi Zeng')).toMatchObject({ text: 'spiking', filters: { ...NO_FILTERS, author: 'Yi Zeng' } });
		expect(parseQuery('venue:"Neural Information year:2023')).toEqual({
			text: '',
			filters: { ...NO_FILTERS, venue: 'Neural Information year:2023' },
			malformed: [],
		});
	});

	it('leaves arXiv ids and URLs in the text', () => {
		expect(parseQuery('arXiv:2305.00054v2')).toMatchObject({ text: 'arXiv:2305.00054v2', filters: { author: null }, malformed: [] });
		expect(parseQuery('https://arxiv.org/abs/2305.00054').text).toBe('https://arxiv.org/abs/2305.00054');
	});

	it('names a filter that does not read, rather than searching for its words', () => {
		for (const notAYear of ['year:soon', 'year:23', 'year:20234', 'year:..', 'year:2020-2021', 'year:abc']) {
			expect(parseQuery(`spiking ${notAYear}`), notAYear).toEqual({ text: 'spiking', filters: NO_FILTERS, malformed: [notAYear] });
		}
		expect(parseQuery('author:')).toEqual({ text: '', filters: NO_FILTERS, malformed: ['author:'] });
		expect(parseQuery('author: zeng cat:')).toEqual({ text: 'zeng', filters: NO_FILTERS, malformed: ['author:', 'cat:'] });
	});

	it('reads a key only at the start of a word, and only the five known keys', () => {
		for (const text of ['xauthor:zeng', '(author:zeng)', 'https://example.org/?author:zeng', 'title:spiking']) {
			expect(parseQuery(text), text).toEqual({ text, filters: NO_FILTERS, malformed: [] });
		}
	});

	it('reads filter keys in any case, the later of two winning', () => {
		expect(parseQuery('Author:lopez AUTHOR:chen').filters.author).toBe('chen');
		expect(parseQuery('year:2020 YEAR:2021..').filters).toMatchObject({ yearFrom: 2021, yearTo: null });
		expect(parseQuery('venue:ICLR Venue:NeurIPS').filters.venue).toBe('NeurIPS');
	});

	it('names an empty quoted filter as one that does not read, and sets nothing for it', () => {
		expect(parseQuery('spiking author:"" venue:"  "')).toEqual({
			text: 'spiking',
			filters: NO_FILTERS,
			malformed: ['author:""', 'venue:"  "'],
		});
	});

	it('collapses the spaces a filter leaves behind', () => {
		expect(parseQuery('  spiking   year:2023   networks  ').text).toBe('spiking networks');
	});

	it('returns a fresh filter object, never the shared NO_FILTERS', () => {
		const parsed = parseQuery('spiking');
		expect(parsed.filters).toEqual(NO_FILTERS);
		expect(parsed.filters).not.toBe(NO_FILTERS);
		parsed.filters.author = 'zeng';
		expect(NO_FILTERS.author).toBeNull();
	});
});

describe('hasFilters', () => {
	it('is false for no filter and true as soon as any one is set', () => {
		expect(hasFilters(NO_FILTERS)).toBe(false);
		for (const key of Object.keys(NO_FILTERS) as (keyof typeof NO_FILTERS)[]) {
			const value = key === 'yearFrom' || key === 'yearTo' ? 2020 : 'x';
			expect(hasFilters({ ...NO_FILTERS, [key]: value }), key).toBe(true);
		}
	});

	it('agrees with what parseQuery found', () => {
		expect(hasFilters(parseQuery('spiking networks').filters)).toBe(false);
		expect(hasFilters(parseQuery('spiking year:..2021').filters)).toBe(true);
	});
});
