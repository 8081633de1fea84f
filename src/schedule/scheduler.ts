import type { PostKind, PostLog } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';
import {
	createSlotRunner,
	runSlot,
	settleOldClaims,
	slotKey,
	type SchedulerLog,
	type SchedulerOptions,
	type SlotRunner,
} from './slot-runner.js';

export type { SchedulerLog, SchedulerOptions };
import { channelOf, patternOf, slotDay, slotFor } from './slots.js';
import { createTimers } from './timers.js';
import { latestRunToday, localDate, nextDigestTime, nextPotdTime } from './time.js';

/** A failed post, as a status view shows it. */
export interface ScheduleProblem {
	kind: PostKind;
	slot: string;
	attempts: number;
	error: string;
	claimedAt: string;
}

export interface Scheduler {
	/** Resolves interrupted posts, makes today's owed posts, then arms the timers. */
	start(guilds: readonly GuildSettings[]): Promise<void>;
	/** Takes a guild's new settings and re-arms its timers. */
	update(guild: GuildSettings): void;
	/** Stops a guild's timers. */
	remove(guildId: string): void;
	/** Cancels every timer and waits for posts in progress. */
	stop(): Promise<void>;
	/** The guild's failed posts of the last week, newest first. */
	problems(guildId: string): ScheduleProblem[];
	/** When a failed paper-of-the-day or digest slot is tried again; null when it is not (given up, or not failed). */
	retryAt(guildId: string, kind: PostKind, slot: string): Date | null;
}

const PROBLEM_WINDOW_MS = 7 * 86_400_000;

const KINDS = ['potd', 'digest'] as const;

/** The next paper-of-the-day and digest times after `after`; null for what is switched off. */
export function nextPostTimes(guild: GuildSettings, after: Date): { potd: Date | null; digest: Date | null } {
	return {
		potd: guild.potd_channel_id ? nextPotdTime(guild.potd_time, guild.timezone, after) : null,
		digest: guild.digest_channel_id ? nextDigestTime(guild.digest_cron, guild.timezone, after) : null,
	};
}

/**
 * Creates the scheduler for paper-of-the-day and digest posts. Each slot is posted exactly once
 * across restarts and processes: claimed in the post log before sending, marked sent after; a
 * slot with an earlier attempt is reconciled against the channel before it is sent again.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
	const now = options.now ?? (() => new Date());
	const catchUp = options.catchUp ?? true;
	const guilds = new Map<string, GuildSettings>();
	const runner = createSlotRunner({ ...options, now }, guilds, createTimers(now));
	return {
		async start(list) {
			for (const guild of list) guilds.set(guild.guild_id, guild);
			await Promise.all(list.map((guild) => startGuild(runner, guild, catchUp)));
		},
		update(guild) {
			guilds.set(guild.guild_id, guild);
			runner.timers.clear(`${guild.guild_id}|arm`);
			for (const kind of KINDS) arm(runner, guild, kind, now());
		},
		remove(guildId) {
			guilds.delete(guildId);
			runner.timers.clear(`${guildId}|arm`);
			runner.timers.clear(`${guildId}|slot`);
			for (const key of runner.retries.keys()) if (key.startsWith(`${guildId}:`)) runner.retries.delete(key);
		},
		async stop() {
			runner.timers.stop();
			await Promise.allSettled([...runner.running.values()]);
		},
		problems: (guildId) => recentProblems(runner.posts, guildId, now()),
		retryAt: (guildId, kind, slot) => runner.retries.get(slotKey(guildId, kind, slot)) ?? null,
	};
}

/** Arms the next fire time of `kind` after `after`, and at it the one after. */
function arm(runner: SlotRunner, guild: GuildSettings, kind: (typeof KINDS)[number], after: Date): void {
	const { timers, now } = runner;
	if (timers.stopped || channelOf(guild, kind) === null) return;
	const due =
		kind === 'potd' ? nextPotdTime(guild.potd_time, guild.timezone, after) : nextDigestTime(guild.digest_cron, guild.timezone, after);
	if (due === null) return;
	timers.later(`${guild.guild_id}|arm`, due, () => {
		const slot = slotFor(guild, kind, due);
		// A machine asleep past the whole day does not post a stale day's slot.
		if (localDate(now(), guild.timezone) === slotDay(guild, kind, slot)) void runSlot(runner, guild.guild_id, kind, slot);
		else runner.log.warn({ guild: guild.guild_id, kind, slot }, 'schedule: woke after the slot’s day ended; skipped');
		arm(runner, guild, kind, new Date(Math.max(now().getTime(), due.getTime())));
	});
}

/** Settles interrupted claims, makes today's owed posts, then arms the timers. */
async function startGuild(runner: SlotRunner, guild: GuildSettings, catchUp: boolean): Promise<void> {
	const at = runner.now();
	const today = todaysSlots(guild, at);
	await settleOldClaims(runner, guild, today);
	for (const kind of KINDS) {
		const slot = today[kind];
		if (slot != null && (catchUp || runner.posts.get(guild.guild_id, kind, slot) !== null))
			await runSlot(runner, guild.guild_id, kind, slot);
		arm(runner, guild, kind, at);
	}
}

/** Today's slot of each kind switched on: null when its time has not come yet today. */
function todaysSlots(guild: GuildSettings, at: Date): Partial<Record<PostKind, string | null>> {
	const today: Partial<Record<PostKind, string | null>> = {};
	for (const kind of KINDS) {
		if (channelOf(guild, kind) === null) continue;
		const due = latestRunToday(patternOf(guild, kind), guild.timezone, at);
		today[kind] = due ? slotFor(guild, kind, due) : null;
	}
	return today;
}

function recentProblems(posts: PostLog, guildId: string, now: Date): ScheduleProblem[] {
	return posts.failedSince(guildId, new Date(now.getTime() - PROBLEM_WINDOW_MS)).map((record) => ({
		kind: record.kind,
		slot: record.slot,
		attempts: record.attempts,
		error: record.last_error ?? 'unknown error',
		claimedAt: record.claimed_at,
	}));
}
