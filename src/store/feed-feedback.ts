import { type Paper, paperSchema } from '../corpus/paper.js';
import type { State } from './state.js';

/** What a guild taught its feed: papers the lab took up from feed posts, and papers it marked as not for it. */
export interface FeedFeedback {
	/** Shared or discussed from a feed post: ranked as the lab's own papers in later feeds. */
	own: Paper[];
	/** Marked **Not for us**: papers like them rank lower in later feeds. */
	dismissed: Paper[];
}

/** What each guild taught its arXiv feed from feed posts, kept across restarts. */
export interface FeedFeedbackStore {
	/** Records a feed paper the lab shared or discussed as one of its own, for later feeds; a second time only refreshes it. */
	markOwn(guildId: string, paper: Paper, at: Date): void;
	/** Marks a feed paper as not for the lab, or takes the mark back when it is there; returns whether it is marked now. */
	toggleDismissed(guildId: string, paper: Paper, at: Date): boolean;
	/** The guild's feedback, oldest first; a record that no longer reads as a paper is left out. */
	of(guildId: string): FeedFeedback;
}

/** The feed feedback kept in the state database. */
export function openFeedFeedback({ db }: State): FeedFeedbackStore {
	return {
		markOwn(guildId, paper, at) {
			db.prepare(
				`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'own', ?, ?)
				 ON CONFLICT DO UPDATE SET record = excluded.record, at = excluded.at`,
			).run(guildId, paper.id, JSON.stringify(paper), at.toISOString());
		},
		toggleDismissed: (guildId, paper, at) =>
			db.transaction(() => {
				const removed = db
					.prepare(`DELETE FROM feed_feedback WHERE guild_id = ? AND paper_id = ? AND kind = 'dismissed'`)
					.run(guildId, paper.id);
				if (removed.changes > 0) return false;
				db.prepare(`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'dismissed', ?, ?)`).run(
					guildId,
					paper.id,
					JSON.stringify(paper),
					at.toISOString(),
				);
				return true;
			})(),
		of(guildId) {
			const rows = db.prepare(`SELECT kind, record FROM feed_feedback WHERE guild_id = ? ORDER BY at, paper_id`).all(guildId) as {
				kind: 'own' | 'dismissed';
				record: string;
			}[];
			const feedback: FeedFeedback = { own: [], dismissed: [] };
			for (const { kind, record } of rows) {
				const parsed = paperSchema.safeParse(JSON.parse(record));
				if (parsed.success) feedback[kind].push(parsed.data);
			}
			return feedback;
		},
	};
}
