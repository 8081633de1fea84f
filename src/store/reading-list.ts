import type { State } from './state.js';

/** Most open proposals a server's reading list holds: a poll's menu and Discord's lists stay readable. */
export const MAX_PROPOSALS = 25;

/** One paper on a server's reading list: who proposed it, when, and why. */
export interface Proposal {
	guildId: string;
	paperId: string;
	proposerId: string;
	/** The proposer's name when they proposed: shown, never mentioned. */
	proposerName: string;
	note: string | null;
	/** ISO 8601, UTC. */
	proposedAt: string;
}

/** What proposing a paper did: added it, found it already proposed, or found the list full. */
export type ProposeOutcome =
	| { status: 'added'; proposal: Proposal; count: number }
	| { status: 'present'; proposal: Proposal }
	| { status: 'full'; proposals: Proposal[] };

/** A reading poll of one scheduled time: the papers its answers name, in answer order, and where it is. */
export interface ReadingPoll {
	guildId: string;
	/** The poll's scheduled fire time, ISO 8601 (UTC): its slot in the post log. */
	slot: string;
	channelId: string;
	/** The proposed papers, in the order of the poll's answers. */
	paperIds: string[];
	/** When the poll closes by itself, ISO 8601 (UTC). */
	endsAt: string;
	/** The poll's message; null until Discord has it. */
	messageId: string | null;
}

/** The servers' reading lists and their polls. */
export interface ReadingList {
	/** Adds a paper to the server's list unless it is there already or the list is full; atomic across processes. */
	propose(guildId: string, paperId: string, proposer: { id: string; name: string }, note: string | null, now: Date): ProposeOutcome;
	/** The server's proposals, oldest first (ties in the order they were made). */
	list(guildId: string): Proposal[];
	/** One proposal, or null when the paper is not on the list. */
	get(guildId: string, paperId: string): Proposal | null;
	/** Takes a paper off the list; false when it was not on it. */
	withdraw(guildId: string, paperId: string): boolean;
	/** Records the poll about to be sent for a slot (replacing an earlier plan of the same slot). */
	planPoll(poll: Omit<ReadingPoll, 'messageId'>): void;
	/** Records the poll's message once Discord has it. */
	pollPosted(guildId: string, slot: string, messageId: string, endsAt: string): void;
	/** A slot's poll, or null when none was planned. */
	poll(guildId: string, slot: string): ReadingPoll | null;
	/** The server's polls that are in Discord and whose result is not posted yet, oldest first. */
	openPolls(guildId: string): ReadingPoll[];
}

interface ProposalRow {
	guild_id: string;
	paper_id: string;
	proposer_id: string;
	proposer_name: string;
	note: string | null;
	proposed_at: string;
}

interface PollRow {
	guild_id: string;
	slot: string;
	channel_id: string;
	paper_ids: string;
	ends_at: string;
	message_id: string | null;
}

const proposalOf = (row: ProposalRow): Proposal => ({
	guildId: row.guild_id,
	paperId: row.paper_id,
	proposerId: row.proposer_id,
	proposerName: row.proposer_name,
	note: row.note,
	proposedAt: row.proposed_at,
});

const pollOf = (row: PollRow): ReadingPoll => ({
	guildId: row.guild_id,
	slot: row.slot,
	channelId: row.channel_id,
	paperIds: JSON.parse(row.paper_ids) as string[],
	endsAt: row.ends_at,
	messageId: row.message_id,
});

/** The reading lists over the state database. */
export function openReadingList(state: State): ReadingList {
	const { db } = state;
	const list = (guildId: string) =>
		(db.prepare(`SELECT * FROM reading_proposal WHERE guild_id = ? ORDER BY proposed_at, rowid`).all(guildId) as ProposalRow[]).map(
			proposalOf,
		);
	const get = (guildId: string, paperId: string) => {
		const row = db.prepare(`SELECT * FROM reading_proposal WHERE guild_id = ? AND paper_id = ?`).get(guildId, paperId) as
			| ProposalRow
			| undefined;
		return row ? proposalOf(row) : null;
	};
	const propose = db.transaction(
		(guildId: string, paperId: string, proposer: { id: string; name: string }, note: string | null, now: Date): ProposeOutcome => {
			const present = get(guildId, paperId);
			if (present) return { status: 'present', proposal: present };
			const proposals = list(guildId);
			if (proposals.length >= MAX_PROPOSALS) return { status: 'full', proposals };
			const proposal: Proposal = {
				guildId,
				paperId,
				proposerId: proposer.id,
				proposerName: proposer.name,
				note,
				proposedAt: now.toISOString(),
			};
			db.prepare(
				`INSERT INTO reading_proposal (guild_id, paper_id, proposer_id, proposer_name, note, proposed_at) VALUES (?, ?, ?, ?, ?, ?)`,
			).run(guildId, paperId, proposer.id, proposer.name, note, proposal.proposedAt);
			return { status: 'added', proposal, count: proposals.length + 1 };
		},
	);
	return {
		propose: (guildId, paperId, proposer, note, now) => propose.immediate(guildId, paperId, proposer, note, now),
		list,
		get,
		withdraw: (guildId, paperId) =>
			db.prepare(`DELETE FROM reading_proposal WHERE guild_id = ? AND paper_id = ?`).run(guildId, paperId).changes === 1,
		planPoll(poll) {
			db.prepare(
				`INSERT INTO reading_poll (guild_id, slot, channel_id, paper_ids, ends_at) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (guild_id, slot) DO UPDATE SET channel_id = excluded.channel_id, paper_ids = excluded.paper_ids,
				   ends_at = excluded.ends_at, message_id = NULL`,
			).run(poll.guildId, poll.slot, poll.channelId, JSON.stringify(poll.paperIds), poll.endsAt);
		},
		pollPosted(guildId, slot, messageId, endsAt) {
			db.prepare(`UPDATE reading_poll SET message_id = ?, ends_at = ? WHERE guild_id = ? AND slot = ?`).run(
				messageId,
				endsAt,
				guildId,
				slot,
			);
		},
		poll(guildId, slot) {
			const row = db.prepare(`SELECT * FROM reading_poll WHERE guild_id = ? AND slot = ?`).get(guildId, slot) as PollRow | undefined;
			return row ? pollOf(row) : null;
		},
		openPolls: (guildId) =>
			(
				db
					.prepare(
						`SELECT p.* FROM reading_poll p
						 WHERE p.guild_id = ? AND p.message_id IS NOT NULL
						   AND NOT EXISTS (SELECT 1 FROM post_log l WHERE l.guild_id = p.guild_id AND l.kind = 'reading_result'
						     AND l.slot = p.slot AND l.status = 'sent')
						 ORDER BY p.slot`,
					)
					.all(guildId) as PollRow[]
			).map(pollOf),
	};
}
