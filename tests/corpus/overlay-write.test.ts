import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOverlays } from '../../src/corpus/append.js';
import { readCorpus } from '../../src/corpus/load.js';

let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-overlay-'));
	await writeFile(join(folder, 'papers.jsonl'), `${JSON.stringify({ id: '2305.00054', title: 'LAVA', abstract: 'A' })}\n`);
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('writeOverlays', () => {
	it('writes changes.jsonl beside the corpus, updating a paper’s record in place, and the loader applies it by id', async () => {
		await writeOverlays(folder, [{ id: '2305.00054', version: 2 }]);
		await writeOverlays(folder, [{ id: '2305.00054', version: 3, journal_ref: 'JMLR 24' }]);
		const text = await readFile(join(folder, 'changes.jsonl'), 'utf8');
		expect(text).toBe(`${JSON.stringify({ id: '2305.00054', version: 3, journal_ref: 'JMLR 24' })}\n`);
		expect(await readFile(join(folder, 'papers.jsonl'), 'utf8')).toContain('"title":"LAVA"');
		const { papers } = (await readCorpus(folder)).parse();
		expect(papers[0]).toMatchObject({ id: '2305.00054', title: 'LAVA', version: 3, journal_ref: 'JMLR 24' });
	});
});
