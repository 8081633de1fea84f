import { describe, expect, it } from 'vitest';
import type { ArxivVersion } from '../../src/arxiv/versions.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { changeWords, findChange, overlayOf } from '../../src/feed/changes.js';

const paper = paperSchema.parse({ id: '2305.00054', title: 'LAVA', abstract: 'A', version: 2, journal_ref: null });
const unversioned = paperSchema.parse({ id: '2305.00054', title: 'LAVA', abstract: 'A' });
const record = (fields: Partial<ArxivVersion>): ArxivVersion => ({
	id: '2305.00054',
	version: 2,
	title: 'LAVA',
	journal_ref: null,
	doi: null,
	comment: null,
	withdrawn: false,
	...fields,
});
const seen = { paper_id: '2305.00054', version: 2, journal_ref: null, doi: null, withdrawn: false };

describe('findChange', () => {
	it('finds a version newer than the one seen, and a journal reference or DOI gained since', () => {
		expect(findChange(paper, seen, record({ version: 3, journal_ref: 'JMLR 24', doi: '10.1/X' }), false)).toEqual({
			paper_id: '2305.00054',
			title: 'LAVA',
			version: 3,
			journal_ref: 'JMLR 24',
			doi: '10.1/X',
			withdrawn: false,
		});
		expect(findChange(paper, seen, record({}), false)).toBeNull();
	});

	it('takes a first sight as it is, but for a newer version than the record, a withdrawal or an announced replacement', () => {
		expect(findChange(unversioned, null, record({ version: 4, journal_ref: 'JMLR 24' }), false)).toBeNull();
		expect(findChange(paper, null, record({ version: 3, journal_ref: 'JMLR 24' }), false)).toMatchObject({ version: 3, journal_ref: null });
		expect(findChange(unversioned, null, record({ version: 4, journal_ref: 'JMLR 24' }), true)).toMatchObject({
			version: 4,
			journal_ref: 'JMLR 24',
		});
		expect(findChange(unversioned, null, record({ withdrawn: true }), false)).toMatchObject({ withdrawn: true, version: null });
	});

	it('says a withdrawal once', () => {
		expect(findChange(paper, { ...seen, withdrawn: true }, record({ withdrawn: true }), false)).toBeNull();
	});
});

describe('overlayOf', () => {
	it('carries only what arXiv says beyond the record', () => {
		expect(overlayOf(paper, record({}))).toBeNull();
		expect(overlayOf(paper, record({ version: 3, journal_ref: 'JMLR 24' }))).toEqual({
			id: '2305.00054',
			version: 3,
			journal_ref: 'JMLR 24',
		});
		expect(overlayOf(paper, record({ withdrawn: true, comment: 'This paper has been withdrawn' }))).toEqual({
			id: '2305.00054',
			comment: 'This paper has been withdrawn',
		});
	});
});

describe('changeWords', () => {
	it('says each change in a few words', () => {
		const words = changeWords({ version: 3, journal_ref: 'Accepted to NeurIPS 2025', doi: null, withdrawn: false }, (text) => text);
		expect(words).toBe('v3 — now *Accepted to NeurIPS 2025*');
		expect(changeWords({ version: null, journal_ref: null, doi: null, withdrawn: true }, (text) => text)).toBe('withdrawn by its authors');
	});
});
