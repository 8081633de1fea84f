import type { State } from './state.js';

/** The one public post a paper gets in a server from a card's **Share** or **Discuss**. */
export interface PaperPost {
	guildId: string;
	paperId: string;
	channelId: string;
	/** Null while the post is being made. */
	messageId: string | null;
	/** Whether a thread was started from it (a thread started from a message has the message's id). */
	withThread: boolean;
}

/** Whether a press may post the paper, or the post (made or being made) it should point to. */
export type PaperPostClaim = { claimed: true } | { claimed: false; existing: PaperPost };

/** Each server's public posts of papers from cards, so a paper is posted once however many members press at once. */
export interface PaperPostStore {
	/**
	 * Claims the paper's post in the guild before posting. Atomic across callers and processes
	 * sharing the database: of any number of presses, exactly one is claimed. A claim that never
	 * got its message within {@link STALE_CLAIM_MS} (its process died mid-post) is taken over.
	 */
	claim(guildId: string, paperId: string, channelId: string, now: Date): PaperPostClaim;
	/** Records the posted message of a claim, and whether its thread is started. */
	record(guildId: string, paperId: string, messageId: string, withThread: boolean): void;
	/** Gives up a claim whose post was not made, so the next press posts. */
	release(guildId: string, paperId: string): void;
	/** Forgets a paper's post that is gone from Discord (deleted), so the next press posts it again. */
	forget(guildId: string, paperId: string, messageId: string): void;
	/** Notes that a thread was started from a message, when it is a paper's post. */
	threadStarted(guildId: string, messageId: string): void;
	/** The paper's post in the guild, made or being made, or null. */
	get(guildId: string, paperId: string): PaperPost | null;
}

/** Longer than any post takes (Discord answers within seconds), so only a dead claim is this old. */
export const STALE_CLAIM_MS = 60_000;

interface PaperPostRow {
	guild_id: string;
	paper_id: string;
	channel_id: string;
	message_id: string | null;
	with_thread: 0 | 1;
	claimed_at: string;
}

const fromRow = (row: PaperPostRow): PaperPost => ({
	guildId: row.guild_id,
	paperId: row.paper_id,
	channelId: row.channel_id,
	messageId: row.message_id,
	withThread: row.with_thread === 1,
});

/** The paper posts kept in the state database. */
export function openPaperPosts({ db }: State): PaperPostStore {
	const select = (guildId: string, paperId: string) =>
		db.prepare(`SELECT * FROM paper_post WHERE guild_id = ? AND paper_id = ?`).get(guildId, paperId) as PaperPostRow | undefined;
	return {
		claim: (guildId, paperId, channelId, now) =>
			db
				.transaction((): PaperPostClaim => {
					const inserted = db
						.prepare(
							`INSERT INTO paper_post (guild_id, paper_id, channel_id, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, paper_id) DO NOTHING`,
						)
						.run(guildId, paperId, channelId, now.toISOString());
					if (inserted.changes === 1) return { claimed: true };
					const seen = select(guildId, paperId) as PaperPostRow;
					const dead = seen.message_id === null && now.getTime() - Date.parse(seen.claimed_at) > STALE_CLAIM_MS;
					if (!dead) return { claimed: false, existing: fromRow(seen) };
					db.prepare(
						`UPDATE paper_post SET channel_id = ?, claimed_at = ? WHERE guild_id = ? AND paper_id = ? AND claimed_at = ? AND message_id IS NULL`,
					).run(channelId, now.toISOString(), guildId, paperId, seen.claimed_at);
					return { claimed: true };
				})
				.immediate(),
		record(guildId, paperId, messageId, withThread) {
			db.prepare(`UPDATE paper_post SET message_id = ?, with_thread = ? WHERE guild_id = ? AND paper_id = ?`).run(
				messageId,
				withThread ? 1 : 0,
				guildId,
				paperId,
			);
		},
		release(guildId, paperId) {
			db.prepare(`DELETE FROM paper_post WHERE guild_id = ? AND paper_id = ? AND message_id IS NULL`).run(guildId, paperId);
		},
		forget(guildId, paperId, messageId) {
			db.prepare(`DELETE FROM paper_post WHERE guild_id = ? AND paper_id = ? AND message_id = ?`).run(guildId, paperId, messageId);
		},
		threadStarted(guildId, messageId) {
			db.prepare(`UPDATE paper_post SET with_thread = 1 WHERE guild_id = ? AND message_id = ?`).run(guildId, messageId);
		},
		get(guildId, paperId) {
			const row = select(guildId, paperId);
			return row ? fromRow(row) : null;
		},
	};
}
