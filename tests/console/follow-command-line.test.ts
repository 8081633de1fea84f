import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openFollows } from '../../src/store/follows.js';
import { openChanges } from '../../src/store/corpus-changes.js';
import { openState } from '../../src/store/state.js';
import { apiFeedXml, startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { runCliHere } from '../run-entry.js';

let folder: string;
let corpus: string;
beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-cli-follow-'));
	corpus = join(folder, 'data');
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
});
afterAll(() => rm(folder, { recursive: true, force: true }));
let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;
afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
});

const statePath = () => join(folder, 'paperbot.db');
const env = () => ({ ARXIV_API_URL: standIn!.apiUrl, ARXIV_REQUEST_INTERVAL: '3', STATE_PATH: statePath() });

describe('paperbot changes', () => {
	it('prints what changed on arXiv in the corpus’s papers as JSON, and records nothing', async () => {
		standIn = await startArxivStandIn((url) => ({
			body: apiFeedXml(
				(url.searchParams.get('id_list') ?? '').split(',').map((id) => ({
					id,
					version: id === '2305.00054' ? 3 : 1,
					title: `Paper ${id}`,
					authors: ['A. Author'],
					categories: ['cs.LG'],
					published: '2023-05-01',
					...(id === '2304.14548' && { comment: 'This paper has been withdrawn' }),
				})),
			),
		}));
		const state = openState(statePath());
		openChanges(state).record({ paper_id: '2305.00054', version: 2, journal_ref: null, doi: null, withdrawn: false }, null, new Date());
		state.close();
		const result = await runCliHere(['changes', '--json'], corpus, { env: env() });
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toEqual({
			changes: [
				{ id: '2304.14548', version: null, journal_ref: null, doi: null, withdrawn: true },
				{ id: '2305.00054', version: 3, journal_ref: null, doi: null, withdrawn: false },
			],
		});
		expect(standIn.received.map((request) => request.idList?.split(',').length)).toEqual([10]);
		const after = openState(statePath());
		expect(openChanges(after).all()).toEqual([]);
		expect(openChanges(after).seen('2304.14548')).toBeNull();
		after.close();
	});
});

describe('paperbot following', () => {
	it('prints the followed authors and their papers of the last week as JSON', async () => {
		const recent = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
		standIn = await startArxivStandIn(() => ({
			body: apiFeedXml([{ id: '2612.00001', title: 'Unlearning', authors: ['Jiayu Zhou'], categories: ['q-bio.QM'], published: recent }]),
		}));
		const state = openState(statePath());
		openFollows(state).add('g1', 'u1', 'Jiayu Zhou');
		openFollows(state).add('g1', 'u2', 'J. Zhou');
		state.close();
		const result = await runCliHere(['following', '--json'], corpus, { env: env() });
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toEqual({
			authors: [
				{ name: 'J. Zhou', followers: 1 },
				{ name: 'Jiayu Zhou', followers: 1 },
			],
			papers: [
				{
					id: '2612.00001',
					title: 'Unlearning',
					authors: ['Jiayu Zhou'],
					categories: ['q-bio.QM'],
					published: recent,
					followed: ['J. Zhou', 'Jiayu Zhou'],
				},
			],
		});
		expect(standIn.received[0]?.searchQuery).toBe('au:zhou OR au:"jiayu zhou"');
	});
});
