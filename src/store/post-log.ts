import type { State } from './state.js';

/**
 * What a scheduled post is: the paper of the day, a digest, an arXiv feed post (its slot is the
 * announcement date), a reading-group poll and its result (both slotted by the poll's fire time),
 * the papers of followed authors and the corpus's changes of an announcement day (slotted by its
 * date), or a citation alert (slotted by the citing work and the lab papers it newly cites).
 */
export type PostKind = 'potd' | 'digest' | 'feed' | 'reading_poll' | 'reading_result' | 'follow' | 'changes' | 'citation';

/** How status lines and post markers name each kind of post. */
export const POST_NAMES: Readonly<Record<PostKind, string>> = {
	potd: 'Paper of the day',
	digest: 'Digest',
	feed: 'arXiv feed',
	reading_poll: 'Reading poll',
	reading_result: 'Reading pick',
	follow: 'Followed authors',
	changes: 'Corpus changes',
	citation: 'Citation',
};

/**
 * One slot of the post log. A slot is the local date (`YYYY-MM-DD`) for the paper of the day and
 * the scheduled fire time (ISO 8601, UTC) for a digest; (guild, kind, slot) is unique.
 */
export interface PostRecord {
	guild_id: string;
	kind: PostKind;
	slot: string;
	/** claimed: someone is sending it; sent: done; failed: the last attempt failed. */
	status: 'claimed' | 'sent' | 'failed';
	/** Which process claimed it last, e.g. `host:pid:random`. */
	claimant: string;
	claimed_at: string;
	/** Send attempts so far. */
	attempts: number;
	last_error: string | null;
	channel_id: string | null;
	message_id: string | null;
	sent_at: string | null;
}

/** Where a sent post went, and what went wrong after it went out, if anything. */
export interface SentPost {
	channelId: string | null;
	/** Null: nothing was due, so nothing was posted. */
	messageId: string | null;
	/** Kept in `last_error` beside a post that went out with something missing (its thread). */
	problem?: string;
}

/** The post log: one record per slot, claimed before sending and marked after, so each slot is posted once. */
export interface PostLog {
	/**
	 * Claims a slot before sending. Atomic across processes sharing the database file: of any number
	 * of callers, exactly one gets true. A false means the slot already has a record (see {@link PostLog.get}).
	 */
	claim(guildId: string, kind: PostKind, slot: string, claimant: string, now: Date): boolean;
	/**
	 * Takes over a slot whose record is exactly `seen` (a failed attempt, or a claim whose process
	 * died), for another attempt. Compare-and-swap: if anyone changed the record since it was read,
	 * nothing happens and the result is false.
	 */
	retake(seen: PostRecord, claimant: string, now: Date): boolean;
	/**
	 * Records that the slot's post is in Discord, where it went and what went wrong after it went
	 * out. `alongside` (another store's record of the same post) runs in the same transaction, so
	 * both are kept or neither is.
	 */
	markSent(guildId: string, kind: PostKind, slot: string, where: SentPost, now: Date, alongside?: () => void): void;
	/** Records a failed attempt and why; the slot may be retaken for another attempt. A sent slot stays sent. */
	markFailed(guildId: string, kind: PostKind, slot: string, reason: string): void;
	/** The record of one slot, or null when it was never claimed. */
	get(guildId: string, kind: PostKind, slot: string): PostRecord | null;
	/** Slots claimed but never marked sent or failed in a guild: a process stopped between claim and send. */
	unsentClaims(guildId: string): PostRecord[];
	/** A guild's last `count` post records, newest claim first, whatever their status. */
	recent(guildId: string, count: number): PostRecord[];
	/** A guild's failed slots claimed at or after `since`, newest first: what a status view shows as problems. */
	failedSince(guildId: string, since: Date): PostRecord[];
}

const MAX_ERROR_LENGTH = 300;

/** The post log kept in the state database. */
export function openPostLog({ db }: State): PostLog {
	return {
		claim: (guildId, kind, slot, claimant, now) =>
			db
				.prepare(
					`INSERT INTO post_log (guild_id, kind, slot, status, claimant, claimed_at, attempts)
					 VALUES (?, ?, ?, 'claimed', ?, ?, 1)
					 ON CONFLICT (guild_id, kind, slot) DO NOTHING`,
				)
				.run(guildId, kind, slot, claimant, now.toISOString()).changes === 1,
		retake(seen, claimant, now) {
			if (seen.status === 'sent') return false;
			return (
				db
					.prepare(
						`UPDATE post_log SET status = 'claimed', claimant = ?, claimed_at = ?, attempts = attempts + 1
						 WHERE guild_id = ? AND kind = ? AND slot = ? AND status = ? AND claimant = ? AND claimed_at = ? AND attempts = ?`,
					)
					.run(claimant, now.toISOString(), seen.guild_id, seen.kind, seen.slot, seen.status, seen.claimant, seen.claimed_at, seen.attempts)
					.changes === 1
			);
		},
		markSent(guildId, kind, slot, where, now, alongside) {
			db.transaction(() => {
				db.prepare(
					`UPDATE post_log SET status = 'sent', channel_id = ?, message_id = ?, sent_at = ?, last_error = ?
					 WHERE guild_id = ? AND kind = ? AND slot = ?`,
				).run(where.channelId, where.messageId, now.toISOString(), where.problem?.slice(0, MAX_ERROR_LENGTH) ?? null, guildId, kind, slot);
				alongside?.();
			})();
		},
		markFailed(guildId, kind, slot, reason) {
			db.prepare(
				`UPDATE post_log SET status = 'failed', last_error = ?
				 WHERE guild_id = ? AND kind = ? AND slot = ? AND status != 'sent'`,
			).run(reason.slice(0, MAX_ERROR_LENGTH), guildId, kind, slot);
		},
		get: (guildId, kind, slot) =>
			(db.prepare(`SELECT * FROM post_log WHERE guild_id = ? AND kind = ? AND slot = ?`).get(guildId, kind, slot) as
				| PostRecord
				| undefined) ?? null,
		unsentClaims: (guildId) =>
			db.prepare(`SELECT * FROM post_log WHERE guild_id = ? AND status = 'claimed' ORDER BY claimed_at`).all(guildId) as PostRecord[],
		recent: (guildId, count) =>
			db
				.prepare(`SELECT * FROM post_log WHERE guild_id = ? ORDER BY claimed_at DESC, slot DESC LIMIT ?`)
				.all(guildId, count) as PostRecord[],
		failedSince: (guildId, since) =>
			db
				.prepare(`SELECT * FROM post_log WHERE guild_id = ? AND status = 'failed' AND claimed_at >= ? ORDER BY claimed_at DESC`)
				.all(guildId, since.toISOString()) as PostRecord[],
	};
}
