import { type Paper, paperSchema } from '../corpus/paper.js';
import type { State } from './state.js';

/** A feed paper members marked **Not for us**, and how many of them did. */
export interface DismissedPaper {
	paper: Paper;
	/** Members whose mark is on it (a mark from before marks were each member's own counts as one). */
	marks: number;
}

/** What a guild taught its feed: papers the lab took up from feed posts, and papers members marked as not for it. */
export interface FeedFeedback {
	/** Shared or discussed from a feed post: ranked as the lab's own papers in later feeds. */
	own: Paper[];
	/** Marked **Not for us** by at least one member: papers like them rank lower in later feeds, more so the more members marked them. */
	dismissed: DismissedPaper[];
}

/** A paper's Not for us marks after a member pressed it. */
export interface NotForUsMarks {
	/** Whether the member's own mark is on the paper now. */
	mine: boolean;
	/** How many members' marks are on it now. */
	marks: number;
}

/** What each guild taught its arXiv feed from feed posts, kept across restarts. */
export interface FeedFeedbackStore {
	/** Records a feed paper the lab shared or discussed as one of its own, for later feeds; a second time only refreshes it. */
	markOwn(guildId: string, paper: Paper, at: Date): void;
	/** Puts the member's Not for us mark on a feed paper, or takes it back when it is there; other members' marks stay. */
	toggleDismissed(guildId: string, userId: string, paper: Paper, at: Date): NotForUsMarks;
	/** The guild's feedback, oldest first; a record that no longer reads as a paper is left out. */
	of(guildId: string): FeedFeedback;
}

/** The feed feedback kept in the state database: one record per paper, and one Not for us mark per member. */
export function openFeedFeedback({ db }: State): FeedFeedbackStore {
	const countMarks = (guildId: string, paperId: string) =>
		(
			db.prepare(`SELECT COUNT(*) AS marks FROM feed_dismissal WHERE guild_id = ? AND paper_id = ?`).get(guildId, paperId) as {
				marks: number;
			}
		).marks;
	return {
		markOwn(guildId, paper, at) {
			db.prepare(
				`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'own', ?, ?)
				 ON CONFLICT DO UPDATE SET record = excluded.record, at = excluded.at`,
			).run(guildId, paper.id, JSON.stringify(paper), at.toISOString());
		},
		toggleDismissed: (guildId, userId, paper, at) =>
			db.transaction((): NotForUsMarks => {
				const removed = db
					.prepare(`DELETE FROM feed_dismissal WHERE guild_id = ? AND paper_id = ? AND user_id = ?`)
					.run(guildId, paper.id, userId);
				if (removed.changes > 0) {
					const marks = countMarks(guildId, paper.id);
					if (marks === 0)
						db.prepare(`DELETE FROM feed_feedback WHERE guild_id = ? AND paper_id = ? AND kind = 'dismissed'`).run(guildId, paper.id);
					return { mine: false, marks };
				}
				db.prepare(`INSERT INTO feed_dismissal (guild_id, paper_id, user_id, at) VALUES (?, ?, ?, ?)`).run(
					guildId,
					paper.id,
					userId,
					at.toISOString(),
				);
				db.prepare(
					`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'dismissed', ?, ?)
					 ON CONFLICT DO UPDATE SET record = excluded.record`,
				).run(guildId, paper.id, JSON.stringify(paper), at.toISOString());
				return { mine: true, marks: countMarks(guildId, paper.id) };
			})(),
		of(guildId) {
			const rows = db
				.prepare(
					`SELECT kind, record, (SELECT COUNT(*) FROM feed_dismissal AS mark
					   WHERE mark.guild_id = feedback.guild_id AND mark.paper_id = feedback.paper_id) AS marks
					 FROM feed_feedback AS feedback WHERE guild_id = ? ORDER BY at, paper_id`,
				)
				.all(guildId) as { kind: 'own' | 'dismissed'; record: string; marks: number }[];
			const feedback: FeedFeedback = { own: [], dismissed: [] };
			for (const { kind, record, marks } of rows) {
				const parsed = paperSchema.safeParse(JSON.parse(record));
				if (!parsed.success) continue;
				if (kind === 'own') feedback.own.push(parsed.data);
				else feedback.dismissed.push({ paper: parsed.data, marks: Math.max(1, marks) });
			}
			return feedback;
		},
	};
}
