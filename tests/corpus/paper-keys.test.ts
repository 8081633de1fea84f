import { describe, expect, it } from 'vitest';
import { isPartialDate, keyUrl, normaliseDoi, normalisePaperKey, paperSchema, paperUrl } from '../../src/corpus/paper.js';

describe('normalisePaperKey', () => {
	it.each([
		['2305.00054', '2305.00054'],
		['https://arxiv.org/abs/2305.00054v2', '2305.00054'],
		['10.1016/j.patcog.2024.110474', 'doi:10.1016/j.patcog.2024.110474'],
		['doi:10.1016/J.PATCOG.2024.110474', 'doi:10.1016/j.patcog.2024.110474'],
		['https://doi.org/10.1016/j.neunet.2024.106423', 'doi:10.1016/j.neunet.2024.106423'],
		[
			'http://dx.doi.org/10.1002/(SICI)1097-4571(199009)41:6%3C391::AID-ASI1%3E3.0.CO;2-9',
			'doi:10.1002/(sici)1097-4571(199009)41:6<391::aid-asi1>3.0.co;2-9',
		],
		['<https://doi.org/10.18653/v1/N19-1423>', 'doi:10.18653/v1/n19-1423'],
		['10.48550/arXiv.2305.14174', '2305.14174'],
		['https://doi.org/10.48550/ARXIV.2305.14174', '2305.14174'],
		['bib:hong2023revisiting', 'bib:hong2023revisiting'],
		['zotero:groups/4711/ABCD2345', 'zotero:groups/4711/ABCD2345'],
	])('reads %s as %s', (text, key) => {
		expect(normalisePaperKey(text)).toBe(key);
	});

	it.each(['', 'spiking gan', '10.1016', 'doi:', 'zotero:ABCD2345', 'bib:'])('is null for %j', (text) => {
		expect(normalisePaperKey(text)).toBeNull();
	});

	it('reads only DOIs as DOIs', () => {
		expect(normaliseDoi('https://doi.org/10.1145/3292500.3330701')).toBe('10.1145/3292500.3330701');
		expect(normaliseDoi('https://example.org/10.1145/3292500.3330701')).toBeNull();
	});
});

describe('a paper beyond arXiv', () => {
	it('is kept with no abstract when it has a title, with a date known to the month or year', () => {
		const paper = paperSchema.parse({ id: '10.1016/j.neunet.2024.106423', title: 'Spiking GAN', abstract: null, published: '2024-08' });
		expect(paper).toMatchObject({ id: 'doi:10.1016/j.neunet.2024.106423', abstract: null, published: '2024-08' });
		expect(paperSchema.parse({ id: 'bib:x', title: 'T', published: '1999' }).published).toBe('1999');
	});

	it('is refused with neither a title nor an abstract, and with a date that is no date', () => {
		expect(paperSchema.safeParse({ id: 'bib:x', abstract: null }).error?.issues[0]?.message).toBe(
			'the record has neither a title nor an abstract',
		);
		expect(isPartialDate('2024-13')).toBe(false);
		expect(isPartialDate('2024-02-30')).toBe(false);
	});

	it('lives at its arXiv page, else its DOI, else its URL', () => {
		const base = { title: 'T', abstract: null };
		expect(paperUrl(paperSchema.parse({ ...base, id: '2305.00054', doi: '10.5555/X' }))).toBe('https://arxiv.org/abs/2305.00054');
		expect(paperUrl(paperSchema.parse({ ...base, id: 'bib:k', doi: '10.5555/X' }))).toBe('https://doi.org/10.5555/X');
		expect(paperUrl(paperSchema.parse({ ...base, id: 'doi:10.5555/x' }))).toBe('https://doi.org/10.5555/x');
		expect(paperUrl(paperSchema.parse({ ...base, id: 'bib:k', url: 'https://aclanthology.org/N19-1423' }))).toBe(
			'https://aclanthology.org/N19-1423',
		);
		expect(paperUrl(paperSchema.parse({ ...base, id: 'bib:k' }))).toBeNull();
		expect(keyUrl('zotero:users/1/ABCD2345')).toBeNull();
	});
});
