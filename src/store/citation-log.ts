import type { State } from './state.js';

/** One work citing one lab paper, as a guild's citation alerts know it. */
export interface CitationPair {
	/** The citing work's OpenAlex id, `W…`. */
	citingId: string;
	/** The cited lab paper's key. */
	citedPaperId: string;
}

/** What the latest look for a guild's new citations found, for `/paperbot status`. */
export interface CitationCheck {
	guild_id: string;
	checked_at: string;
	/** The local date of the latest look that went through; null before the first. */
	checked_on: string | null;
	/** Citations the latest look found new (posted, or recorded as earlier ones on the first look). */
	new_count: number;
	/** Failed looks in a row; 0 after a good one. */
	failures: number;
	last_error: string | null;
	next_check: string | null;
}

const MAX_ERROR_LENGTH = 300;

/** The (citing work, lab paper) pairs among `pairs` that the guild already knows: posted, or recorded as earlier. */
export function knownCitations(state: State, guildId: string, pairs: readonly CitationPair[]): Set<string> {
	const select = state.db.prepare(`SELECT 1 FROM citation_pair WHERE guild_id = ? AND citing_id = ? AND cited_paper_id = ?`);
	return new Set(
		pairs.filter((pair) => select.get(guildId, pair.citingId, pair.citedPaperId) !== undefined).map((pair) => citationKey(pair)),
	);
}

/** A pair as one string: `W123 2305.00054`. */
export const citationKey = (pair: CitationPair) => `${pair.citingId} ${pair.citedPaperId}`;

/** Records pairs as posted or as earlier ones; a pair already recorded keeps its first record. */
export function recordCitations(
	state: State,
	guildId: string,
	pairs: readonly CitationPair[],
	status: 'known' | 'posted',
	now: Date,
): void {
	const insert = state.db.prepare(
		`INSERT INTO citation_pair (guild_id, citing_id, cited_paper_id, status, recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
	);
	state.db.transaction(() => {
		for (const pair of pairs) insert.run(guildId, pair.citingId, pair.citedPaperId, status, now.toISOString());
	})();
}

/** How many citations the guild's alerts posted, and how many they recorded as earlier ones. */
export function citationCounts(state: State, guildId: string): { posted: number; known: number } {
	const rows = state.db.prepare(`SELECT status, COUNT(*) AS count FROM citation_pair WHERE guild_id = ? GROUP BY status`).all(guildId) as {
		status: 'known' | 'posted';
		count: number;
	}[];
	return {
		posted: rows.find((row) => row.status === 'posted')?.count ?? 0,
		known: rows.find((row) => row.status === 'known')?.count ?? 0,
	};
}

/** Saves what a look found (or why it failed) and when the next is due. */
export function recordCitationCheck(state: State, check: CitationCheck): void {
	state.db
		.prepare(
			`INSERT INTO citation_check (guild_id, checked_at, checked_on, new_count, failures, last_error, next_check)
			 VALUES (@guild_id, @checked_at, @checked_on, @new_count, @failures, @last_error, @next_check)
			 ON CONFLICT (guild_id) DO UPDATE SET checked_at = excluded.checked_at, checked_on = excluded.checked_on,
			   new_count = excluded.new_count, failures = excluded.failures, last_error = excluded.last_error, next_check = excluded.next_check`,
		)
		.run({ ...check, last_error: check.last_error?.slice(0, MAX_ERROR_LENGTH) ?? null });
}

/** The latest look for a guild's new citations, or null before the first. */
export function getCitationCheck(state: State, guildId: string): CitationCheck | null {
	return (state.db.prepare(`SELECT * FROM citation_check WHERE guild_id = ?`).get(guildId) as CitationCheck | undefined) ?? null;
}
