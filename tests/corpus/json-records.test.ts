import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseJsonRecords } from '../../src/corpus/json-records.js';

const FIXTURES = 'tests/fixtures/corpus';
const read = (name: string) => readFile(`${FIXTURES}/${name}`);
const placesAndIds = (parsed: ReturnType<typeof parseJsonRecords>) => parsed.papers.map((entry) => [entry.place, entry.paper.id]);

describe('parseJsonRecords', () => {
	it('reads JSON Lines, skipping blank lines and normalising ids and empty values', async () => {
		const parsed = parseJsonRecords(await read('own-schema.jsonl'), 'own.jsonl');
		expect(parsed.warnings).toEqual([]);
		expect(placesAndIds(parsed)).toEqual([
			['own.jsonl:1', '2306.02368'],
			['own.jsonl:3', '2305.18439'],
			['own.jsonl:4', '2305.00054'],
			['own.jsonl:5', 'hep-th/9901001'],
		]);
		expect(parsed.papers[1]?.paper).toMatchObject({
			title: 'Alteration-free and Model-agnostic Origin Attribution of Generated Images',
			authors: null,
			venue: null,
		});
		expect(parsed.papers[2]?.paper).not.toHaveProperty('sources');
	});

	it('reads a pretty-printed JSON array, each record placed at the line where it starts', async () => {
		const parsed = parseJsonRecords(await read('own-schema-array.json'), 'array.json');
		expect(parsed.warnings).toEqual([]);
		expect(placesAndIds(parsed)).toEqual([
			['array.json:2', '2305.14174'],
			['array.json:24', '2304.10749'],
			['array.json:29', '2304.06540'],
		]);
		expect(parsed.papers[1]?.paper.title).toBeNull();
	});

	it('skips broken JSON Lines records with their line and reason', async () => {
		const parsed = parseJsonRecords(await read('broken.jsonl'), 'broken.jsonl');
		expect(parsed.warnings).toEqual([
			'broken.jsonl:2: not valid JSON',
			'broken.jsonl:4: "foo" is not an arXiv id, a DOI or a paper key',
			'broken.jsonl:5: the record has neither a title nor an abstract',
			'broken.jsonl:6: not a JSON object',
			'broken.jsonl:7: published: dates are YYYY-MM-DD, YYYY-MM or YYYY',
			'broken.jsonl:8: title: expected string, received number',
			'broken.jsonl:9: id is missing',
		]);
		expect(placesAndIds(parsed)).toEqual([
			['broken.jsonl:1', '2305.10246'],
			['broken.jsonl:10', '2304.01015'],
		]);
	});

	it('skips a broken element of a JSON array alone, keeping the elements after it', async () => {
		const parsed = parseJsonRecords(await read('broken-array.json'), 'broken-array.json');
		expect(parsed.warnings).toEqual([
			'broken-array.json:16: not valid JSON',
			'broken-array.json:17: "not-an-id" is not an arXiv id, a DOI or a paper key',
		]);
		expect(placesAndIds(parsed)).toEqual([
			['broken-array.json:2', '2304.14548'],
			['broken-array.json:21', '2304.01015'],
		]);
	});

	it('warns about an array that is never closed or has text after it, and ignores a byte order mark', () => {
		const record = '{"id": "2301.00001", "abstract": "An abstract with \\"quotes\\", [brackets] and {braces}."}';
		const unclosed = parseJsonRecords(Buffer.from(`\n[\n${record},\n${record.replace('00001', '00002')}`), 'open.json');
		expect(unclosed.warnings).toEqual(['open.json:2: the JSON array is never closed with ]']);
		expect(placesAndIds(unclosed)).toEqual([['open.json:3', '2301.00001']]);
		const trailing = parseJsonRecords(Buffer.from(`\uFEFF[${record}]\n\n]`), 'trailing.json');
		expect(trailing.warnings).toEqual(["trailing.json:1: text after the JSON array's closing ]"]);
		expect(trailing.papers[0]?.paper.abstract).toBe('An abstract with "quotes", [brackets] and {braces}.');
		const lines = parseJsonRecords(Buffer.from(`\uFEFF${record}\r\n`), 'bom.jsonl');
		expect(lines.warnings).toEqual([]);
		expect(placesAndIds(lines)).toEqual([['bom.jsonl:1', '2301.00001']]);
	});

	it('collects records without an abstract as overlays', async () => {
		const parsed = parseJsonRecords(await readFile('data/papers-meta.json'), 'data/papers-meta.json');
		expect(parsed.papers).toEqual([]);
		expect(parsed.warnings).toEqual([]);
		expect(parsed.overlays).toHaveLength(10);
		expect(parsed.overlays[0]?.place).toBe('data/papers-meta.json:2');
		expect(parsed.overlays[6]?.overlay).toMatchObject({ id: '2304.14548', title: null, authors: null });
	});
});
