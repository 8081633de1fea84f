import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Curation } from '../../src/arxiv/curation.js';
import { runAddCommandLine } from '../../src/console/add-command-line.js';
import { addPapers } from '../../src/arxiv/add-papers.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { createDoiLookup } from '../../src/library/doi-papers.js';
import { openLibrary } from '../../src/search/library.js';
import { createLogger } from '../../src/log.js';
import { startArxivStandIn, type StandInAnswer } from '../arxiv/arxiv-stand-in.js';

let corpus: string;
let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;

beforeEach(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-add-cli-'));
	await writeFile(join(corpus, 'seed.jsonl'), `${JSON.stringify({ id: '2305.00054', title: 'LAVA', abstract: 'Data valuation.' })}\n`);
});

afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
	await rm(corpus, { recursive: true, force: true });
});

async function curationFor(answers: Record<string, StandInAnswer>): Promise<Curation> {
	standIn = await startArxivStandIn(answers);
	const library = await openLibrary(corpus, createLogger('silent'));
	const arxiv = { apiUrl: standIn.apiUrl, userAgent: 'paperbot-tests/0.1', queue: createRequestQueue(0) };
	const lookUpDois = createDoiLookup({ version: '0.1.0', crossrefUrl: 'http://127.0.0.1:9', openAlexUrl: 'http://127.0.0.1:9' });
	return {
		mayAdd: () => true,
		addPapers: (texts, onProgress) =>
			addPapers(texts, { corpusPath: corpus, library, lookUpDois, arxiv: { ...arxiv, ...(onProgress ? { onProgress } : {}) } }),
	};
}

async function run(ids: string[], curation: Curation | undefined, { files = [] as string[], json = false, isTTY = false } = {}) {
	const output = { stdout: '', stderr: '' };
	const code = await runAddCommandLine({ ids, files, json }, curation, {
		stdout: { write: (text: string) => (output.stdout += text) },
		stderr: { write: (text: string) => (output.stderr += text), isTTY },
	});
	return { code, ...output };
}

describe('runAddCommandLine', () => {
	it('adds several ids in one request and exits 0 when each was added or already present', async () => {
		const curation = await curationFor({ '2305.14174,hep-th/9711200': { fixture: 'several-papers.xml' } });
		const result = await run(['2305.14174', '2305.00054', 'arXiv:hep-th/9711200'], curation);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('added hep-th/9711200  The Large N Limit of Superconformal Field Theories and Supergravity\n');
		expect(result.stdout).toContain('already in the corpus: 2305.00054\n');
		expect(result.stdout).toContain('2 added, 1 already in the corpus, 0 failed.\n');
		expect(standIn!.received.map((request) => request.idList)).toEqual(['2305.14174,hep-th/9711200']);
	});

	it('reads ids from --file, prints each problem on stderr and exits 1', async () => {
		const curation = await curationFor({ 'hep-th/9711200,2305.99999': { fixture: 'several-papers.xml' } });
		const list = join(corpus, 'ids.txt');
		await writeFile(list, '# to read\nhep-th/9711200\n2305.99999  # typo?\nnot-an-id\n');
		const result = await run([], curation, { files: [list] });
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			'paperbot add: not-an-id: "not-an-id" is not an arXiv id or a DOI (expected e.g. 2305.00054, https://arxiv.org/abs/2305.00054 or 10.1145/3292500.3330701).',
			'paperbot add: 2305.99999: arXiv has no paper with id 2305.99999.',
		]);
		expect(await readFile(join(corpus, 'added.jsonl'), 'utf8')).toContain('"id":"hep-th/9711200"');
	});

	it('shows the progress of a long list on a terminal, and stays quiet elsewhere', async () => {
		const ids = Array.from({ length: 12 }, (_, index) => `2301.${String(index).padStart(5, '0')}`);
		const onTerminal = await run(ids, await curationFor({}), { isTTY: true });
		expect(onTerminal.stderr.split('\n')[0]).toBe('\rpaperbot add: looked up 12 of 12 papers');
		expect(onTerminal.code).toBe(1);
		await standIn?.close();
		const piped = await run(ids, await curationFor({}));
		expect(piped.stderr).not.toContain('looked up');
		expect(piped.stderr.split('\n').filter(Boolean)).toHaveLength(12);
	});

	it('exits 1 naming the file when the id file cannot be read', async () => {
		const result = await run([], await curationFor({}), { files: [join(corpus, 'missing.txt')] });
		expect(result).toMatchObject({ code: 1, stderr: `paperbot add: cannot read ${join(corpus, 'missing.txt')} (ENOENT).\n` });
		expect(standIn!.received).toEqual([]);
	});

	it('exits 1 naming a file with no ids, with {"error"} alone on stdout under --json', async () => {
		const empty = join(corpus, 'empty.txt');
		await writeFile(empty, '# nothing yet\n');
		const result = await run([], await curationFor({}), { files: [empty], json: true });
		expect(result).toMatchObject({ code: 1, stderr: `paperbot add: no arXiv ids or DOIs in ${empty}.\n` });
		expect(JSON.parse(result.stdout)).toEqual({ error: `no arXiv ids or DOIs in ${empty}.` });
	});

	it('exits 1 when the corpus cannot be written', async () => {
		const result = await run(['2305.14174'], undefined);
		expect(result).toMatchObject({
			code: 1,
			stderr: 'paperbot add: paperbot may not write to the corpus folder (CORPUS_PATH), so nothing can be added.\n',
		});
	});
});
