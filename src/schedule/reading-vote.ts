import type { Proposal } from '../store/reading-list.js';

/** Most answers Discord allows in a poll. */
export const POLL_ANSWERS_LIMIT = 10;

/** The proposals a poll offers: the oldest first, as many as a poll holds. */
export function pollProposals(proposals: readonly Proposal[]): Proposal[] {
	return [...proposals].sort((a, b) => a.proposedAt.localeCompare(b.proposedAt)).slice(0, POLL_ANSWERS_LIMIT);
}

/** A poll's final votes, one count per answer in answer order, once Discord has counted them precisely. */
export interface PollCounts {
	/** Discord's final tally is done (`results.is_finalized`). */
	finalized: boolean;
	/** Votes per answer, in the order of the poll's answers. */
	counts: number[];
}

/**
 * What a closed poll picked: the winning paper with its votes and the later proposals it tied with
 * (in answer order), or nothing when nobody voted.
 */
export type ReadingOutcome =
	| { winner: string; votes: number; total: number; tiedWith: string[] }
	| { winner: null; votes: 0; total: 0; tiedWith: [] };

/**
 * The paper a closed poll picked: the one with the most votes, a tie going to the earliest
 * proposed (the answers are in proposal order); no winner when nobody voted.
 */
export function pollOutcome(paperIds: readonly string[], counts: readonly number[]): ReadingOutcome {
	const total = counts.reduce((sum, count) => sum + count, 0);
	let best = -1;
	for (const [index, count] of counts.entries())
		if (index < paperIds.length && count > 0 && (best < 0 || count > (counts[best] ?? 0))) best = index;
	const winner = paperIds[best];
	if (winner === undefined || total === 0) return { winner: null, votes: 0, total: 0, tiedWith: [] };
	const votes = counts[best] ?? 0;
	const tiedWith = paperIds.filter((_, index) => index > best && counts[index] === votes);
	return { winner, votes, total, tiedWith };
}
