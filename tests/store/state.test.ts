import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDigestMarks } from '../../src/store/digest-marks.js';
import { getGuildSettings, saveGuildSettings } from '../../src/store/settings.js';
import { openState, SCHEMA_VERSION, StateError } from '../../src/store/state.js';
import { compiled } from '../run-entry.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/schedule');
let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'paperbot-state-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** A paperbot database with enough rows to span many pages, closed so everything is in the main file. */
function filledDatabase(path: string): void {
	const state = openState(path);
	openDigestMarks(state).recordFirstSeen(
		Array.from({ length: 3000 }, (_, i) => `2401.${String(i).padStart(5, '0')}`),
		new Date('2025-01-01T00:00:00Z'),
	);
	state.close();
}

function expectRefused(path: string, message: RegExp): void {
	const before = readFileSync(path);
	let thrown: unknown;
	try {
		openState(path);
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(StateError);
	expect((thrown as Error).message).toContain(path);
	expect((thrown as Error).message).toMatch(message);
	expect(readFileSync(path).equals(before)).toBe(true);
}

describe('openState', () => {
	it('creates the folder and a WAL-mode database at the current schema version', () => {
		const path = join(dir, 'nested', 'state', 'paperbot.db');
		const state = openState(path);
		expect(state.path).toBe(path);
		expect(state.db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(state.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
		const tables = (state.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
			(t) => t.name,
		);
		expect(tables).toEqual([
			'arxiv_seen',
			'author_follow',
			'change_posted',
			'citation_check',
			'citation_pair',
			'digest_topic',
			'digest_watermark',
			'feed_dismissal',
			'feed_feedback',
			'feed_look',
			'feed_paper',
			'feed_posted',
			'follow_look',
			'guild_settings',
			'lab_paper_mark',
			'lab_paper_openalex',
			'paper_change',
			'paper_first_seen',
			'paper_post',
			'paperbot_meta',
			'post_log',
			'potd_choice',
			'potd_cycle',
			'reading_poll',
			'reading_proposal',
			'subscription',
			'version_check',
			'zotero_sync',
		]);
		state.close();
	});

	it('reopens an existing database with its data intact', () => {
		const path = join(dir, 'paperbot.db');
		const first = openState(path);
		saveGuildSettings(first, {
			guild_id: 'g1',
			potd_channel_id: 'c1',
			potd_time: '08:15',
			timezone: 'Europe/London',
			potd_thread: false,
			digest_channel_id: null,
			digest_cron: '0 9 * * 1',
		});
		first.close();
		const second = openState(path);
		expect(getGuildSettings(second, 'g1')).toMatchObject({ potd_time: '08:15', potd_thread: false });
		second.close();
	});

	it('treats an empty file as a new database', () => {
		const path = join(dir, 'empty.db');
		writeFileSync(path, '');
		const state = openState(path);
		expect(state.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
		state.close();
	});

	it('refuses a text file, naming it and leaving it unchanged', () => {
		const path = join(dir, 'paperbot.db');
		copyFileSync(join(FIXTURES, 'not-a-database.txt'), path);
		expectRefused(path, /is not a paperbot database \(not an SQLite file\)/);
	});

	it('refuses another application’s SQLite database, naming it and leaving it unchanged', () => {
		const path = join(dir, 'other.db');
		copyFileSync(join(FIXTURES, 'other-app.db'), path);
		expectRefused(path, /is an SQLite database but not a paperbot one/);
		const other = new Database(path, { readonly: true });
		expect(other.prepare('SELECT body FROM notes').pluck().get()).toBe('another app keeps its data here');
		other.close();
	});

	it('refuses a paperbot database with garbage written over some pages', () => {
		const path = join(dir, 'paperbot.db');
		filledDatabase(path);
		const bytes = readFileSync(path);
		for (let i = 4096 * 3; i < 4096 * 6; i += 1) bytes[i] = (i * 7) & 0xff;
		writeFileSync(path, bytes);
		expectRefused(path, /is damaged/);
	});

	it('refuses a truncated paperbot database', () => {
		const path = join(dir, 'paperbot.db');
		filledDatabase(path);
		truncateSync(path, Math.floor(readFileSync(path).length / 3));
		expectRefused(path, /is damaged/);
	});

	it('refuses a database written by a newer paperbot', () => {
		const path = join(dir, 'paperbot.db');
		openState(path).close();
		const raw = new Database(path);
		raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
		raw.close();
		expectRefused(path, new RegExp(`has schema version ${SCHEMA_VERSION + 1}, newer than this paperbot knows`));
	});

	it('refuses a folder where the file should be', () => {
		const path = join(dir, 'a-folder.db');
		mkdirSync(path);
		expect(() => openState(path)).toThrow(new StateError(`state: ${path} is not a file`));
	});

	it('names STATE_PATH when a file stands where its folder should be', () => {
		const blocker = join(dir, 'not-a-folder');
		writeFileSync(blocker, 'text');
		expect(() => openState(join(blocker, 'state', 'paperbot.db'))).toThrow(
			new StateError(`state: cannot create the folder of STATE_PATH (${join(blocker, 'state')}): ${blocker} is a file, not a folder`),
		);
	});

	it('lets two connections share one file', () => {
		const path = join(dir, 'paperbot.db');
		const one = openState(path);
		const two = openState(path);
		openDigestMarks(one).recordFirstSeen(['2401.00001'], new Date('2025-01-01T00:00:00Z'));
		expect(two.db.prepare('SELECT paper_id FROM paper_first_seen').pluck().all()).toEqual(['2401.00001']);
		one.close();
		two.close();
		expect(existsSync(path)).toBe(true);
	});
});

describe('claimSlot across processes', () => {
	it('gives the slot to exactly one of several processes claiming at the same instant', async () => {
		const path = join(dir, 'paperbot.db');
		openState(path).close();
		const workers = Array.from({ length: 3 }, (_, i) =>
			spawn(process.execPath, [compiled('tests/fixtures/schedule/claim-worker.ts'), path, `host-${i}:${1000 + i}`], {
				cwd: join(import.meta.dirname, '../..'),
			}),
		);
		const lines = workers.map((worker) => createInterface({ input: worker.stdout })[Symbol.asyncIterator]());
		const next = async (i: number) => (await lines[i]!.next()).value as string;
		expect(await Promise.all(workers.map((_, i) => next(i)))).toEqual(Array(3).fill('ready'));
		for (const worker of workers) worker.stdin.write('go\n');
		const outcomes = await Promise.all(workers.map((_, i) => next(i)));
		expect(outcomes.sort()).toEqual(['lost', 'lost', 'won']);
	});
});
