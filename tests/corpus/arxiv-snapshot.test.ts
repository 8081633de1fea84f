import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { arxivSnapshotSchema, isArxivSnapshot, snapshotDate, splitAuthors } from '../../src/corpus/arxiv-snapshot.js';
import { parseListing } from '../../src/corpus/listing.js';

const snapshotRecords = async () =>
	(await readFile('tests/fixtures/corpus/arxiv-snapshot.json', 'utf8'))
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('arxivSnapshotSchema', () => {
	it('maps snapshot records to papers: first version date, update_date, split categories, folded text', async () => {
		const [lava, sgad, tks, old] = (await snapshotRecords()).map((record) => arxivSnapshotSchema.parse(record));
		expect(lava).toMatchObject({
			id: '2305.00054',
			title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
			authors: ['Hoang Anh Just', 'Feiyang Kang', 'Jiachen T. Wang', 'Yi Zeng', 'Myeongseob Ko', 'Ming Jin', 'Ruoxi Jia'],
			categories: ['cs.LG'],
			comment: 'ICLR 2023 Spotlight',
			journal_ref: null,
			doi: null,
			published: '2023-04-28',
			updated: '2023-05-02',
		});
		expect(sgad).toMatchObject({ published: '2023-05-17', updated: '2023-12-05', comment: null });
		expect(tks).toMatchObject({
			authors: ['Yiting Dong', 'Dongcheng Zhao', 'Yi Zeng'],
			categories: ['cs.NE', 'cs.CV', 'cs.LG'],
			journal_ref: 'IEEE Transactions on Artificial Intelligence (2024)',
			doi: '10.1109/TAI.2024.0000000',
		});
		expect(old).toMatchObject({
			id: 'hep-th/9901001',
			title: 'An Old-Style Identifier',
			authors: ['A. Physicist (Princeton, IAS)', 'B. Theorist (CERN)'],
			abstract: 'A record from the previous century, wrapped the way the snapshot wraps.',
			published: '1999-01-04',
		});
	});

	it('unwraps abstracts to the same text as the listing format holds', async () => {
		const seed = parseListing(await readFile('data/seed-papers.txt', 'utf8'), 'seed');
		for (const record of (await snapshotRecords()).slice(0, 3)) {
			const paper = arxivSnapshotSchema.parse(record);
			expect(paper.abstract).toBe(seed.papers.find((entry) => entry.paper.id === paper.id)?.paper.abstract);
		}
	});

	it('normalises a versioned id and rejects a version date that is not a date', () => {
		const record = { id: '2305.00054v2', authors: 'A, B', abstract: 'x', versions: [{ version: 'v1', created: 'soon' }] };
		const result = arxivSnapshotSchema.safeParse(record);
		expect(result.error?.issues.map((issue) => issue.message)).toEqual(['versions: "soon" is not a date']);
		expect(arxivSnapshotSchema.parse({ ...record, versions: [] }).id).toBe('2305.00054');
	});
});

describe('isArxivSnapshot', () => {
	it('tells the snapshot layout from paperbot’s own schema', () => {
		expect(isArxivSnapshot({ abstract: 'x', authors: 'A and B' })).toBe(true);
		expect(isArxivSnapshot({ abstract: 'x', update_date: '2023-01-01' })).toBe(true);
		expect(isArxivSnapshot({ abstract: 'x', versions: [] })).toBe(true);
		expect(isArxivSnapshot({ abstract: 'x', 'journal-ref': null })).toBe(true);
		expect(isArxivSnapshot({ abstract: 'x', authors: ['A', 'B'], journal_ref: 'J' })).toBe(false);
	});
});

describe('splitAuthors', () => {
	it('splits on commas and "and", with or without a serial comma', () => {
		expect(splitAuthors('Linghao Feng, Dongcheng Zhao and Yi Zeng')).toEqual(['Linghao Feng', 'Dongcheng Zhao', 'Yi Zeng']);
		expect(splitAuthors('Yiting Dong, Dongcheng Zhao, and Yi Zeng')).toEqual(['Yiting Dong', 'Dongcheng Zhao', 'Yi Zeng']);
		expect(splitAuthors('Ruoxi Jia')).toEqual(['Ruoxi Jia']);
		expect(splitAuthors('Alexander Anderson and\n  Sandy Andrews')).toEqual(['Alexander Anderson', 'Sandy Andrews']);
	});

	it('keeps commas inside parenthesised affiliations', () => {
		expect(splitAuthors('A. Physicist (Princeton, IAS), B. Theorist (CERN) and C. Doe')).toEqual([
			'A. Physicist (Princeton, IAS)',
			'B. Theorist (CERN)',
			'C. Doe',
		]);
	});
});

describe('snapshotDate', () => {
	it('turns a version timestamp into its UTC date', () => {
		expect(snapshotDate('Mon, 2 Apr 2007 19:18:42 GMT')).toBe('2007-04-02');
		expect(snapshotDate('Fri, 28 Apr 2023 23:59:59 GMT')).toBe('2023-04-28');
		expect(snapshotDate('not a date')).toBeNull();
	});
});
