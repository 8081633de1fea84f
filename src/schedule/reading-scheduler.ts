import { Cron } from 'croner';
import { DEFAULT_LEASE_MS, takeSlot, THIS_PROCESS, type ClaimCheck } from './claims.js';
import { openPostLog, type PostLog, type PostRecord } from '../store/post-log.js';
import { openReadingList, type Proposal, type ReadingList, type ReadingPoll } from '../store/reading-list.js';
import { pollOutcome, pollProposals, type PollCounts, type ReadingOutcome } from './reading-vote.js';
import type { GuildSettings } from '../store/settings.js';
import type { SchedulerLog } from './slot-runner.js';
import type { State } from '../store/state.js';
import { createTimers, type Timers } from './timers.js';
import { nextDigestTime } from './time.js';

/** The reading group's two posts: a slot's poll and, when it ends, its result. */
export type ReadingKind = 'reading_poll' | 'reading_result';

export interface ReadingSchedulerOptions {
	state: State;
	now?: () => Date;
	log?: SchedulerLog;
	/**
	 * Sends the poll offering `proposals` (in answer order), open until `endsAt`, saying how many
	 * proposals it could not offer; returns its message id. Throws when not sent.
	 */
	sendPoll(guild: GuildSettings, slot: string, proposals: readonly Proposal[], endsAt: Date, notOffered: number): Promise<string>;
	/** The bot's own post of this slot among the channel's recent messages, or null. */
	findPost(guild: GuildSettings, channelId: string, kind: ReadingKind, slot: string): Promise<string | null>;
	/** The poll's votes as Discord counts them now. */
	readResults(poll: ReadingPoll): Promise<PollCounts>;
	/** Ends the poll at once through Discord. */
	endPoll(poll: ReadingPoll): Promise<void>;
	/**
	 * Posts what the poll picked (the winner's card with its thread, or a note that nobody voted);
	 * returns its message id, and what went wrong after it went out (its thread), kept in the post log.
	 */
	sendResult(guild: GuildSettings, poll: ReadingPoll, outcome: ReadingOutcome): Promise<{ messageId: string; problem?: string }>;
	/** Waits before each retry of a failed step (default from 5 s up to an hour). */
	retryDelaysMs?: readonly number[];
	/** A claim older than this, from a process we cannot check, is taken to be from a dead process (default 5 minutes). */
	claimLeaseMs?: number;
	/** This process in the post log (default `host:pid`). */
	claimant?: string;
}

export interface ReadingScheduler {
	/** Posts an owed poll, arms the results of open polls, then arms the next polls. */
	start(guilds: readonly GuildSettings[]): Promise<void>;
	/** Takes a guild's new settings and re-arms its next poll. */
	update(guild: GuildSettings): void;
	/**
	 * Ends the guild's open poll now and posts its result once Discord has the final count.
	 * Resolves with the poll, whether the result is out yet and what went wrong after it went out
	 * (its thread); null when no poll is open.
	 */
	close(guildId: string): Promise<ClosedPoll | null>;
	/** When a failed step of a slot is tried again; null when it is not (given up, or not failed). */
	retryAt(guildId: string, kind: ReadingKind, slot: string): Date | null;
	/** Cancels every timer and waits for steps in progress. */
	stop(): Promise<void>;
}

/** A poll ended early: whether its result is out yet, and what went wrong after it went out. */
export interface ClosedPoll {
	poll: ReadingPoll;
	posted: boolean;
	problem?: string;
}

const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
const HOUR_MS = 3_600_000;
/** The first wait for Discord's final count after a poll's end; each later wait doubles, up to an hour. */
const FINAL_COUNT_WAIT_MS = 5_000;
/** How long `close` waits for Discord's final count before leaving the result to its timer. */
const CLOSE_WAITS_MS = [500, 1_000, 2_000, 3_000];
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };

/** The next reading poll time after `after`; null when polls are off or the schedule never fires again. */
export function nextPollTime(guild: GuildSettings, after: Date): Date | null {
	return guild.reading_channel_id ? nextDigestTime(guild.reading_cron, guild.timezone, after) : null;
}

/** The latest poll time at or before `at` whose poll would still be open now; null when none. */
function owedPollTime(guild: GuildSettings, at: Date): Date | null {
	const [previous] = new Cron(guild.reading_cron, { timezone: guild.timezone, paused: true }).previousRuns(1, new Date(at.getTime() + 1));
	return previous && at.getTime() < previous.getTime() + guild.reading_hours * HOUR_MS ? previous : null;
}

/** What the reading scheduler keeps: its options with defaults, the guilds, timers, steps in progress and failure counts. */
interface Reading extends Required<Omit<ReadingSchedulerOptions, 'retryDelaysMs' | 'claimLeaseMs'>> {
	list: ReadingList;
	posts: PostLog;
	retryDelays: readonly number[];
	leaseMs: number;
	guilds: Map<string, GuildSettings>;
	timers: Timers;
	running: Map<string, Promise<boolean>>;
	failures: Map<string, number>;
	/** When each failed step is tried again, by guild, kind and slot. */
	retries: Map<string, Date>;
}

/**
 * The reading group's scheduler. At each guild's poll time it posts one poll of the reading list
 * (none with fewer than two proposals); when the poll ends it reads Discord's final count and
 * posts the pick. Poll and result each have a post-log slot (the poll time), claimed before
 * sending and reconciled against the channel after a crash, so each is posted exactly once.
 */
export function createReadingScheduler(options: ReadingSchedulerOptions): ReadingScheduler {
	const now = options.now ?? (() => new Date());
	const reading: Reading = {
		...options,
		now,
		log: options.log ?? SILENT_LOG,
		claimant: options.claimant ?? THIS_PROCESS,
		list: openReadingList(options.state),
		posts: openPostLog(options.state),
		retryDelays: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
		leaseMs: options.claimLeaseMs ?? DEFAULT_LEASE_MS,
		guilds: new Map(),
		timers: createTimers(now),
		running: new Map(),
		failures: new Map(),
		retries: new Map(),
	};
	return {
		async start(guilds) {
			for (const guild of guilds) reading.guilds.set(guild.guild_id, guild);
			await Promise.all(guilds.map((guild) => startGuild(reading, guild)));
		},
		update(guild) {
			reading.guilds.set(guild.guild_id, guild);
			reading.timers.clear(`${guild.guild_id}|poll`);
			armPoll(reading, guild, now());
		},
		async close(guildId) {
			const guild = reading.guilds.get(guildId);
			const poll = reading.list.openPolls(guildId).at(-1);
			if (!guild || !poll) return null;
			await reading.endPoll(poll);
			const ended = { ...poll, endsAt: now().toISOString() };
			reading.list.pollPosted(guildId, poll.slot, poll.messageId as string, ended.endsAt);
			for (const wait of CLOSE_WAITS_MS) {
				if (await runStep(reading, guild, 'reading_result', ended.slot, () => postResult(reading, guild, ended, false))) {
					const problem = reading.posts.get(guildId, 'reading_result', ended.slot)?.last_error;
					return { poll: ended, posted: true, ...(problem ? { problem } : {}) };
				}
				await new Promise((resolve) => setTimeout(resolve, wait));
			}
			armResult(reading, guild, ended);
			return { poll: ended, posted: false };
		},
		retryAt: (guildId, kind, slot) => reading.retries.get(`${guildId}:${kind}:${slot}`) ?? null,
		async stop() {
			reading.timers.stop();
			await Promise.allSettled([...reading.running.values()]);
		},
	};
}

/** Posts the poll still owed, arms the results of the polls in Discord, then the next poll. */
async function startGuild(reading: Reading, guild: GuildSettings): Promise<void> {
	const at = reading.now();
	if (guild.reading_channel_id) {
		const owed = owedPollTime(guild, at);
		if (owed) await runStep(reading, guild, 'reading_poll', owed.toISOString(), () => postPoll(reading, guild, owed.toISOString()));
	}
	for (const poll of reading.list.openPolls(guild.guild_id)) armResult(reading, guild, poll);
	armPoll(reading, guild, at);
}

function armPoll(reading: Reading, guild: GuildSettings, after: Date): void {
	const due = nextPollTime(guild, after);
	if (!due || reading.timers.stopped) return;
	reading.timers.later(`${guild.guild_id}|poll`, due, () => {
		const current = reading.guilds.get(guild.guild_id) ?? guild;
		const slot = due.toISOString();
		void runStep(reading, current, 'reading_poll', slot, () => postPoll(reading, current, slot));
		armPoll(reading, current, new Date(Math.max(reading.now().getTime(), due.getTime())));
	});
}

function armResult(reading: Reading, guild: GuildSettings, poll: ReadingPoll, at = new Date(poll.endsAt)): void {
	reading.timers.later(`${guild.guild_id}|result|${poll.slot}`, at, () => {
		const current = reading.list.poll(guild.guild_id, poll.slot) ?? poll;
		void runStep(reading, guild, 'reading_result', poll.slot, () => postResult(reading, guild, current, true));
	});
}

/** Runs one step of a slot, never two at once in this process; resolves true when the step's post is recorded, and never throws. */
function runStep(reading: Reading, guild: GuildSettings, kind: ReadingKind, slot: string, step: () => Promise<boolean>): Promise<boolean> {
	const key = `${guild.guild_id}:${kind}:${slot}`;
	const current = reading.running.get(key);
	if (current) return current;
	reading.retries.delete(key);
	const run = step()
		.then((done) => {
			if (done) reading.failures.delete(key);
			return done;
		})
		.catch((error: unknown) => {
			const reason = error instanceof Error ? error.message : String(error);
			reading.posts.markFailed(guild.guild_id, kind, slot, reason);
			const failures = (reading.failures.get(key) ?? 0) + 1;
			reading.failures.set(key, failures);
			const delay = reading.retryDelays[failures - 1];
			const fields = { guild: guild.guild_id, kind, slot, attempts: failures, reason };
			if (delay === undefined) {
				reading.log.error(fields, 'reading: failed; giving up');
			} else {
				reading.log.warn(fields, 'reading: failed; will retry');
				const retry =
					kind === 'reading_poll'
						? () => void runStep(reading, guild, kind, slot, () => postPoll(reading, guild, slot))
						: () => {
								const poll = reading.list.poll(guild.guild_id, slot);
								if (poll) void runStep(reading, guild, kind, slot, () => postResult(reading, guild, poll, true));
							};
				const retryAt = new Date(reading.now().getTime() + delay);
				reading.retries.set(key, retryAt);
				reading.timers.later(`${guild.guild_id}|retry`, retryAt, retry);
			}
			return false;
		})
		.finally(() => reading.running.delete(key));
	reading.running.set(key, run);
	return run;
}

function claimCheck(reading: Reading): ClaimCheck {
	const { claimant, leaseMs, running } = reading;
	return {
		claimant,
		now: reading.now(),
		leaseMs,
		isRunning: (record: PostRecord) => running.has(`${record.guild_id}:${record.kind}:${record.slot}`),
	};
}

/** Claims a slot; a claim a live process holds is looked at again when its lease ends. Null: nothing to do now. */
function take(reading: Reading, guild: GuildSettings, kind: ReadingKind, slot: string, retry: () => void): 'fresh' | 'again' | null {
	const taking = takeSlot(reading.posts, guild.guild_id, kind, slot, claimCheck(reading));
	if (taking === null || typeof taking === 'string') return taking;
	// Another process may be sending it now: look again when its lease ends.
	const claimedAt = new Date(taking.heldBy.claimed_at).getTime();
	const checkAt = Math.max(claimedAt + reading.leaseMs, reading.now().getTime() + reading.leaseMs);
	reading.timers.later(`${guild.guild_id}|retry`, new Date(checkAt), retry);
	return null;
}

/** The poll of a slot: reconciled after an earlier attempt, else sent when at least two papers are proposed and the poll window lasts. */
async function postPoll(reading: Reading, guild: GuildSettings, slot: string): Promise<boolean> {
	const { posts, list, log } = reading;
	const channelId = guild.reading_channel_id;
	if (!channelId) return false;
	const retry = () => void runStep(reading, guild, 'reading_poll', slot, () => postPoll(reading, guild, slot));
	const taking = take(reading, guild, 'reading_poll', slot, retry);
	if (taking === null) return posts.get(guild.guild_id, 'reading_poll', slot)?.status === 'sent';
	const fields = { guild: guild.guild_id, kind: 'reading_poll', slot };
	if (taking === 'again') {
		const found = await reading.findPost(guild, channelId, 'reading_poll', slot);
		const planned = list.poll(guild.guild_id, slot);
		if (found !== null) {
			recordPoll(reading, guild, slot, found, planned?.endsAt ?? reading.now().toISOString());
			log.info({ ...fields, messageId: found }, 'reading: found an interrupted poll in the channel; not posting again');
			if (planned) armResult(reading, guild, { ...planned, messageId: found });
			return true;
		}
	}
	const at = reading.now();
	if (at.getTime() >= new Date(slot).getTime() + guild.reading_hours * HOUR_MS) {
		posts.markFailed(guild.guild_id, 'reading_poll', slot, 'missed: the bot was down for the whole poll');
		return false;
	}
	const listed = list.list(guild.guild_id);
	const proposals = pollProposals(listed);
	if (proposals.length < 2) {
		posts.markSent(guild.guild_id, 'reading_poll', slot, { channelId, messageId: null }, at);
		log.info({ ...fields, proposals: proposals.length }, 'reading: fewer than two proposals; no poll');
		return true;
	}
	const endsAt = new Date(at.getTime() + guild.reading_hours * HOUR_MS);
	list.planPoll({ guildId: guild.guild_id, slot, channelId, paperIds: proposals.map((p) => p.paperId), endsAt: endsAt.toISOString() });
	const messageId = await reading.sendPoll(guild, slot, proposals, endsAt, listed.length - proposals.length);
	recordPoll(reading, guild, slot, messageId, endsAt.toISOString());
	log.info({ ...fields, messageId, endsAt: endsAt.toISOString() }, 'reading: poll posted');
	const poll = list.poll(guild.guild_id, slot);
	if (poll) armResult(reading, guild, poll);
	return true;
}

function recordPoll(reading: Reading, guild: GuildSettings, slot: string, messageId: string, endsAt: string): void {
	const { posts, list } = reading;
	posts.markSent(guild.guild_id, 'reading_poll', slot, { channelId: guild.reading_channel_id, messageId }, reading.now(), () =>
		list.pollPosted(guild.guild_id, slot, messageId, endsAt),
	);
}

/**
 * The result of an ended poll: read Discord's final count (waiting while it is not final), then
 * claim the result's slot, reconcile an earlier attempt, post the pick, and take the winner off
 * the list in the same transaction that records the post.
 */
async function postResult(reading: Reading, guild: GuildSettings, poll: ReadingPoll, rearm: boolean): Promise<boolean> {
	const { posts, list, log } = reading;
	if (posts.get(guild.guild_id, 'reading_result', poll.slot)?.status === 'sent') return true;
	const counts = await reading.readResults(poll);
	const waitsKey = `${guild.guild_id}:final:${poll.slot}`;
	if (!counts.finalized) {
		if (rearm) {
			// Discord finalises the tally a moment after the poll ends; ask again, less often the longer it takes.
			const waits = (reading.failures.get(waitsKey) ?? 0) + 1;
			reading.failures.set(waitsKey, waits);
			const delay = Math.min(FINAL_COUNT_WAIT_MS * 2 ** (waits - 1), HOUR_MS);
			armResult(reading, guild, poll, new Date(Math.max(new Date(poll.endsAt).getTime(), reading.now().getTime() + delay)));
		}
		return false;
	}
	reading.failures.delete(waitsKey);
	const outcome = pollOutcome(poll.paperIds, counts.counts);
	const retry = () => void runStep(reading, guild, 'reading_result', poll.slot, () => postResult(reading, guild, poll, true));
	const taking = take(reading, guild, 'reading_result', poll.slot, retry);
	if (taking === null) return posts.get(guild.guild_id, 'reading_result', poll.slot)?.status === 'sent';
	const fields = { guild: guild.guild_id, kind: 'reading_result', slot: poll.slot, winner: outcome.winner };
	const found = taking === 'again' ? await reading.findPost(guild, poll.channelId, 'reading_result', poll.slot) : null;
	if (found !== null) log.info({ ...fields, messageId: found }, 'reading: found an interrupted result in the channel; not posting again');
	const { messageId, problem } = found !== null ? { messageId: found, problem: undefined } : await reading.sendResult(guild, poll, outcome);
	const where = { channelId: poll.channelId, messageId, ...(problem ? { problem } : {}) };
	posts.markSent(guild.guild_id, 'reading_result', poll.slot, where, reading.now(), () => {
		if (outcome.winner !== null) list.withdraw(guild.guild_id, outcome.winner);
	});
	log.info({ ...fields, messageId, votes: outcome.votes, total: outcome.total }, 'reading: result posted');
	return true;
}
