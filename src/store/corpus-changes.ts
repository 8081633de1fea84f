import type { State } from './state.js';

/** What paperbot last saw of an arXiv paper's record on arXiv. */
export interface SeenVersion {
	paper_id: string;
	version: number | null;
	journal_ref: string | null;
	doi: string | null;
	withdrawn: boolean;
}

/** A change found in a corpus paper: each field set is what changed (a new version, a journal reference or DOI gained, a withdrawal). */
export interface PaperChange {
	change_id: number;
	paper_id: string;
	title: string | null;
	version: number | null;
	journal_ref: string | null;
	doi: string | null;
	withdrawn: boolean;
	found_at: string;
}

/** Where the daily version check of the corpus stands: the day it last ran, and where in the corpus the next batch starts. */
export interface CheckCursor {
	day: string | null;
	next: number;
}

/** The corpus's changes, what paperbot has seen of each arXiv paper, and which guilds were told. */
export interface ChangeStore {
	seen(paperId: string): SeenVersion | null;
	/** Records what arXiv says of a paper now, and the change it makes, if any, in one transaction; returns the change as kept. */
	record(seen: SeenVersion, change: Omit<PaperChange, 'change_id' | 'found_at'> | null, now: Date): PaperChange | null;
	/** Changes found at or after `since` that the guild has not been told of, oldest first. */
	unposted(guildId: string, since: Date): PaperChange[];
	/** Records that the guild was told of these changes (beside the post log's mark). */
	markPosted(guildId: string, changeIds: readonly number[]): void;
	/** Every change found, oldest first. */
	all(): PaperChange[];
	/** How many changes the guild was told of. */
	postedCount(guildId: string): number;
	/** How many changes were found, in every server. */
	count(): number;
	cursor(): CheckCursor;
	setCursor(cursor: CheckCursor): void;
}

interface ChangeRow extends Omit<PaperChange, 'withdrawn'> {
	withdrawn: number;
}

const asChange = (row: ChangeRow): PaperChange => ({ ...row, withdrawn: row.withdrawn === 1 });

export function openChanges({ db }: State): ChangeStore {
	return {
		seen(paperId) {
			const row = db.prepare(`SELECT paper_id, version, journal_ref, doi, withdrawn FROM arxiv_seen WHERE paper_id = ?`).get(paperId) as
				| (Omit<SeenVersion, 'withdrawn'> & { withdrawn: number })
				| undefined;
			return row ? { ...row, withdrawn: row.withdrawn === 1 } : null;
		},
		record(seen, change, now) {
			return db.transaction(() => {
				db.prepare(
					`INSERT INTO arxiv_seen (paper_id, version, journal_ref, doi, withdrawn, checked_at) VALUES (?, ?, ?, ?, ?, ?)
					 ON CONFLICT (paper_id) DO UPDATE SET version = excluded.version, journal_ref = excluded.journal_ref,
					   doi = excluded.doi, withdrawn = excluded.withdrawn, checked_at = excluded.checked_at`,
				).run(seen.paper_id, seen.version, seen.journal_ref, seen.doi, seen.withdrawn ? 1 : 0, now.toISOString());
				if (change === null) return null;
				const { lastInsertRowid } = db
					.prepare(
						`INSERT INTO paper_change (paper_id, title, version, journal_ref, doi, withdrawn, found_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					)
					.run(change.paper_id, change.title, change.version, change.journal_ref, change.doi, change.withdrawn ? 1 : 0, now.toISOString());
				return { ...change, change_id: Number(lastInsertRowid), found_at: now.toISOString() };
			})();
		},
		unposted: (guildId, since) =>
			(
				db
					.prepare(
						`SELECT * FROM paper_change WHERE found_at >= ?
						 AND change_id NOT IN (SELECT change_id FROM change_posted WHERE guild_id = ?) ORDER BY change_id`,
					)
					.all(since.toISOString(), guildId) as ChangeRow[]
			).map(asChange),
		markPosted(guildId, changeIds) {
			const insert = db.prepare(`INSERT INTO change_posted (guild_id, change_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
			for (const id of changeIds) insert.run(guildId, id);
		},
		all: () => (db.prepare(`SELECT * FROM paper_change ORDER BY change_id`).all() as ChangeRow[]).map(asChange),
		count: () => (db.prepare(`SELECT COUNT(*) AS count FROM paper_change`).get() as { count: number }).count,
		postedCount: (guildId) =>
			(db.prepare(`SELECT COUNT(*) AS count FROM change_posted WHERE guild_id = ?`).get(guildId) as { count: number }).count,
		cursor() {
			const rows = db.prepare(`SELECT key, value FROM version_check`).all() as { key: string; value: string }[];
			const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
			return { day: value('day'), next: Number(value('next') ?? 0) };
		},
		setCursor({ day, next }) {
			const upsert = db.prepare(
				`INSERT INTO version_check (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			);
			db.transaction(() => {
				if (day !== null) upsert.run('day', day);
				upsert.run('next', String(next));
			})();
		},
	};
}

/** Whether the guild's followed authors were already looked up for this announcement date. */
export function followsLooked({ db }: State, guildId: string, announced: string): boolean {
	return db.prepare(`SELECT 1 FROM follow_look WHERE guild_id = ? AND announced = ?`).get(guildId, announced) !== undefined;
}

/** Records that the guild's followed authors were looked up, and their papers posted, for this announcement date. */
export function recordFollowsLooked({ db }: State, guildId: string, announced: string): void {
	db.prepare(`INSERT INTO follow_look (guild_id, announced) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(guildId, announced);
}
