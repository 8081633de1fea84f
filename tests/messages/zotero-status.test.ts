import { describe, expect, it } from 'vitest';
import { zoteroProblemIsCurrent, zoteroStatusLines } from '../../src/messages/zotero-status.js';
import type { ZoteroSyncRecord } from '../../src/store/zotero-sync.js';

const setup = { library: 'groups/4242', collections: ['Reading group', 'ABCD2345'], cron: '0 * * * *' };
const synced: ZoteroSyncRecord = {
	library: 'groups/4242',
	collections: ['Reading group', 'ABCD2345'],
	version: 812,
	synced_at: '2026-03-02T09:00:00.000Z',
	added: 3,
	updated: 1,
	removed: 0,
	skipped: 5,
	papers: 1204,
	problem: null,
	problem_at: null,
};

describe('zoteroStatusLines', () => {
	it('shows the library, the last sync in the server time zone, the papers, and no problem', () => {
		expect(zoteroStatusLines(setup, synced, 'Europe/London')).toEqual([
			'`groups/4242`, collections "Reading group", "ABCD2345"; syncs on `0 * * * *`',
			'Last sync: 2026-03-02 09:00 (Europe/London), library version 812: 3 added, 1 updated, 0 removed, 5 skipped',
			'Papers: 1,204 papers from Zotero',
		]);
	});

	it('says when the library was never synced, and shows the last problem, made safe for markdown', () => {
		const failed = {
			...synced,
			version: null,
			synced_at: null,
			problem: 'Zotero has no collection "*Reading*"',
			problem_at: '2026-03-02T10:00:00.000Z',
		};
		expect(zoteroStatusLines({ ...setup, collections: [] }, failed, 'UTC')).toEqual([
			'`groups/4242`, the whole library; syncs on `0 * * * *`',
			'Last sync: none yet',
			'Last problem (2026-03-02 10:00 (UTC)): Zotero has no collection "\\*Reading\\*"',
		]);
		expect(zoteroProblemIsCurrent(failed)).toBe(true);
		expect(zoteroProblemIsCurrent({ ...failed, synced_at: '2026-03-02T11:00:00.000Z' })).toBe(false);
		expect(zoteroStatusLines(setup, null, 'UTC')[1]).toBe('Last sync: none yet');
	});
});
