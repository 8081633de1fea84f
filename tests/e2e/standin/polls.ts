import type { APIMessage, APIUser } from 'discord.js';
import type { FormError } from './limits.js';

/** How long after a poll ends Discord's final tally takes (`results.is_finalized` turns true). */
export const FINALIZE_DELAY_MS = 300;
const HOUR_MS = 3_600_000;

/** A poll's votes and when it ended, by real time (the stand-in's clock, not the bot's). */
export interface StoredPoll {
	/** Voters per answer id. */
	votes: Map<number, Map<string, APIUser>>;
	/** When the poll ends by itself. */
	expiresAt: number;
	/** When it ended (by itself or through the end-poll endpoint); null while open. */
	endedAt: number | null;
}

interface PollBody {
	question?: { text?: unknown };
	answers?: { poll_media?: { text?: unknown } }[];
	duration?: unknown;
	allow_multiselect?: unknown;
	layout_type?: unknown;
}

/** Discord's limits on a poll create request: a question of up to 300 characters, 1–10 answers of 1–55, 1–768 hours. */
export function checkPoll(poll: unknown): FormError[] {
	const errors: FormError[] = [];
	const body = (poll ?? {}) as PollBody;
	const tooLong = (path: string, max: number, min = 1) =>
		errors.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` });
	const question = body.question?.text;
	if (typeof question !== 'string' || question.length < 1 || question.length > 300) tooLong('poll.question.text', 300);
	const answers = Array.isArray(body.answers) ? body.answers : [];
	if (answers.length < 1 || answers.length > 10) tooLong('poll.answers', 10);
	answers.forEach((answer, index) => {
		const text = answer?.poll_media?.text;
		if (typeof text !== 'string' || text.length < 1 || text.length > 55) tooLong(`poll.answers.${index}.poll_media.text`, 55);
	});
	const duration = body.duration ?? 24;
	if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 768)
		errors.push({ path: 'poll.duration', code: 'NUMBER_TYPE_MAX', message: 'Must be between 1 and 768.' });
	return errors;
}

/** Turns a checked poll create request into the poll Discord puts on the message (answers numbered from 1), and keeps its votes. */
export function startPoll(polls: Map<string, StoredPoll>, message: APIMessage, request: unknown): void {
	const body = request as PollBody;
	const expiresAt = Date.now() + Number(body.duration ?? 24) * HOUR_MS;
	polls.set(message.id, { votes: new Map(), expiresAt, endedAt: null });
	Object.assign(message, {
		poll: {
			question: { text: body.question?.text },
			answers: (body.answers ?? []).map((answer, index) => ({ answer_id: index + 1, poll_media: { text: answer.poll_media?.text } })),
			expiry: new Date(expiresAt).toISOString(),
			allow_multiselect: body.allow_multiselect === true,
			layout_type: Number(body.layout_type ?? 1),
			results: { is_finalized: false, answer_counts: [] },
		},
	});
	refreshPoll(polls, message);
}

/** Brings a poll message's results up to date: its counts, whether it has ended by now, and whether the tally is final. */
export function refreshPoll(polls: Map<string, StoredPoll>, message: APIMessage): void {
	const stored = polls.get(message.id);
	const poll = (message as { poll?: { results?: unknown; expiry?: string } }).poll;
	if (!stored || !poll) return;
	if (stored.endedAt === null && Date.now() >= stored.expiresAt) stored.endedAt = stored.expiresAt;
	const answerCounts = [...stored.votes.entries()]
		.filter(([, voters]) => voters.size > 0)
		.sort(([a], [b]) => a - b)
		.map(([id, voters]) => ({ id, count: voters.size, me_voted: false }));
	poll.results = {
		is_finalized: stored.endedAt !== null && Date.now() >= stored.endedAt + FINALIZE_DELAY_MS,
		answer_counts: answerCounts,
	};
}

/** Why a vote is refused (Discord's code and text), or null once it is counted; a member's new vote replaces their old one. */
export function castVote(polls: Map<string, StoredPoll>, message: APIMessage, answerId: number, user: APIUser): string | null {
	const stored = polls.get(message.id);
	refreshPoll(polls, message);
	if (!stored) return 'not a poll';
	if (stored.endedAt !== null) return '520001 Poll expired';
	const answers = (message as { poll?: { answers: { answer_id: number }[] } }).poll?.answers ?? [];
	if (!answers.some((answer) => answer.answer_id === answerId)) return `no answer ${answerId}`;
	for (const voters of stored.votes.values()) voters.delete(user.id);
	const voters = stored.votes.get(answerId) ?? new Map<string, APIUser>();
	voters.set(user.id, user);
	stored.votes.set(answerId, voters);
	refreshPoll(polls, message);
	return null;
}

/** Ends a poll now, as `POST /channels/:id/polls/:message/expire` does; false when it had ended already. */
export function endPoll(polls: Map<string, StoredPoll>, message: APIMessage): boolean {
	const stored = polls.get(message.id);
	refreshPoll(polls, message);
	if (!stored || stored.endedAt !== null) return false;
	stored.endedAt = Date.now();
	(message as { poll?: { expiry: string } }).poll!.expiry = new Date(stored.endedAt).toISOString();
	refreshPoll(polls, message);
	return true;
}

/** Who voted for an answer, ordered by user id as Discord pages them. */
export function answerVoters(polls: Map<string, StoredPoll>, message: APIMessage, answerId: number): APIUser[] {
	return [...(polls.get(message.id)?.votes.get(answerId)?.values() ?? [])].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}
