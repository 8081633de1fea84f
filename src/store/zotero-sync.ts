import type { State } from './state.js';

/** `ZOTERO_SYNC`'s default: at the start of every hour. */
export const DEFAULT_ZOTERO_SYNC_CRON = '0 * * * *';

/** What one sync changed in `zotero.jsonl`. */
export interface ZoteroSyncCounts {
	/** Papers new to the file. */
	added: number;
	/** Papers already in the file whose item changed. */
	updated: number;
	/** Papers taken out: their item was deleted, trashed, left the collections read, or stopped being a paper. */
	removed: number;
	/** Items read that are not papers: notes, attachments, annotations, web pages and the like. */
	skipped: number;
}

/** Where the sync of one library stands. */
export interface ZoteroSyncRecord extends ZoteroSyncCounts {
	/** `groups/<id>` or `users/<id>`. */
	library: string;
	/** The ZOTERO_COLLECTIONS the last good sync read (empty: all); a change means a full sync. */
	collections: string[];
	/** The library's version at the last good sync (`Last-Modified-Version`); null before the first. */
	version: number | null;
	/** When the last good sync ended, ISO 8601; null before the first. */
	synced_at: string | null;
	/** Papers in `zotero.jsonl` after the last good sync. */
	papers: number;
	/** Why the latest failed sync failed, and when (ISO 8601); kept after later good syncs, as the last problem seen. */
	problem: string | null;
	problem_at: string | null;
}

const MAX_PROBLEM_LENGTH = 300;

interface Row extends Omit<ZoteroSyncRecord, 'collections'> {
	collections: string;
}

/** The Zotero sync's state in the state database, one row per library. */
export interface ZoteroSyncLog {
	/** Where the library's sync stands; null before any sync of it was tried. */
	get(library: string): ZoteroSyncRecord | null;
	/** Records a good sync: the version reached, what changed and how many papers the file holds. */
	recordSync(
		library: string,
		sync: { collections: readonly string[]; version: number; at: Date; counts: ZoteroSyncCounts; papers: number },
	): void;
	/** Records why a sync failed; the version and counts of the last good sync stay. */
	recordProblem(library: string, collections: readonly string[], problem: string, at: Date): void;
}

/** Opens the Zotero sync's store over the state database. */
export function openZoteroSyncLog(state: State): ZoteroSyncLog {
	const { db } = state;
	const select = db.prepare(`SELECT * FROM zotero_sync WHERE library = ?`);
	const upsertSync = db.prepare(
		`INSERT INTO zotero_sync (library, collections, version, synced_at, added, updated, removed, skipped, papers)
		 VALUES (@library, @collections, @version, @synced_at, @added, @updated, @removed, @skipped, @papers)
		 ON CONFLICT (library) DO UPDATE SET collections = excluded.collections, version = excluded.version,
		   synced_at = excluded.synced_at, added = excluded.added, updated = excluded.updated, removed = excluded.removed,
		   skipped = excluded.skipped, papers = excluded.papers`,
	);
	const upsertProblem = db.prepare(
		`INSERT INTO zotero_sync (library, collections, problem, problem_at) VALUES (@library, @collections, @problem, @problem_at)
		 ON CONFLICT (library) DO UPDATE SET problem = excluded.problem, problem_at = excluded.problem_at`,
	);
	return {
		get(library) {
			const row = select.get(library) as Row | undefined;
			return row ? { ...row, collections: JSON.parse(row.collections) as string[] } : null;
		},
		recordSync(library, { collections, version, at, counts, papers }) {
			upsertSync.run({
				library,
				collections: JSON.stringify(collections),
				version,
				synced_at: at.toISOString(),
				...counts,
				papers,
			});
		},
		recordProblem(library, collections, problem, at) {
			upsertProblem.run({
				library,
				collections: JSON.stringify(collections),
				problem: problem.slice(0, MAX_PROBLEM_LENGTH),
				problem_at: at.toISOString(),
			});
		},
	};
}
