import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openState } from '../../src/store/state.js';
import { citingWork, LAB_RECORDS, LAB_WORKS } from '../library/lab-citations.js';
import { startOpenAlexStandIn, type OpenAlexStandIn } from '../library/openalex-stand-in.js';
import { runCliHere, runEntry } from '../run-entry.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

let folder: string;
let openAlex: OpenAlexStandIn;
beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-lab-cli-'));
	await cp('data', join(folder, 'data'), { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	await writeFile(join(folder, 'data', 'lab.jsonl'), `${LAB_RECORDS.map((record) => JSON.stringify(record)).join('\n')}\n`);
	openAlex = await startOpenAlexStandIn([
		...LAB_WORKS,
		citingWork('W1', ['W10'], daysAgo(40)),
		citingWork('W2', ['W10', 'W11', 'W99'], daysAgo(10)),
		citingWork('W3', ['W11'], '2025-06-01'),
	]);
});
afterAll(async () => {
	await openAlex?.close();
	await rm(folder, { recursive: true, force: true });
});

const cli = (args: string[]) =>
	runCliHere(args, join(folder, 'data'), {
		env: { STATE_PATH: join(folder, 'paperbot.db'), LAB_AUTHORS: 'Ines Quarzwald', OPENALEX_API_URL: openAlex.apiUrl },
	});

describe('paperbot ours', () => {
	it('lists the lab’s papers, newest first, with why, or as {"papers", "authors"} with --json', async () => {
		const json = await cli(['ours', '--json']);
		expect(json).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(json.stdout)).toEqual({
			papers: ['2311.09999', 'doi:10.1000/jnl.2023.7', 'bib:quarzwald2021'],
			authors: ['Ines Quarzwald'],
		});
		const text = await cli(['ours']);
		expect(text.stdout).toBe(
			[
				'LAB_AUTHORS: Ines Quarzwald. 3 lab papers, newest first:',
				'arXiv:2311.09999  Preprint of Quarzwald Dynamics (by I. Quarzwald)',
				'doi:10.1000/jnl.2023.7  Quarzwald Networks for Sparse Coding (by Ines Quarzwald)',
				'bib:quarzwald2021  A Workshop Note Nobody Indexed (by Ines Quarzwald)',
				'',
			].join('\n'),
		);
	});

	it('takes no arguments', async () => {
		expect(await cli(['ours', 'all'])).toMatchObject({
			code: 2,
			stderr: 'paperbot ours: takes no arguments, not "all". usage: paperbot ours, e.g. paperbot ours\n',
		});
	});
});

describe('/paperbot ours at the console', () => {
	it('marks a paper not the lab’s and lists the rest', async () => {
		const env = { STATE_PATH: join(folder, 'console.db'), LAB_AUTHORS: 'Ines Quarzwald' };
		const typed = '/paperbot ours remove id:2311.09999\n/paperbot ours list\n';
		const result = await runEntry('src/main.ts', [], join(folder, 'data'), { env, stdin: typed });
		expect(result).toMatchObject({ code: 0, stderr: expect.not.stringContaining('error') });
		expect(result.stdout).toContain("“Preprint of Quarzwald Dynamics” is no longer one of the lab's papers.");
		expect(result.stdout).toContain("LAB_AUTHORS: Ines Quarzwald. The lab's 2 papers, newest first:");
	});
});

describe('paperbot citations', () => {
	it('prints the works citing the lab’s papers since a date, and the papers OpenAlex could not find, recording nothing', async () => {
		const result = await cli(['citations', '--since', '2025-01-01', '--json']);
		expect(result).toMatchObject({ code: 0, stderr: '' });
		const work = (id: string, published: string) => ({
			title: `Follow-up study ${id}`,
			authors: ['Ann Citer', 'Bo Citer'],
			doi: `10.2000/${id.toLowerCase()}`,
			openalex: id,
			published,
		});
		expect(JSON.parse(result.stdout)).toEqual({
			citations: [
				{ work: work('W3', '2025-06-01'), cites: ['2311.09999'] },
				{ work: work('W1', daysAgo(40)), cites: ['doi:10.1000/jnl.2023.7'] },
				{ work: work('W2', daysAgo(10)), cites: ['2311.09999', 'doi:10.1000/jnl.2023.7'] },
			],
			unresolved: ['bib:quarzwald2021'],
		});
		const state = openState(join(folder, 'paperbot.db'));
		const recorded = state.db.prepare('SELECT COUNT(*) AS count FROM lab_paper_openalex').get() as { count: number };
		state.close();
		expect(recorded.count).toBe(0);
	});

	it('looks back 30 days by default', async () => {
		const result = await cli(['citations']);
		expect(result).toMatchObject({ code: 0, stderr: '' });
		expect(result.stdout).toBe(
			[
				`1 work published since ${daysAgo(30)} cites the lab's 3 papers:`,
				`Follow-up study W2 (Journal of Citing, ${daysAgo(10)})`,
				'   Ann Citer, Bo Citer',
				'   cites arXiv:2311.09999 and doi:10.1000/jnl.2023.7',
				'Not found in OpenAlex: bib:quarzwald2021',
				'',
			].join('\n'),
		);
	});

	it('refuses a date that is not one, and --since on another command', async () => {
		expect(await cli(['citations', '--since', '2025-13-01'])).toMatchObject({
			code: 2,
			stderr:
				'paperbot citations: --since must be a date, YYYY-MM-DD, not "2025-13-01". usage: paperbot citations [--since YYYY-MM-DD], e.g. paperbot citations --since 2026-01-01\n',
		});
		expect(await cli(['ours', '--since', '2025-01-01'])).toMatchObject({
			code: 2,
			stderr: expect.stringContaining('--since is only for paperbot citations'),
		});
	});

	it('exits 1 with {"error"} when OpenAlex keeps refusing', async () => {
		openAlex.rateLimit(0, 4);
		const result = await cli(['citations', '--json']);
		const message = 'OpenAlex could not be read: OpenAlex answered HTTP 429; it asks for fewer requests, so try again later.';
		expect(result).toEqual({ code: 1, stdout: `${JSON.stringify({ error: message })}\n`, stderr: `${message}\n` });
	});
});
