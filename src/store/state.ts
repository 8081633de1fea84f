import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The state file cannot be used: not a paperbot database, damaged, or from a newer paperbot. */
export class StateError extends Error {
	override name = 'StateError';
}

/** An open paperbot state database. */
export interface State {
	/** Absolute path of the database file. */
	readonly path: string;
	readonly db: Database.Database;
	close(): void;
}

const SQLITE_HEADER = 'SQLite format 3\0';
const MARKER_TABLE = 'paperbot_meta';

/**
 * Schema migrations, oldest first. Migration i brings `PRAGMA user_version` from i to i + 1; a
 * released migration is never edited, only followed by a new one.
 */
const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE paperbot_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	INSERT INTO paperbot_meta (key, value) VALUES ('app', 'paperbot');

	CREATE TABLE guild_settings (
		guild_id TEXT PRIMARY KEY,
		potd_channel_id TEXT,
		potd_time TEXT NOT NULL,
		timezone TEXT NOT NULL,
		potd_thread INTEGER NOT NULL CHECK (potd_thread IN (0, 1)),
		digest_channel_id TEXT,
		digest_cron TEXT NOT NULL
	);

	CREATE TABLE post_log (
		guild_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('potd', 'digest')),
		slot TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
		claimant TEXT NOT NULL,
		claimed_at TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		channel_id TEXT,
		message_id TEXT,
		sent_at TEXT,
		UNIQUE (guild_id, kind, slot)
	);

	CREATE TABLE potd_cycle (
		guild_id TEXT PRIMARY KEY,
		cycle INTEGER NOT NULL,
		paper_order TEXT NOT NULL
	);

	CREATE TABLE potd_choice (
		guild_id TEXT NOT NULL,
		local_date TEXT NOT NULL,
		cycle INTEGER NOT NULL,
		paper_id TEXT NOT NULL,
		PRIMARY KEY (guild_id, local_date)
	);

	CREATE TABLE paper_first_seen (
		paper_id TEXT PRIMARY KEY,
		first_seen_at TEXT NOT NULL,
		in_first_load INTEGER NOT NULL CHECK (in_first_load IN (0, 1))
	);

	CREATE TABLE digest_watermark (guild_id TEXT PRIMARY KEY, covered_until TEXT NOT NULL);

	CREATE TABLE digest_topic (
		guild_id TEXT NOT NULL,
		query TEXT NOT NULL,
		PRIMARY KEY (guild_id, query)
	);

	CREATE TABLE subscription (
		guild_id TEXT NOT NULL,
		user_id TEXT NOT NULL,
		query TEXT NOT NULL,
		PRIMARY KEY (guild_id, user_id, query)
	);
	`,
	`
	ALTER TABLE guild_settings ADD COLUMN feed_channel_id TEXT;
	ALTER TABLE guild_settings ADD COLUMN feed_categories TEXT NOT NULL DEFAULT '';
	ALTER TABLE guild_settings ADD COLUMN feed_time TEXT NOT NULL DEFAULT '09:00';
	ALTER TABLE guild_settings ADD COLUMN feed_max INTEGER NOT NULL DEFAULT 10;
	ALTER TABLE guild_settings ADD COLUMN feed_cross INTEGER NOT NULL DEFAULT 1 CHECK (feed_cross IN (0, 1));

	CREATE TABLE post_log_new (
		guild_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('potd', 'digest', 'feed')),
		slot TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
		claimant TEXT NOT NULL,
		claimed_at TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		channel_id TEXT,
		message_id TEXT,
		sent_at TEXT,
		UNIQUE (guild_id, kind, slot)
	);
	INSERT INTO post_log_new SELECT * FROM post_log;
	DROP TABLE post_log;
	ALTER TABLE post_log_new RENAME TO post_log;

	CREATE TABLE feed_paper (
		paper_id TEXT PRIMARY KEY,
		record TEXT NOT NULL,
		announced TEXT NOT NULL
	);

	CREATE TABLE feed_posted (
		guild_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		announced TEXT NOT NULL,
		PRIMARY KEY (guild_id, paper_id)
	);

	CREATE TABLE feed_look (
		guild_id TEXT PRIMARY KEY,
		looked_at TEXT NOT NULL,
		announced TEXT,
		new_count INTEGER NOT NULL DEFAULT 0,
		posted_count INTEGER NOT NULL DEFAULT 0,
		failures INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		next_look TEXT
	);
	`,
	`
	ALTER TABLE guild_settings ADD COLUMN reading_channel_id TEXT;
	ALTER TABLE guild_settings ADD COLUMN reading_cron TEXT NOT NULL DEFAULT '0 10 * * 1';
	ALTER TABLE guild_settings ADD COLUMN reading_hours INTEGER NOT NULL DEFAULT 24;

	CREATE TABLE post_log_new (
		guild_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('potd', 'digest', 'feed', 'reading_poll', 'reading_result')),
		slot TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
		claimant TEXT NOT NULL,
		claimed_at TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		channel_id TEXT,
		message_id TEXT,
		sent_at TEXT,
		UNIQUE (guild_id, kind, slot)
	);
	INSERT INTO post_log_new SELECT * FROM post_log;
	DROP TABLE post_log;
	ALTER TABLE post_log_new RENAME TO post_log;

	CREATE TABLE reading_proposal (
		guild_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		proposer_id TEXT NOT NULL,
		proposer_name TEXT NOT NULL,
		note TEXT,
		proposed_at TEXT NOT NULL,
		PRIMARY KEY (guild_id, paper_id)
	);

	CREATE TABLE reading_poll (
		guild_id TEXT NOT NULL,
		slot TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		paper_ids TEXT NOT NULL,
		ends_at TEXT NOT NULL,
		message_id TEXT,
		PRIMARY KEY (guild_id, slot)
	);
	`,
	`
	CREATE TABLE feed_feedback (
		guild_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('own', 'dismissed')),
		record TEXT NOT NULL,
		at TEXT NOT NULL,
		PRIMARY KEY (guild_id, paper_id, kind)
	);
	`,
	`
	CREATE TABLE zotero_sync (
		library TEXT PRIMARY KEY,
		collections TEXT NOT NULL,
		version INTEGER,
		synced_at TEXT,
		added INTEGER NOT NULL DEFAULT 0,
		updated INTEGER NOT NULL DEFAULT 0,
		removed INTEGER NOT NULL DEFAULT 0,
		skipped INTEGER NOT NULL DEFAULT 0,
		papers INTEGER NOT NULL DEFAULT 0,
		problem TEXT,
		problem_at TEXT
	);
	`,
	`
	CREATE TABLE feed_dismissal (
		guild_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		user_id TEXT NOT NULL,
		at TEXT NOT NULL,
		PRIMARY KEY (guild_id, paper_id, user_id)
	);
	-- A mark made when Not for us was one switch per server belongs to no member ('').
	INSERT INTO feed_dismissal (guild_id, paper_id, user_id, at)
		SELECT guild_id, paper_id, '', at FROM feed_feedback WHERE kind = 'dismissed';

	CREATE TABLE paper_post (
		guild_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		message_id TEXT,
		with_thread INTEGER NOT NULL DEFAULT 0 CHECK (with_thread IN (0, 1)),
		claimed_at TEXT NOT NULL,
		PRIMARY KEY (guild_id, paper_id)
	);
	`,
	`
	CREATE TABLE post_log_new (
		guild_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('potd', 'digest', 'feed', 'reading_poll', 'reading_result', 'follow', 'changes')),
		slot TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
		claimant TEXT NOT NULL,
		claimed_at TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		channel_id TEXT,
		message_id TEXT,
		sent_at TEXT,
		UNIQUE (guild_id, kind, slot)
	);
	INSERT INTO post_log_new SELECT * FROM post_log;
	DROP TABLE post_log;
	ALTER TABLE post_log_new RENAME TO post_log;

	CREATE TABLE author_follow (
		guild_id TEXT NOT NULL,
		user_id TEXT NOT NULL,
		folded TEXT NOT NULL,
		name TEXT NOT NULL,
		PRIMARY KEY (guild_id, user_id, folded)
	);

	CREATE TABLE follow_look (
		guild_id TEXT NOT NULL,
		announced TEXT NOT NULL,
		PRIMARY KEY (guild_id, announced)
	);

	CREATE TABLE arxiv_seen (
		paper_id TEXT PRIMARY KEY,
		version INTEGER,
		journal_ref TEXT,
		doi TEXT,
		withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1)),
		checked_at TEXT NOT NULL
	);

	CREATE TABLE paper_change (
		change_id INTEGER PRIMARY KEY,
		paper_id TEXT NOT NULL,
		title TEXT,
		version INTEGER,
		journal_ref TEXT,
		doi TEXT,
		withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1)),
		found_at TEXT NOT NULL
	);

	CREATE TABLE change_posted (
		guild_id TEXT NOT NULL,
		change_id INTEGER NOT NULL,
		PRIMARY KEY (guild_id, change_id)
	);

	CREATE TABLE version_check (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	`,
	`
	ALTER TABLE guild_settings ADD COLUMN citations_channel_id TEXT;
	ALTER TABLE guild_settings ADD COLUMN citations_time TEXT NOT NULL DEFAULT '09:00';
	UPDATE guild_settings SET citations_time = feed_time;

	CREATE TABLE post_log_new (
		guild_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('potd', 'digest', 'feed', 'reading_poll', 'reading_result', 'follow', 'changes', 'citation')),
		slot TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
		claimant TEXT NOT NULL,
		claimed_at TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		channel_id TEXT,
		message_id TEXT,
		sent_at TEXT,
		UNIQUE (guild_id, kind, slot)
	);
	INSERT INTO post_log_new SELECT * FROM post_log;
	DROP TABLE post_log;
	ALTER TABLE post_log_new RENAME TO post_log;

	CREATE TABLE lab_paper_mark (
		paper_id TEXT PRIMARY KEY,
		mark TEXT NOT NULL CHECK (mark IN ('ours', 'not_ours')),
		marked_at TEXT NOT NULL
	);

	CREATE TABLE lab_paper_openalex (
		paper_id TEXT PRIMARY KEY,
		openalex_id TEXT,
		found_by TEXT CHECK (found_by IN ('doi', 'arxiv_doi', 'title')),
		looked_at TEXT NOT NULL
	);

	CREATE TABLE citation_pair (
		guild_id TEXT NOT NULL,
		citing_id TEXT NOT NULL,
		cited_paper_id TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('known', 'posted')),
		recorded_at TEXT NOT NULL,
		PRIMARY KEY (guild_id, citing_id, cited_paper_id)
	);

	CREATE TABLE citation_check (
		guild_id TEXT PRIMARY KEY,
		checked_at TEXT NOT NULL,
		checked_on TEXT,
		new_count INTEGER NOT NULL DEFAULT 0,
		failures INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		next_check TEXT
	);
	`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function readHeader(path: string): string | null {
	let size: number;
	try {
		const stats = statSync(path);
		if (!stats.isFile()) throw new StateError(`state: ${path} is not a file`);
		size = stats.size;
	} catch (error) {
		if (error instanceof StateError) throw error;
		return null;
	}
	if (size === 0) return '';
	const buffer = Buffer.alloc(SQLITE_HEADER.length);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, buffer, 0, buffer.length, 0);
	} finally {
		closeSync(fd);
	}
	return buffer.toString('latin1');
}

/** Reads only: nothing may be written before we know the file is ours. */
function checkExisting(db: Database.Database, path: string): void {
	const problems = db.pragma('quick_check') as { quick_check: string }[];
	if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
		throw new StateError(
			`state: ${path} is damaged (${problems
				.map((p) => p.quick_check)
				.slice(0, 3)
				.join('; ')})`,
		);
	}
	const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
	const version = db.pragma('user_version', { simple: true }) as number;
	if (tables.length === 0 && version === 0) return;
	const hasMarker = tables.some((t) => t.name === MARKER_TABLE);
	const app = hasMarker
		? (db.prepare(`SELECT value FROM ${MARKER_TABLE} WHERE key = 'app'`).get() as { value: string } | undefined)
		: undefined;
	if (app?.value !== 'paperbot') {
		throw new StateError(`state: ${path} is an SQLite database but not a paperbot one; refusing to use it`);
	}
	if (version > SCHEMA_VERSION) {
		throw new StateError(`state: ${path} has schema version ${version}, newer than this paperbot knows (${SCHEMA_VERSION})`);
	}
}

function migrate(db: Database.Database): void {
	db.transaction(() => {
		// Re-read inside the write lock: another process may have migrated meanwhile.
		const version = db.pragma('user_version', { simple: true }) as number;
		for (let next = version; next < SCHEMA_VERSION; next += 1) {
			db.exec(MIGRATIONS[next] as string);
			db.pragma(`user_version = ${next + 1}`);
		}
	}).immediate();
}

/** Creates the state file's folder, or says in terms of STATE_PATH why it cannot be. */
function createFolder(folder: string): void {
	try {
		mkdirSync(folder, { recursive: true });
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'EEXIST' || code === 'ENOTDIR'
				? `${fileAbove(folder)} is a file, not a folder`
				: code === 'EACCES'
					? 'permission denied'
					: (code ?? String(error));
		throw new StateError(`state: cannot create the folder of STATE_PATH (${folder}): ${reason}`);
	}
}

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/** The nearest of `folder` and its parents that exists as a file. */
function fileAbove(folder: string): string {
	for (let path = folder; path !== dirname(path); path = dirname(path)) if (isFile(path)) return path;
	return folder;
}

/**
 * Opens (creating it and its folder if absent) the paperbot state database at `path`, in WAL
 * mode, and brings its schema up to date. Throws StateError naming the file when it is not a
 * paperbot database or is damaged; such a file is left exactly as it was.
 */
export function openState(path: string): State {
	const absolute = resolve(path);
	const header = readHeader(absolute);
	if (header !== null && header !== '' && header !== SQLITE_HEADER) {
		throw new StateError(`state: ${absolute} is not a paperbot database (not an SQLite file); refusing to use it`);
	}
	if (header === null) createFolder(dirname(absolute));
	let db: Database.Database;
	try {
		db = new Database(absolute);
	} catch (error) {
		throw new StateError(`state: cannot open ${absolute}: ${(error as Error).message}`);
	}
	try {
		checkExisting(db, absolute);
		db.pragma('journal_mode = WAL');
		db.pragma('busy_timeout = 5000');
		db.pragma('foreign_keys = ON');
		migrate(db);
	} catch (error) {
		db.close();
		if (error instanceof StateError) throw error;
		throw new StateError(`state: ${absolute} is damaged or unreadable: ${(error as Error).message}`);
	}
	return { path: absolute, db, close: () => db.close() };
}
