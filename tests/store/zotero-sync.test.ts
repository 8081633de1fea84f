import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openState, SCHEMA_VERSION } from '../../src/store/state.js';
import { openZoteroSyncLog } from '../../src/store/zotero-sync.js';
import { useTempState } from '../schedule/temp-state.js';

describe('the Zotero sync log', () => {
	let dir = '';
	useTempState((_, folder) => {
		dir = folder;
	});

	it('keeps the version, counts and papers of the last good sync, and the last problem beside them, across a restart', () => {
		const path = join(dir, 'zotero.db');
		const state = openState(path);
		const log = openZoteroSyncLog(state);
		expect(log.get('groups/12')).toBeNull();
		log.recordProblem('groups/12', [], 'Zotero could not be reached: connection refused.', new Date('2026-03-02T08:00:00Z'));
		expect(log.get('groups/12')).toMatchObject({
			version: null,
			synced_at: null,
			problem: 'Zotero could not be reached: connection refused.',
		});
		const counts = { added: 3, updated: 1, removed: 2, skipped: 4 };
		log.recordSync('groups/12', { collections: ['Reading group'], version: 812, at: new Date('2026-03-02T09:00:00Z'), counts, papers: 40 });
		state.close();

		const reopened = openState(path);
		expect(openZoteroSyncLog(reopened).get('groups/12')).toEqual({
			library: 'groups/12',
			collections: ['Reading group'],
			version: 812,
			synced_at: '2026-03-02T09:00:00.000Z',
			...counts,
			papers: 40,
			problem: 'Zotero could not be reached: connection refused.',
			problem_at: '2026-03-02T08:00:00.000Z',
		});
		expect(openZoteroSyncLog(reopened).get('users/7')).toBeNull();
		reopened.close();
	});

	it('is added to a state database of an earlier schema when it is opened', () => {
		const path = join(dir, 'older.db');
		copyFileSync('tests/fixtures/schedule/schema-4-not-for-us.db', path);
		const migrated = openState(path);
		expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
		const log = openZoteroSyncLog(migrated);
		log.recordProblem('users/7', [], 'no', new Date('2026-03-02T08:00:00Z'));
		expect(log.get('users/7')?.problem).toBe('no');
		migrated.close();
	});
});
