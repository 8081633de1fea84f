import { describe, expect, it } from 'vitest';
import { readCrossrefWork } from '../../src/library/crossref.js';
import { LibraryError } from '../../src/library/http.js';
import { readFixture } from './library-stand-ins.js';

const fixture = (name: string) => readFixture('crossref', name);

describe('readCrossrefWork', () => {
	it('reads a proceedings paper: its title and subtitle, "Given Family" authors, its proceedings as venue, its date', () => {
		expect(readCrossrefWork(fixture('akiba-optuna-2019.json'), '10.1145/3292500.3330701')).toEqual({
			doi: '10.1145/3292500.3330701',
			title: 'Optuna: A Next-generation Hyperparameter Optimization Framework',
			authors: ['Takuya Akiba', 'Shotaro Sano', 'Toshihiko Yanase', 'Takeru Ohta', 'Masanori Koyama'],
			venue: 'Proceedings of the 25th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining',
			published: '2019-07-25',
			url: 'https://doi.org/10.1145/3292500.3330701',
			abstract: null,
			entryType: 'inproceedings',
			arxivId: null,
		});
	});

	it("reads a book chapter's book, not its series, as the venue, and a date known to the year", () => {
		const work = readCrossrefWork(fixture('liu-ssd-2016.json'), '10.1007/978-3-319-46448-0_2');
		expect(work).toMatchObject({ venue: 'Computer Vision – ECCV 2016', published: '2016', entryType: 'incollection', abstract: null });
	});

	it('reads the JATS abstract as plain text', () => {
		const work = readCrossrefWork(fixture('diehl-cook-2015.json'), '10.3389/fncom.2015.00099');
		expect(work.abstract).toMatch(/^In order to understand how the mammalian neocortex is performing computations, two things/);
		expect(work.abstract).not.toContain('<');
		expect(work).toMatchObject({ entryType: 'article', venue: 'Frontiers in Computational Neuroscience', published: '2015-08-03' });
	});

	it('finds the arXiv preprint a has-preprint relation names by its arXiv DOI', () => {
		const record = JSON.parse(fixture('akiba-optuna-2019.json'));
		record.message.relation = { 'has-preprint': [{ 'id-type': 'doi', id: '10.48550/arXiv.1907.10902', 'asserted-by': 'subject' }] };
		expect(readCrossrefWork(JSON.stringify(record), '10.1145/3292500.3330701').arxivId).toBe('1907.10902');
		record.message.relation = { 'has-preprint': [{ 'id-type': 'doi', id: '10.1101/2024.01.01.0001', 'asserted-by': 'subject' }] };
		expect(readCrossrefWork(JSON.stringify(record), '10.1145/3292500.3330701').arxivId).toBeNull();
	});

	it('leaves an unknown date unknown', () => {
		const record = JSON.parse(fixture('liu-ssd-2016.json'));
		record.message.issued = { 'date-parts': [[null]] };
		expect(readCrossrefWork(JSON.stringify(record), '10.1007/978-3-319-46448-0_2').published).toBeNull();
	});

	it('refuses an answer that is no work record, in words', () => {
		for (const body of ['<html>maintenance</html>', '{"status": "ok", "message": {"items": []}}']) {
			expect(() => readCrossrefWork(body, '10.1234/abc')).toThrow(
				new LibraryError(200, "Crossref's answer for 10.1234/abc is not a work record, so nothing was added."),
			);
		}
	});
});
