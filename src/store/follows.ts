import { termsOf } from '../search/text.js';
import { ScheduleSettingError } from './setting-values.js';
import type { State } from './state.js';

/** A member follows an author in a guild: the name as they typed it, and folded as search folds it. */
export interface Follow {
	user_id: string;
	name: string;
	/** The name's words folded (`andre muller`), what papers' authors are matched against. */
	folded: string;
}

/** Members' followed authors, by guild. */
export interface FollowStore {
	/** Follows an author; false when the member already follows that name. Throws ScheduleSettingError for a bad name or past {@link MAX_FOLLOWS}. */
	add(guildId: string, userId: string, name: string): boolean;
	/** Stops following one author, or every one when `name` is omitted; returns how many went. */
	remove(guildId: string, userId: string, name?: string): number;
	/** A guild's follows, or one member's when `userId` is given, by member then name. */
	list(guildId: string, userId?: string): Follow[];
	/** Every guild's follows, by name. */
	all(): Follow[];
}

/** The most authors one member follows in a guild, as with saved searches. */
export const MAX_FOLLOWS = 25;
const MAX_NAME_LENGTH = 100;

/** A follow refused because the member already follows {@link MAX_FOLLOWS} authors. */
export class FollowLimitError extends ScheduleSettingError {
	override name = 'FollowLimitError';

	constructor(readonly limit: number) {
		super(`at most ${limit} followed authors are kept`);
	}
}

/**
 * A person's name folded to its words as search folds them (`André Müller` → `andre muller`).
 * Throws ScheduleSettingError for text that is not a name with a given name (or initial) and a surname.
 */
export function foldAuthorName(name: string): string {
	const words = termsOf(name);
	if (name.trim().length > MAX_NAME_LENGTH || words.length < 2 || words.every((word) => /^\d+$/.test(word)))
		throw new ScheduleSettingError(
			`author must be a person's name, a given name or initial and a surname (up to ${MAX_NAME_LENGTH} characters), e.g. "Yi Zeng" or "Y. Zeng"`,
		);
	return words.join(' ');
}

export function openFollows({ db }: State): FollowStore {
	return {
		add(guildId, userId, name) {
			const folded = foldAuthorName(name);
			return db.transaction(() => {
				const exists = db
					.prepare(`SELECT 1 FROM author_follow WHERE guild_id = ? AND user_id = ? AND folded = ?`)
					.get(guildId, userId, folded);
				if (exists) return false;
				const { count } = db
					.prepare(`SELECT COUNT(*) AS count FROM author_follow WHERE guild_id = ? AND user_id = ?`)
					.get(guildId, userId) as { count: number };
				if (count >= MAX_FOLLOWS) throw new FollowLimitError(MAX_FOLLOWS);
				db.prepare(`INSERT INTO author_follow (guild_id, user_id, folded, name) VALUES (?, ?, ?, ?)`).run(
					guildId,
					userId,
					folded,
					name.trim().replace(/\s+/g, ' '),
				);
				return true;
			})();
		},
		remove(guildId, userId, name) {
			if (name === undefined)
				return db.prepare(`DELETE FROM author_follow WHERE guild_id = ? AND user_id = ?`).run(guildId, userId).changes;
			return db
				.prepare(`DELETE FROM author_follow WHERE guild_id = ? AND user_id = ? AND folded = ?`)
				.run(guildId, userId, foldAuthorName(name)).changes;
		},
		list(guildId, userId) {
			if (userId !== undefined)
				return db
					.prepare(`SELECT user_id, name, folded FROM author_follow WHERE guild_id = ? AND user_id = ? ORDER BY folded`)
					.all(guildId, userId) as Follow[];
			return db
				.prepare(`SELECT user_id, name, folded FROM author_follow WHERE guild_id = ? ORDER BY user_id, folded`)
				.all(guildId) as Follow[];
		},
		all: () => db.prepare(`SELECT user_id, name, folded FROM author_follow ORDER BY folded, user_id`).all() as Follow[],
	};
}
