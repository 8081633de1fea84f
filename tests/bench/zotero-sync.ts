/**
 * The Zotero row of `npm run bench`: a library of synthetic items in the loopback Zotero stand-in
 * (papers with arXiv ids, DOIs or neither, some without abstracts, and the attachments and notes
 * real libraries hold), synced into a copy of the shipped corpus, then a sync of a few changes,
 * then the start and restart after it, timed by measure.ts in their own processes.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaperRecord } from '../../src/corpus/paper.js';
import type { ZoteroItemData } from '../../src/library/zotero.js';
import { runZoteroSync } from '../../src/services/zotero-service.js';
import { openState } from '../../src/store/state.js';
import { articleItem, STAND_IN_KEY, startZoteroStandIn } from '../library/zotero-stand-in.js';
import type { Measurement } from './measure.js';
import { generatePapers } from './synthetic-corpus.js';
import { buildWorkload } from './workload.js';

/** The Zotero row's figures. */
export interface ZoteroSyncFigures {
	items: number;
	papers: number;
	skipped: number;
	pages: number;
	firstSyncMs: number;
	changes: number;
	changeSyncMs: number;
	first: Measurement;
	restart: Measurement;
	bare: Measurement;
}

/** What the bench's measure.ts runs, here for the corpus folder the sync wrote into. */
export type MeasureEngine = (engine: 'ours' | 'bare', corpus: string, workload: string, cacheDir: string) => Promise<Measurement>;

/** Zotero items made from a synthetic paper: a mix of item types and identifiers, as a lab's library holds. */
function itemOf(record: PaperRecord, n: number): { key: string; data: ZoteroItemData & Record<string, unknown> } {
	const key = `B${String(n).padStart(7, '0')}`;
	const kind = n % 20;
	if (kind === 0) return { key, data: { itemType: 'note', note: `<p>Notes on ${record.title}</p>` } };
	if (kind === 1)
		return { key, data: { itemType: 'attachment', title: 'Full Text PDF', parentItem: `B${String(n - 1).padStart(7, '0')}` } };
	const creators = (record.authors ?? []).map((name) => {
		const [firstName, ...rest] = name.split(' ');
		return { creatorType: 'author', firstName, lastName: rest.join(' ') };
	});
	return articleItem(key, {
		itemType: ['journalArticle', 'conferencePaper', 'preprint', 'bookSection'][n % 4],
		title: record.title ?? undefined,
		creators,
		abstractNote: kind === 2 ? '' : (record.abstract ?? ''),
		date: record.published ?? '',
		publicationTitle: record.venue ?? undefined,
		extra: kind < 8 ? `arXiv: 24${String(n % 12).padStart(2, '0')}.${String(n).padStart(5, '0')}` : '',
		DOI: kind >= 8 && kind < 14 ? `10.5555/bench.${n}` : '',
	});
}

/** Syncs a library of `items` items from the stand-in into a copy of the shipped corpus, then times the start and restart after it. */
export async function measureZoteroSync(items: number, measure: MeasureEngine): Promise<ZoteroSyncFigures> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-bench-zotero-'));
	const zotero = await startZoteroStandIn();
	try {
		const corpus = join(folder, 'data');
		await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const records = [...generatePapers({ count: items, seed: 24 })];
		zotero.put(...records.map(itemOf));
		const state = openState(join(folder, 'paperbot.db'));
		const settings = {
			library: zotero.library,
			collections: [],
			cron: '0 * * * *',
			timezone: 'UTC',
			apiUrl: zotero.apiUrl,
			apiKey: STAND_IN_KEY,
		};
		const run = { settings, state, corpusPath: corpus, userAgent: 'paperbot-bench' };
		let start = performance.now();
		const synced = await runZoteroSync(run);
		const firstSyncMs = performance.now() - start;
		const pages = zotero.received.length;

		const changes = Math.max(1, Math.floor(items / 100));
		zotero.put(...records.slice(0, changes).map((record, n) => itemOf({ ...record, title: `${record.title} (revised)` }, n + 2)));
		start = performance.now();
		await runZoteroSync(run);
		const changeSyncMs = performance.now() - start;
		state.close();

		const workload = join(folder, 'workload.json');
		await writeFile(workload, JSON.stringify(buildWorkload(records, 300, 300)));
		const cacheDir = join(folder, 'cache');
		const bare = await measure('bare', corpus, workload, cacheDir);
		const first = await measure('ours', corpus, workload, cacheDir);
		const restart = await measure('ours', corpus, workload, cacheDir);
		return { items, papers: synced.papers, skipped: synced.skipped, pages, firstSyncMs, changes, changeSyncMs, first, restart, bare };
	} finally {
		await zotero.close();
		await rm(folder, { recursive: true, force: true });
	}
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

/** The Zotero row as `npm run bench` prints it, with its targets. */
export function formatZoteroSyncReport(figures: ZoteroSyncFigures): string {
	const restartMs = figures.restart.parseMs + figures.restart.buildMs;
	const rows: [string, string, string][] = [
		[`first sync (${figures.pages} ${figures.pages === 1 ? 'request' : 'requests'})`, ms(figures.firstSyncMs), '< 10 s'],
		[`sync of ${figures.changes} changed items`, ms(figures.changeSyncMs), ''],
		['first start after it (parse + build)', ms(figures.first.parseMs + figures.first.buildMs), ''],
		[
			`restart after it (parse + ${figures.restart.source === 'cache' ? 'cache' : 'build'})`,
			`${ms(restartMs)} (${(restartMs / figures.bare.buildMs).toFixed(2)}x of bare build)`,
			'<= 0.25x',
		],
	];
	const heading = `\nZotero library of ${figures.items.toLocaleString('en')} items from the stand-in (${figures.papers.toLocaleString('en')} papers, ${figures.skipped} notes and attachments skipped), into the shipped corpus`;
	return [heading, ...rows.map(([name, value, target]) => `  ${name.padEnd(40)}${value.padStart(28)}  ${target}`)].join('\n');
}
