import { paperSchema, type Paper } from '../corpus/paper.js';
import type { State } from './state.js';

/** What the latest look at a guild's feed found, for `/paperbot status`. */
export interface FeedLook {
	guild_id: string;
	looked_at: string;
	/** The announcement date the feed held, or null when it was empty or could not be read. */
	announced: string | null;
	/** New papers in that announcement (after cross-list, corpus and earlier-post filtering). */
	new_count: number;
	/** Papers the post of that announcement listed. */
	posted_count: number;
	/** Failed looks in a row; 0 after a good one. */
	failures: number;
	last_error: string | null;
	/** When the next look is due, ISO 8601. */
	next_look: string | null;
}

const MAX_ERROR_LENGTH = 300;

/** Keeps feed papers so their menu, Add to corpus and Discuss work after a restart. */
export function storeFeedPapers(state: State, papers: readonly Paper[], announced: string): void {
	const insert = state.db.prepare(
		`INSERT INTO feed_paper (paper_id, record, announced) VALUES (?, ?, ?)
		 ON CONFLICT (paper_id) DO UPDATE SET record = excluded.record, announced = excluded.announced`,
	);
	state.db.transaction(() => {
		for (const paper of papers) insert.run(paper.id, JSON.stringify(paper), announced);
	})();
}

/** A paper a feed listed, as the feed described it, or null. */
export function getFeedPaper(state: State, paperId: string): Paper | null {
	const row = state.db.prepare(`SELECT record FROM feed_paper WHERE paper_id = ?`).get(paperId) as { record: string } | undefined;
	if (!row) return null;
	const parsed = paperSchema.safeParse(JSON.parse(row.record));
	return parsed.success ? parsed.data : null;
}

/** Records which papers a guild's feed post listed, so a later feed never lists them again. */
export function recordFeedPosted(state: State, guildId: string, paperIds: readonly string[], announced: string): void {
	const insert = state.db.prepare(`INSERT INTO feed_posted (guild_id, paper_id, announced) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
	for (const id of paperIds) insert.run(guildId, id, announced);
}

/** The papers the guild's feed post of an announcement listed, in the post's order, as the feed described them. */
export function postedFeedPapers(state: State, guildId: string, announced: string): Paper[] {
	const rows = state.db
		.prepare(`SELECT paper_id FROM feed_posted WHERE guild_id = ? AND announced = ? ORDER BY rowid`)
		.all(guildId, announced) as { paper_id: string }[];
	return rows.flatMap(({ paper_id }) => getFeedPaper(state, paper_id) ?? []);
}

/** The ids among `paperIds` an earlier feed post in the guild listed. */
export function postedFeedPaperIds(state: State, guildId: string, paperIds: readonly string[]): Set<string> {
	const select = state.db.prepare(`SELECT 1 FROM feed_posted WHERE guild_id = ? AND paper_id = ?`);
	return new Set(paperIds.filter((id) => select.get(guildId, id) !== undefined));
}

/** Saves what a look found (or why it failed) and when the next one is due. */
export function recordFeedLook(state: State, look: FeedLook): void {
	state.db
		.prepare(
			`INSERT INTO feed_look (guild_id, looked_at, announced, new_count, posted_count, failures, last_error, next_look)
			 VALUES (@guild_id, @looked_at, @announced, @new_count, @posted_count, @failures, @last_error, @next_look)
			 ON CONFLICT (guild_id) DO UPDATE SET looked_at = excluded.looked_at, announced = excluded.announced,
			   new_count = excluded.new_count, posted_count = excluded.posted_count, failures = excluded.failures,
			   last_error = excluded.last_error, next_look = excluded.next_look`,
		)
		.run({ ...look, last_error: look.last_error?.slice(0, MAX_ERROR_LENGTH) ?? null });
}

/** The latest look at a guild's feed, or null before the first. */
export function getFeedLook(state: State, guildId: string): FeedLook | null {
	return (state.db.prepare(`SELECT * FROM feed_look WHERE guild_id = ?`).get(guildId) as FeedLook | undefined) ?? null;
}
