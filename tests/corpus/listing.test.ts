import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/corpus/listing.js';

const FIXTURES = 'tests/fixtures/corpus';
const read = (name: string) => readFile(`${FIXTURES}/${name}`, 'utf8');

describe('parseListing', () => {
	it('reads every record of the shipped seed listing, with comment lines and Created dates', async () => {
		const parsed = parseListing(await readFile('data/seed-papers.txt', 'utf8'), 'data/seed-papers.txt');
		expect(parsed.warnings).toEqual([]);
		expect(parsed.overlays).toEqual([]);
		expect(parsed.papers).toHaveLength(10);
		expect(parsed.papers[0]?.place).toBe('data/seed-papers.txt:1');
		expect(parsed.papers[0]?.paper).toMatchObject({
			id: '2306.02368',
			title: null,
			authors: null,
			comment: 'Accepted to ICML 2023',
			published: '2023-06-04',
		});
		expect(parsed.papers[0]?.paper.abstract).toMatch(
			/^Data-free knowledge distillation .* Codes are released at https:\/\/github\.com\/illidanlab\/ABD\.$/,
		);
		expect(parsed.papers.filter((entry) => entry.paper.comment === null)).toHaveLength(7);
	});

	it('tolerates CRLF, trailing spaces, extra blank lines, wrapped abstracts and versioned ids', async () => {
		const parsed = parseListing(await read('listing-crlf.txt'), 'listing-crlf.txt');
		expect(parsed.warnings).toEqual([]);
		expect(parsed.papers.map((entry) => [entry.place, entry.paper.id, entry.paper.comment, entry.paper.published])).toEqual([
			['listing-crlf.txt:3', '2306.02368', 'Accepted to ICML 2023', '2023-06-04'],
			['listing-crlf.txt:24', '2304.14548', '10 pages, 7 figures; Phys. Rev. A submitted', '2023-04-27'],
			['listing-crlf.txt:31', '2305.11484', null, '2023-05-19'],
		]);
		const seed = parseListing(await readFile('data/seed-papers.txt', 'utf8'), 'seed');
		const unwrapped = seed.papers.find((entry) => entry.paper.id === '2306.02368')?.paper.abstract;
		expect(parsed.papers[0]?.paper.abstract).toBe(unwrapped);
	});

	it('skips malformed records with the line of what is wrong, and keeps the rest', async () => {
		const parsed = parseListing(await read('listing-broken.txt'), 'broken.txt');
		expect(parsed.warnings).toEqual([
			'broken.txt:1: record has no arXiv:ID line',
			'broken.txt:7: "foo" is not an arXiv id, a DOI or a paper key',
			'broken.txt:15: the record has neither a title nor an abstract',
		]);
		expect(parsed.notes).toEqual(['broken.txt:13: Created date "2023/01/03" is not a date (YYYY-MM-DD); the paper is kept without one']);
		expect(parsed.papers.map((entry) => [entry.place, entry.paper.id, entry.paper.published])).toEqual([
			['broken.txt:10', '2301.00003', null],
			['broken.txt:18', '2305.10246', '2023-05-17'],
		]);
	});

	it('keeps a paper whose Created date is no calendar date, without a date and with a note', () => {
		const parsed = parseListing(
			'An abstract.\n\narXiv:2401.00001\nCreated: 2024-13-45\n\nAnother.\narXiv:2401.00002\nCreated: 2023-02-29\n',
			'x.txt',
		);
		expect(parsed.papers.map((entry) => [entry.paper.id, entry.paper.published])).toEqual([
			['2401.00001', null],
			['2401.00002', null],
		]);
		expect(parsed.warnings).toEqual([]);
		expect(parsed.notes).toEqual([
			'x.txt:4: Created date "2024-13-45" is not a date (YYYY-MM-DD); the paper is kept without one',
			'x.txt:8: Created date "2023-02-29" is not a date (YYYY-MM-DD); the paper is kept without one',
		]);
	});

	it('drops the "Comments:" label a pasted arXiv listing puts before its comment', () => {
		const parsed = parseListing('An abstract.\n\nComments: 5 pages, 2 figures\n\narXiv:2401.00001\n', 'x.txt');
		expect(parsed.papers[0]?.paper.comment).toBe('5 pages, 2 figures');
	});

	it('reads a record without a Created line, and an empty text as no records', () => {
		const parsed = parseListing('An abstract.\n\narXiv:2301.00001\n\nAnother abstract.\narXiv:2301.00002\n', 'x.txt');
		expect(parsed.papers.map((entry) => [entry.place, entry.paper.id, entry.paper.published])).toEqual([
			['x.txt:1', '2301.00001', null],
			['x.txt:5', '2301.00002', null],
		]);
		expect(parseListing('\r\n  \n', 'empty.txt')).toEqual({ papers: [], overlays: [], warnings: [], notes: [] });
	});

	it('reads a line of prose that starts with "arXiv:" as text, not as an id', () => {
		const parsed = parseListing('arXiv: a preprint server.\nMore of the abstract.\n\narXiv:2301.00001\n', 'x.txt');
		expect(parsed.warnings).toEqual([]);
		expect(parsed.papers[0]?.paper.abstract).toBe('arXiv: a preprint server. More of the abstract.');
	});
});
