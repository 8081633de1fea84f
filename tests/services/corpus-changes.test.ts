import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { checkCorpusChanges, dailyShare } from '../../src/services/corpus-changes.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { openChanges } from '../../src/store/corpus-changes.js';
import type { State } from '../../src/store/state.js';
import { apiFeedXml, startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { useTempState } from '../schedule/temp-state.js';

let state: State;
useTempState((opened) => (state = opened));
let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;
let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-changes-'));
});
afterEach(async () => {
	await standIn?.close();
	await rm(folder, { recursive: true, force: true });
});

const IDS = ['2301.00001', '2301.00002', '2301.00003', '2301.00004', '2301.00005'];

/** An arXiv stand-in answering each id_list with a version-1 record per id, `extra` laid over the record of each id it names. */
async function startVersionStandIn(extra: (id: string) => { journalRef?: string } = () => ({})) {
	standIn = await startArxivStandIn((url) => ({
		body: apiFeedXml(
			(url.searchParams.get('id_list') ?? '').split(',').map((id) => ({
				id,
				title: `Paper ${id}`,
				authors: ['A. Author'],
				categories: ['cs.LG'],
				published: '2023-01-01',
				...extra(id),
			})),
		),
	}));
	return standIn;
}

/** The corpus of IDS (version 1 each), and a check of `dailyChecks` papers a day against `arxiv`. */
function checkContext(arxiv: { apiUrl: string }, dailyChecks: number) {
	const papers = IDS.map((id) => paperSchema.parse({ id, title: `Paper ${id}`, abstract: 'A', version: 1 }));
	return {
		papers,
		context: {
			state,
			index: buildSearchIndex(papers),
			arxiv: { apiUrl: arxiv.apiUrl, queue: createRequestQueue(0), userAgent: 'paperbot-tests' },
			corpusPath: folder,
			dailyChecks,
			now: () => new Date('2026-03-02T09:00:00Z'),
			reload: async () => undefined,
		},
	};
}

describe('dailyShare', () => {
	it('takes the next share of the corpus from the cursor, wrapping round', () => {
		expect(dailyShare(IDS, 0, 2)).toEqual(['2301.00001', '2301.00002']);
		expect(dailyShare(IDS, 4, 2)).toEqual(['2301.00005', '2301.00001']);
		expect(dailyShare(IDS, 0, 10)).toEqual(IDS);
	});
});

describe('checkCorpusChanges', () => {
	it('checks a share of the corpus a day, once a day, and records a journal reference gained since the last sight', async () => {
		let journal: string | undefined;
		const arxiv = await startVersionStandIn((id) => (id === '2301.00001' && journal ? { journalRef: journal } : {}));
		const { context } = checkContext(arxiv, 3);
		expect(await checkCorpusChanges(context, '2026-03-02')).toEqual([]);
		expect(await checkCorpusChanges(context, '2026-03-02')).toEqual([]);
		journal = 'JMLR 24';
		const changes = await checkCorpusChanges(context, '2026-03-03');
		expect(changes).toMatchObject([{ paper_id: '2301.00001', journal_ref: 'JMLR 24', version: null, withdrawn: false }]);
		expect(await checkCorpusChanges(context, '2026-03-04')).toEqual([]);
		expect(arxiv.received.map((request) => request.idList)).toEqual([
			'2301.00001,2301.00002,2301.00003',
			'2301.00004,2301.00005,2301.00001',
			'2301.00002,2301.00003,2301.00004',
		]);
		expect(openChanges(state).all()).toHaveLength(1);
		expect(await readFile(join(folder, 'changes.jsonl'), 'utf8')).toContain('"journal_ref":"JMLR 24"');
	});

	it('asks arXiv nothing with ARXIV_CHECKS_PER_DAY=0, and still records the announcement’s replacements', async () => {
		standIn = await startArxivStandIn(() => ({ body: apiFeedXml([]) }));
		const { papers, context } = checkContext(standIn, 0);
		expect(await checkCorpusChanges(context, '2026-03-02')).toEqual([]);
		const replaced = { ...papers[2]!, version: 3 };
		const changes = await checkCorpusChanges(context, '2026-03-03', {
			date: '2026-03-03',
			entries: [{ paper: replaced, announceType: 'replace' }],
			skipped: [],
		});
		expect(changes).toMatchObject([{ paper_id: '2301.00003', version: 3 }]);
		expect(standIn.received).toEqual([]);
	});

	it('checks every paper in turn on the days after some were replaced, none twice and none skipped', async () => {
		const arxiv = await startVersionStandIn();
		const { papers, context } = checkContext(arxiv, 2);
		// The announcement replaces the first paper: the day's check leaves it out, as the feed told of it.
		const replaced = { ...papers[0]!, version: 2 };
		await checkCorpusChanges(context, '2026-03-02', {
			date: '2026-03-02',
			entries: [{ paper: replaced, announceType: 'replace' }],
			skipped: [],
		});
		await checkCorpusChanges(context, '2026-03-03');
		await checkCorpusChanges(context, '2026-03-04');
		expect(arxiv.received.map((request) => request.idList)).toEqual(['2301.00002', '2301.00003,2301.00004', '2301.00005,2301.00001']);
	});
});
