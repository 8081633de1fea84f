import type { State } from './state.js';
import { ScheduleSettingError } from './time.js';

/** Tells whether a saved search query matches a paper; the search module does the matching. */
export type QueryMatcher = (query: string, paperId: string) => boolean;

/** One section of a digest: a topic and its new papers, or "Other" for papers matching no topic. */
export interface DigestSection {
	/** The topic's query, or null for the "Other" section. */
	topic: string | null;
	title: string;
	paperIds: string[];
}

/** What a digest shows: its sections and whom to mention beside which paper. */
export interface DigestPlan {
	/** Every paper in the digest, oldest first seen first. */
	paperIds: string[];
	sections: DigestSection[];
	/** Paper id → ids of users whose subscription matches it. */
	mentions: Record<string, string[]>;
	/** Every mentioned user once: the only pings the digest message may allow. */
	mentionedUserIds: string[];
}

const MAX_QUERY_LENGTH = 100;

function checkQuery(query: string): string {
	const trimmed = query.trim().replace(/\s+/g, ' ');
	if (trimmed.length === 0 || trimmed.length > MAX_QUERY_LENGTH) {
		throw new ScheduleSettingError(`query must be 1–${MAX_QUERY_LENGTH} characters, e.g. "diffusion models"`);
	}
	return trimmed;
}

/**
 * Records when each paper id was first seen; call it at every corpus load. The very first load
 * ever counts as already announced, so installing paperbot never floods a channel. Returns the
 * ids seen for the first time now.
 */
export function recordFirstSeen(state: State, paperIds: readonly string[], now: Date): string[] {
	const { db } = state;
	return db
		.transaction(() => {
			const firstLoad = db.prepare(`SELECT value FROM paperbot_meta WHERE key = 'first_load_at'`).get() === undefined;
			if (firstLoad) db.prepare(`INSERT INTO paperbot_meta (key, value) VALUES ('first_load_at', ?)`).run(now.toISOString());
			const insert = db.prepare(
				`INSERT INTO paper_first_seen (paper_id, first_seen_at, in_first_load) VALUES (?, ?, ?) ON CONFLICT (paper_id) DO NOTHING`,
			);
			return [...new Set(paperIds)].filter((id) => insert.run(id, now.toISOString(), firstLoad ? 1 : 0).changes === 1);
		})
		.immediate();
}

/** The time up to which a guild's digests have covered new papers, or null before its first digest. */
export function digestWatermark(state: State, guildId: string): Date | null {
	const row = state.db.prepare(`SELECT covered_until FROM digest_watermark WHERE guild_id = ?`).get(guildId) as
		| { covered_until: string }
		| undefined;
	return row ? new Date(row.covered_until) : null;
}

/** Marks a guild's digests as covering papers first seen up to `coveredUntil`; never moves back. */
export function advanceDigestWatermark(state: State, guildId: string, coveredUntil: Date): void {
	state.db
		.prepare(
			`INSERT INTO digest_watermark (guild_id, covered_until) VALUES (?, ?)
			 ON CONFLICT (guild_id) DO UPDATE SET covered_until = MAX(covered_until, excluded.covered_until)`,
		)
		.run(guildId, coveredUntil.toISOString());
}

/**
 * Paper ids first seen after the guild's watermark and at or before `asOf`, oldest first; papers
 * of the very first corpus load are never included.
 */
export function papersForDigest(state: State, guildId: string, asOf: Date): string[] {
	const after = digestWatermark(state, guildId)?.toISOString() ?? '';
	const rows = state.db
		.prepare(
			`SELECT paper_id FROM paper_first_seen
			 WHERE in_first_load = 0 AND first_seen_at > ? AND first_seen_at <= ?
			 ORDER BY first_seen_at, paper_id`,
		)
		.all(after, asOf.toISOString()) as { paper_id: string }[];
	return rows.map((row) => row.paper_id);
}

/** Saves a digest topic for a guild; false when it was already saved. */
export function addTopic(state: State, guildId: string, query: string): boolean {
	return (
		state.db.prepare(`INSERT INTO digest_topic (guild_id, query) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(guildId, checkQuery(query))
			.changes === 1
	);
}

/** Removes a digest topic; false when there was no such topic. */
export function removeTopic(state: State, guildId: string, query: string): boolean {
	return state.db.prepare(`DELETE FROM digest_topic WHERE guild_id = ? AND query = ?`).run(guildId, checkQuery(query)).changes === 1;
}

/** A guild's digest topics, alphabetically. */
export function listTopics(state: State, guildId: string): string[] {
	const rows = state.db.prepare(`SELECT query FROM digest_topic WHERE guild_id = ? ORDER BY query`).all(guildId) as { query: string }[];
	return rows.map((row) => row.query);
}

/** A user's saved search in a guild: they are mentioned beside new papers it matches. */
export interface Subscription {
	user_id: string;
	query: string;
}

/** Saves a subscription; false when the user already had it. */
export function subscribe(state: State, guildId: string, userId: string, query: string): boolean {
	return (
		state.db
			.prepare(`INSERT INTO subscription (guild_id, user_id, query) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
			.run(guildId, userId, checkQuery(query)).changes === 1
	);
}

/** Removes one of a user's subscriptions, or all of them when `query` is omitted; returns how many went. */
export function unsubscribe(state: State, guildId: string, userId: string, query?: string): number {
	if (query === undefined) {
		return state.db.prepare(`DELETE FROM subscription WHERE guild_id = ? AND user_id = ?`).run(guildId, userId).changes;
	}
	return state.db
		.prepare(`DELETE FROM subscription WHERE guild_id = ? AND user_id = ? AND query = ?`)
		.run(guildId, userId, checkQuery(query)).changes;
}

/** A guild's subscriptions, or one user's when `userId` is given, by user then query. */
export function listSubscriptions(state: State, guildId: string, userId?: string): Subscription[] {
	if (userId !== undefined) {
		return state.db
			.prepare(`SELECT user_id, query FROM subscription WHERE guild_id = ? AND user_id = ? ORDER BY query`)
			.all(guildId, userId) as Subscription[];
	}
	return state.db
		.prepare(`SELECT user_id, query FROM subscription WHERE guild_id = ? ORDER BY user_id, query`)
		.all(guildId) as Subscription[];
}

/**
 * Groups new papers under the topics they match (a paper matching two topics is listed under
 * both; sections in topic order, empty ones left out) and the rest under "Other", and finds the
 * subscribers to mention beside each paper.
 */
export function groupDigest(
	paperIds: readonly string[],
	topics: readonly string[],
	subscriptions: readonly Subscription[],
	matches: QueryMatcher,
): DigestPlan {
	const sections: DigestSection[] = topics
		.map((topic) => ({ topic, title: topic, paperIds: paperIds.filter((id) => matches(topic, id)) }))
		.filter((section) => section.paperIds.length > 0);
	const inSomeTopic = new Set(sections.flatMap((section) => section.paperIds));
	const other = paperIds.filter((id) => !inSomeTopic.has(id));
	if (other.length > 0) sections.push({ topic: null, title: 'Other', paperIds: other });

	const mentions: Record<string, string[]> = {};
	for (const id of paperIds) {
		const users = [...new Set(subscriptions.filter((s) => matches(s.query, id)).map((s) => s.user_id))];
		if (users.length > 0) mentions[id] = users;
	}
	return { paperIds: [...paperIds], sections, mentions, mentionedUserIds: [...new Set(Object.values(mentions).flat())] };
}

/** The digest a guild is owed at `asOf`: its new papers grouped by its topics, with its subscribers' mentions. */
export function planDigest(state: State, guildId: string, asOf: Date, matches: QueryMatcher): DigestPlan {
	return groupDigest(papersForDigest(state, guildId, asOf), listTopics(state, guildId), listSubscriptions(state, guildId), matches);
}
