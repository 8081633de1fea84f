import type { State } from './state.js';
import { malformedFilterProblem } from '../search/query.js';
import { ScheduleSettingError } from './setting-values.js';

/** A user's saved search in a guild: they are mentioned beside new papers it matches. */
export interface Subscription {
	user_id: string;
	query: string;
}

/** Members' saved searches, by guild. */
export interface SubscriptionStore {
	/** Saves a subscription; false when the user already had it. Throws SavedSearchLimitError past {@link MAX_SAVED_SEARCHES}. */
	add(guildId: string, userId: string, query: string): boolean;
	/** Removes one of a user's subscriptions, or all of them when `query` is omitted; returns how many went. */
	remove(guildId: string, userId: string, query?: string): number;
	/** A guild's subscriptions, or one user's when `userId` is given, by user then query. */
	list(guildId: string, userId?: string): Subscription[];
}

/** A guild's digest topics: digests group new papers under them, and the feed puts their matches first. */
export interface TopicStore {
	/** Saves a topic; false when it was already saved. Throws SavedSearchLimitError past {@link MAX_SAVED_SEARCHES}. */
	add(guildId: string, query: string): boolean;
	/** Removes a topic; false when there was no such topic. */
	remove(guildId: string, query: string): boolean;
	/** A guild's topics, alphabetically. */
	list(guildId: string): string[];
}

const MAX_QUERY_LENGTH = 100;

/**
 * The most saved searches one member keeps in a guild, and the most digest topics a guild keeps:
 * more than a lab needs, few enough that every digest and feed can match each of them.
 */
export const MAX_SAVED_SEARCHES = 25;

/** A saved search refused because the member (or the guild, for topics) already keeps {@link MAX_SAVED_SEARCHES}. */
export class SavedSearchLimitError extends ScheduleSettingError {
	override name = 'SavedSearchLimitError';

	constructor(readonly limit: number) {
		super(`at most ${limit} saved searches are kept`);
	}
}

/** Inserts with `insert` unless the row is there already or `count` has reached the cap, in one transaction. */
function addCapped(db: State['db'], exists: () => boolean, count: () => number, insert: () => void): boolean {
	return db.transaction(() => {
		if (exists()) return false;
		if (count() >= MAX_SAVED_SEARCHES) throw new SavedSearchLimitError(MAX_SAVED_SEARCHES);
		insert();
		return true;
	})();
}

function checkQuery(query: string): string {
	const trimmed = query.trim().replace(/\s+/g, ' ');
	if (trimmed.length === 0 || trimmed.length > MAX_QUERY_LENGTH) {
		throw new ScheduleSettingError(`query must be 1–${MAX_QUERY_LENGTH} characters, e.g. "diffusion models"`);
	}
	const badFilter = malformedFilterProblem(trimmed);
	if (badFilter) throw new ScheduleSettingError(badFilter);
	return trimmed;
}

export function openSubscriptions({ db }: State): SubscriptionStore {
	return {
		add(guildId, userId, query) {
			const checked = checkQuery(query);
			return addCapped(
				db,
				() =>
					db.prepare(`SELECT 1 FROM subscription WHERE guild_id = ? AND user_id = ? AND query = ?`).get(guildId, userId, checked) !==
					undefined,
				() =>
					(
						db.prepare(`SELECT COUNT(*) AS count FROM subscription WHERE guild_id = ? AND user_id = ?`).get(guildId, userId) as {
							count: number;
						}
					).count,
				() => db.prepare(`INSERT INTO subscription (guild_id, user_id, query) VALUES (?, ?, ?)`).run(guildId, userId, checked),
			);
		},
		remove(guildId, userId, query) {
			if (query === undefined)
				return db.prepare(`DELETE FROM subscription WHERE guild_id = ? AND user_id = ?`).run(guildId, userId).changes;
			return db.prepare(`DELETE FROM subscription WHERE guild_id = ? AND user_id = ? AND query = ?`).run(guildId, userId, checkQuery(query))
				.changes;
		},
		list(guildId, userId) {
			if (userId !== undefined) {
				return db
					.prepare(`SELECT user_id, query FROM subscription WHERE guild_id = ? AND user_id = ? ORDER BY query`)
					.all(guildId, userId) as Subscription[];
			}
			return db
				.prepare(`SELECT user_id, query FROM subscription WHERE guild_id = ? ORDER BY user_id, query`)
				.all(guildId) as Subscription[];
		},
	};
}

export function openTopics({ db }: State): TopicStore {
	return {
		add(guildId, query) {
			const checked = checkQuery(query);
			return addCapped(
				db,
				() => db.prepare(`SELECT 1 FROM digest_topic WHERE guild_id = ? AND query = ?`).get(guildId, checked) !== undefined,
				() => (db.prepare(`SELECT COUNT(*) AS count FROM digest_topic WHERE guild_id = ?`).get(guildId) as { count: number }).count,
				() => db.prepare(`INSERT INTO digest_topic (guild_id, query) VALUES (?, ?)`).run(guildId, checked),
			);
		},
		remove: (guildId, query) =>
			db.prepare(`DELETE FROM digest_topic WHERE guild_id = ? AND query = ?`).run(guildId, checkQuery(query)).changes === 1,
		list: (guildId) =>
			(db.prepare(`SELECT query FROM digest_topic WHERE guild_id = ? ORDER BY query`).all(guildId) as { query: string }[]).map(
				(row) => row.query,
			),
	};
}
