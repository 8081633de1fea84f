import { describe, expect, it } from 'vitest';
import { describeIssues, emptyParsedFile, readJsonRecord } from '../../src/corpus/records.js';
import { paperFieldsSchema, paperSchema } from '../../src/corpus/paper.js';

const read = (value: unknown) => {
	const parsed = emptyParsedFile();
	readJsonRecord(value, 'file.jsonl:1', parsed);
	return parsed;
};

describe('readJsonRecord', () => {
	it('reads a record in paperbot’s schema as a paper', () => {
		const parsed = read({ id: 'arXiv:2305.00054v2', abstract: ' Data valuation. ', authors: ['Ruoxi Jia'] });
		expect(parsed.papers).toEqual([
			{ place: 'file.jsonl:1', paper: paperSchema.parse({ id: '2305.00054', abstract: 'Data valuation.', authors: ['Ruoxi Jia'] }) },
		]);
	});

	it('reads a record in normal form to exactly what paperSchema gives', () => {
		const record = {
			id: '2305.00054',
			title: 'LAVA',
			authors: ['Hoang Anh Just', 'Ruoxi Jia'],
			abstract: 'Data valuation.',
			categories: ['cs.LG'],
			venue: 'ICLR 2023',
			comment: null,
			published: '2023-04-28',
			extra: 'dropped',
		};
		expect(read(record).papers[0]?.paper).toStrictEqual(paperSchema.parse(record));
	});

	it('reads a record in the arXiv snapshot layout through the snapshot mapping', () => {
		const parsed = read({ id: '2305.00054', authors: 'A. One and B. Two', abstract: 'x', categories: 'cs.LG stat.ML' });
		expect(parsed.papers[0]?.paper).toMatchObject({ authors: ['A. One', 'B. Two'], categories: ['cs.LG', 'stat.ML'] });
	});

	it('reads a record without an abstract as an overlay', () => {
		const parsed = read({ id: '2305.00054v1', title: 'LAVA', sources: ['x'] });
		expect(parsed.papers).toEqual([]);
		expect(parsed.overlays).toEqual([
			{ place: 'file.jsonl:1', overlay: { ...paperFieldsSchema.omit({ abstract: true }).parse({ id: '2305.00054' }), title: 'LAVA' } },
		]);
	});

	it('warns instead of reading what is not a valid record', () => {
		expect(read('text').warnings).toEqual(['file.jsonl:1: not a JSON object']);
		expect(read(null).warnings).toEqual(['file.jsonl:1: not a JSON object']);
		expect(read({ id: '2305.00054', abstract: 'x', authors: [''] }).warnings).toEqual([
			'file.jsonl:1: authors.0: Too small: expected string to have >=1 characters',
		]);
		expect(read({ title: 'An overlay without an id' }).warnings).toEqual(['file.jsonl:1: id is missing']);
	});
});

describe('describeIssues', () => {
	it('writes each issue as a short reason naming its field', () => {
		const input = { id: 'x', abstract: '', published: 'May' };
		const result = paperSchema.safeParse(input);
		expect(describeIssues(result.error?.issues ?? [], input)).toBe(
			'"x" is not an arXiv id, a DOI or a paper key; published: dates are YYYY-MM-DD, YYYY-MM or YYYY',
		);
	});
});

describe('readJsonRecord on the records paperbot writes', () => {
	it.each([
		{
			id: 'doi:10.1038/nature14539',
			title: 'Deep learning',
			authors: ['Yann LeCun'],
			abstract: null,
			venue: 'Nature',
			published: '2015-05',
		},
		{ id: 'zotero:groups/12/ABCD2345', title: 'Wombat burrows', abstract: null, zotero_key: 'groups/12/ABCD2345', published: '1999' },
		{ id: 'bib:hong2023', title: 'T', abstract: 'A.', cite_key: 'hong2023', entry_type: 'inproceedings', url: 'https://x.org/a' },
		{ id: '2305.00054', title: 'LAVA', abstract: 'A.', doi: '10.5555/X', version: 3, published: '2023-04-28' },
		{ id: 'doi:10.1038/NATURE14539', title: 'Not canonical: the schema lowers the key', abstract: null },
		{ id: 'doi:10.48550/arxiv.2305.00054', title: 'An arXiv DOI: the schema makes it the arXiv id', abstract: null },
	])('reads $id exactly as paperSchema does', (record) => {
		expect(read(record).papers).toEqual([{ place: 'file.jsonl:1', paper: paperSchema.parse(record) }]);
	});

	it('refuses, as the schema does, a record with neither title nor abstract', () => {
		expect(read({ id: 'doi:10.1038/nature14539', title: null, abstract: null }).warnings).toEqual([
			'file.jsonl:1: the record has neither a title nor an abstract',
		]);
	});
});
