import { type Paper, paperSchema } from '../corpus/paper.js';
import type { State } from './state.js';

/** What a guild taught its feed: papers the lab took up from feed posts, and papers it marked as not for it. */
export interface FeedFeedback {
	/** Discussed from a feed post: ranked as the lab's own papers in later feeds. */
	own: Paper[];
	/** Marked **Not for us**: papers like them rank lower in later feeds. */
	dismissed: Paper[];
}

/** Records a feed paper the lab discussed as one of its own, for later feeds. */
export function markFeedPaperOwn(state: State, guildId: string, paper: Paper, at: Date): void {
	state.db
		.prepare(
			`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'own', ?, ?)
			 ON CONFLICT DO UPDATE SET record = excluded.record, at = excluded.at`,
		)
		.run(guildId, paper.id, JSON.stringify(paper), at.toISOString());
}

/** Marks a feed paper as not for the lab, or takes the mark back when it is there; returns whether it is marked now. */
export function toggleFeedPaperDismissed(state: State, guildId: string, paper: Paper, at: Date): boolean {
	return state.db.transaction(() => {
		const removed = state.db
			.prepare(`DELETE FROM feed_feedback WHERE guild_id = ? AND paper_id = ? AND kind = 'dismissed'`)
			.run(guildId, paper.id);
		if (removed.changes > 0) return false;
		state.db
			.prepare(`INSERT INTO feed_feedback (guild_id, paper_id, kind, record, at) VALUES (?, ?, 'dismissed', ?, ?)`)
			.run(guildId, paper.id, JSON.stringify(paper), at.toISOString());
		return true;
	})();
}

/** The guild's feedback, oldest first; a record that no longer reads as a paper is left out. */
export function getFeedFeedback(state: State, guildId: string): FeedFeedback {
	const rows = state.db.prepare(`SELECT kind, record FROM feed_feedback WHERE guild_id = ? ORDER BY at, paper_id`).all(guildId) as {
		kind: 'own' | 'dismissed';
		record: string;
	}[];
	const feedback: FeedFeedback = { own: [], dismissed: [] };
	for (const { kind, record } of rows) {
		const parsed = paperSchema.safeParse(JSON.parse(record));
		if (parsed.success) feedback[kind].push(parsed.data);
	}
	return feedback;
}
