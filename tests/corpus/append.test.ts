import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendPapers } from '../../src/corpus/append.js';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { compiled } from '../run-entry.js';

const run = promisify(execFile);

const paper = (id: string, title = `Paper ${id}`): Paper =>
	paperSchema.parse({ id, title, authors: ['Yi Zeng'], abstract: `Abstract of ${id}.`, categories: ['cs.LG'], published: '2023-05-01' });

/** Reads added.jsonl as the corpus loader does: one JSON record per non-blank line, each a valid Paper. */
async function reload(file: string): Promise<Paper[]> {
	const text = await readFile(file, 'utf8');
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => paperSchema.parse(JSON.parse(line)));
}

let corpus: string;

beforeEach(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-append-'));
});

afterEach(async () => {
	await rm(corpus, { recursive: true, force: true });
});

describe('appendPapers', () => {
	it('writes each paper as one JSON line to added.jsonl in the corpus folder', async () => {
		const lava = paper('2305.00054', 'LAVA: Data Valuation without Pre-Specified Learning Algorithms');
		const result = await appendPapers(corpus, [lava, paper('hep-th/9711200')]);
		expect(result).toEqual({ file: join(corpus, 'added.jsonl'), added: ['2305.00054', 'hep-th/9711200'], discardedTornLine: false });
		const text = await readFile(result.file, 'utf8');
		expect(text.endsWith('\n')).toBe(true);
		expect(text.split('\n')[0]).toBe(JSON.stringify(lava));
		expect(await reload(result.file)).toEqual([lava, paper('hep-th/9711200')]);
	});

	it('writes beside the corpus file when the corpus path names a file', async () => {
		const corpusFile = join(corpus, 'papers-meta.json');
		await writeFile(corpusFile, '[]');
		const result = await appendPapers(corpusFile, [paper('2305.00054')]);
		expect(result.file).toBe(join(corpus, 'added.jsonl'));
		expect(await readFile(corpusFile, 'utf8')).toBe('[]');
	});

	it('keeps what was there and adds after it', async () => {
		await appendPapers(corpus, [paper('2305.00054')]);
		const { file, added } = await appendPapers(corpus, [paper('2306.02368')]);
		expect(added).toEqual(['2306.02368']);
		expect((await reload(file)).map((record) => record.id)).toEqual(['2305.00054', '2306.02368']);
	});

	it('skips papers already in the file or repeated in the same call', async () => {
		await appendPapers(corpus, [paper('2305.00054')]);
		const { file, added } = await appendPapers(corpus, [paper('2305.00054'), paper('2306.02368'), paper('2306.02368')]);
		expect(added).toEqual(['2306.02368']);
		expect((await reload(file)).map((record) => record.id)).toEqual(['2305.00054', '2306.02368']);
	});

	it('lands both of two appends made at once', async () => {
		const [first, second] = await Promise.all([
			appendPapers(corpus, [paper('2305.00054'), paper('2305.14174')]),
			appendPapers(corpus, [paper('2306.02368')]),
		]);
		expect([...first.added, ...second.added]).toEqual(['2305.00054', '2305.14174', '2306.02368']);
		expect((await reload(first.file)).map((record) => record.id).sort()).toEqual(['2305.00054', '2305.14174', '2306.02368']);
	});

	it('lands every append when two processes append at once', async () => {
		const workers = ['2401.100', '2401.200'].map((prefix) =>
			spawn(process.execPath, [compiled('tests/corpus/append-worker.ts'), corpus, prefix, '15'], { stdio: ['pipe', 'pipe', 'inherit'] }),
		);
		// both start appending at the same moment, once past their start-up
		await Promise.all(workers.map((child) => once(child.stdout, 'data')));
		for (const child of workers) child.stdin.write('go\n');
		expect(await Promise.all(workers.map(async (child) => (await once(child, 'close'))[0]))).toEqual([0, 0]);
		const ids = (await reload(join(corpus, 'added.jsonl'))).map((record) => record.id);
		expect(ids).toHaveLength(30);
		expect(new Set(ids).size).toBe(30);
	});

	it('drops a torn last line, so a reload still works and the re-added paper appears once', async () => {
		const file = join(corpus, 'added.jsonl');
		const whole = `${JSON.stringify(paper('2305.00054'))}\n`;
		const torn = JSON.stringify(paper('2306.02368')).slice(0, 40);
		await writeFile(file, whole + torn);
		const result = await appendPapers(corpus, [paper('2306.02368')]);
		expect(result).toMatchObject({ added: ['2306.02368'], discardedTornLine: true });
		expect(await readFile(file, 'utf8')).toBe(`${whole}${JSON.stringify(paper('2306.02368'))}\n`);
		expect((await reload(file)).map((record) => record.id)).toEqual(['2305.00054', '2306.02368']);
	});

	it('keeps a whole last line that only lacks its newline', async () => {
		const file = join(corpus, 'added.jsonl');
		await writeFile(file, JSON.stringify(paper('2305.00054')));
		const result = await appendPapers(corpus, [paper('2305.00054'), paper('2306.02368')]);
		expect(result).toMatchObject({ added: ['2306.02368'], discardedTornLine: false });
		expect((await reload(file)).map((record) => record.id)).toEqual(['2305.00054', '2306.02368']);
	});

	it('leaves no temporary or lock file behind', async () => {
		await Promise.all([appendPapers(corpus, [paper('2305.00054')]), appendPapers(corpus, [paper('2306.02368')])]);
		expect(await readdir(corpus)).toEqual(['added.jsonl']);
	});

	it('leaves the file whole when the disk refuses the write part-way', async () => {
		const file = join(corpus, 'added.jsonl');
		await appendPapers(corpus, [paper('2305.00054')]);
		const before = await readFile(file, 'utf8');
		// a 64 KiB file size limit stands in for a full disk: the 200 KB paper cannot be written whole
		const limited = `ulimit -f 64 && echo go | "${process.execPath}" "${compiled('tests/corpus/append-worker.ts')}" "${corpus}" 2401.300 1 200000`;
		const failure = await run('bash', ['-c', limited]).then(
			() => 'the append succeeded',
			(error: { stderr: string }) => error.stderr,
		);
		expect(failure).toContain(`corpus append: could not write ${file} (EFBIG); it is unchanged.`);
		expect(await readFile(file, 'utf8')).toBe(before);
		expect((await reload(file)).map((record) => record.id)).toEqual(['2305.00054']);
		expect(await readdir(corpus)).toEqual(['added.jsonl']);
	});

	it('takes over a lock left behind by a process that died mid-append', async () => {
		const lock = join(corpus, '.added.jsonl.lock');
		await writeFile(lock, '');
		const aMinuteAgo = new Date(Date.now() - 60_000);
		await utimes(lock, aMinuteAgo, aMinuteAgo);
		const { added } = await appendPapers(corpus, [paper('2305.00054')]);
		expect(added).toEqual(['2305.00054']);
		expect(await readdir(corpus)).toEqual(['added.jsonl']);
	});

	it('refuses a corpus path that does not exist, naming it', async () => {
		const missing = join(corpus, 'no-such-folder');
		await expect(appendPapers(missing, [paper('2306.02368')])).rejects.toThrow(`corpus append: the corpus path ${missing} does not exist.`);
	});
});
