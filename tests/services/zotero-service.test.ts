import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getPaper } from '../../src/search/paper-index.js';
import { openLibrary } from '../../src/search/library.js';
import { startZoteroService, type ZoteroService, type ZoteroSettings } from '../../src/services/zotero-service.js';
import { openState, type State } from '../../src/store/state.js';
import { openZoteroSyncLog } from '../../src/store/zotero-sync.js';
import { recordingLogger } from '../discord/standin-client.js';
import { articleItem, STAND_IN_KEY, startZoteroStandIn, type ZoteroStandIn } from '../library/zotero-stand-in.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

interface Harness {
	zotero: ZoteroStandIn;
	state: State;
	service: ZoteroService;
	library: Awaited<ReturnType<typeof openLibrary>>;
	records: Record<string, unknown>[];
	itemRequests: () => number;
}

/** A temp corpus and state, a stand-in library, and the bot's sync over them with `cron` and the clock `now`. */
async function harness(
	{ cron = '0 * * * *', now }: { cron?: string; now?: () => Date } = {},
	prepare?: (state: State) => void,
): Promise<Harness> {
	const zotero = await startZoteroStandIn();
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-zotero-service-'));
	await cp('tests/fixtures/zotero-base.jsonl', join(folder, 'base.jsonl'));
	const state = openState(join(folder, 'paperbot.db'));
	prepare?.(state);
	const { log, records } = recordingLogger();
	const library = await openLibrary(folder, log, { output: { write: () => true } });
	const settings: ZoteroSettings = {
		library: zotero.library,
		collections: [],
		cron,
		timezone: 'Europe/London',
		apiUrl: zotero.apiUrl,
		apiKey: STAND_IN_KEY,
	};
	zotero.put(articleItem('FIRSTONE', { title: 'Wombat burrows as graphs' }));
	const service = startZoteroService({
		settings,
		state,
		corpusPath: folder,
		userAgent: 'paperbot/0.1.0',
		library,
		log,
		...(now && { now }),
	});
	cleanups.push(
		() => rm(folder, { recursive: true, force: true }),
		() => zotero.close(),
		() => state.close(),
		() => service.stop(),
	);
	const itemRequests = () => zotero.received.filter((request) => request.path.endsWith('/items')).length;
	return { zotero, state, service, library, records, itemRequests };
}

/** Waits for the sync at start to be recorded, and for it (and the reload after it) to end. */
async function firstSync(state: State, service: ZoteroService): Promise<void> {
	await until(() => openZoteroSyncLog(state).get('groups/4242')?.synced_at != null);
	await service.syncNow();
}

describe('the scheduled Zotero sync', () => {
	it('syncs at once when the library was never synced, and swaps in an index holding its papers', async () => {
		const { state, library, records } = await harness();
		await until(() => openZoteroSyncLog(state).get('groups/4242')?.synced_at != null);
		await until(() => getPaper(library.current(), 'zotero:groups/4242/FIRSTONE') !== null);
		expect(openZoteroSyncLog(state).get('groups/4242')).toMatchObject({ added: 1, papers: 1, problem: null });
		expect(records.find((record) => record.msg === 'zotero: synced')).toMatchObject({ library: 'groups/4242', added: 1 });
		expect(JSON.stringify(records)).not.toContain(STAND_IN_KEY);
	});

	it('never runs two syncs at once', async () => {
		const { state, service, zotero, itemRequests } = await harness();
		await firstSync(state, service);
		const before = itemRequests();
		zotero.put(articleItem('SECONDON'));
		const [first, second] = [service.syncNow(), service.syncNow()];
		expect(second).toBe(first);
		expect(await first).toMatchObject({ added: 1 });
		expect(itemRequests()).toBe(before + 1);
	});

	it('syncs again at the next time of its cron schedule', async () => {
		// A clock 300 ms before the next whole minute, with the library synced a moment ago.
		const minute = 60_000;
		const offset = Math.ceil((Date.now() + 1_000) / minute) * minute - 300 - Date.now();
		const now = () => new Date(Date.now() + offset);
		const { state, zotero, itemRequests } = await harness({ cron: '* * * * *', now }, (opened) =>
			openZoteroSyncLog(opened).recordSync('groups/4242', {
				collections: [],
				version: 0,
				at: now(),
				counts: { added: 0, updated: 0, removed: 0, skipped: 0 },
				papers: 0,
			}),
		);
		expect(itemRequests()).toBe(0);
		zotero.put(articleItem('ONTHEHOUR'));
		await until(() => openZoteroSyncLog(state).get('groups/4242')?.added === 2);
		expect(itemRequests()).toBe(1);
	});

	it('keeps the papers it has when a sync fails, and says why in its problem', async () => {
		const { state, service, zotero, library } = await harness();
		await firstSync(state, service);
		zotero.force({ status: 403, body: 'Forbidden' });
		expect(await service.syncNow()).toBeNull();
		expect(service.problem()).toBe(
			'Zotero refused to let ZOTERO_API_KEY read groups/4242 (HTTP 403): the key cannot read this library; give it read access at zotero.org/settings/keys, or check ZOTERO_LIBRARY.',
		);
		expect(getPaper(library.current(), 'zotero:groups/4242/FIRSTONE')).not.toBeNull();
		expect(service.statusLines('UTC').at(-1)).toMatch(/^Last problem \(.+\): Zotero refused to let ZOTERO\\_API\\_KEY read groups\/4242/);
		expect(await service.syncNow()).toMatchObject({ added: 0 });
		expect(service.problem()).toBeNull();
	});
});
