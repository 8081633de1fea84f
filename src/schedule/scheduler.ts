import { claimMayBeLive, DEFAULT_LEASE_MS, THIS_PROCESS } from './claims.js';
import { advanceDigestWatermark, papersForDigest } from './digest.js';
import { claimSlot, failedPosts, getPost, markFailed, markSent, retakeSlot, unsentClaims, type PostKind, type PostRecord } from './post-log.js';
import type { GuildSettings } from './settings.js';
import type { State } from './state.js';
import { latestRunToday, localDate, nextDigestTime, nextPotdTime, potdPattern } from './time.js';

/** pino-compatible logging: structured fields first, then the message. */
export interface SchedulerLog {
	info(fields: object, message: string): void;
	warn(fields: object, message: string): void;
	error(fields: object, message: string): void;
}

export interface SchedulerOptions {
	state: State;
	/** The clock; every decision reads it. */
	now?: () => Date;
	/**
	 * Sends a slot's post and returns its message id. For `potd` the slot is the local date (pick
	 * the paper with paperOfTheDay); for `digest` it is the fire time in ISO form (plan the content
	 * with planDigest(state, guild, new Date(slot), matches)). Throw when it was not sent.
	 */
	post: (guild: GuildSettings, kind: PostKind, slot: string) => Promise<{ messageId: string }>;
	/** Looks through the channel's recent messages for our post of this slot: its message id, or null. */
	reconcile: (guild: GuildSettings, kind: PostKind, slot: string) => Promise<string | null>;
	/** After downtime over today's posting time, post today's once on start (default true). Earlier days are never back-filled. */
	catchUp?: boolean;
	/** Post a digest even when nothing is new (default false: log it and post nothing). */
	postEmptyDigest?: boolean;
	/** Waits before each retry of a failed send; retries stop at the end of the slot's local day. */
	retryDelaysMs?: readonly number[];
	/** A claim older than this, from a process we cannot check, is taken to be from a dead process (default 5 minutes). */
	claimLeaseMs?: number;
	/** This process in the post log (default `host:pid`). */
	claimant?: string;
	log?: SchedulerLog;
}

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
}

const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000];
// Timers wake at least hourly so long waits survive setTimeout's 24.8-day limit and clock jumps.
const MAX_TIMER_MS = 3_600_000;
const PROBLEM_WINDOW_MS = 7 * 86_400_000;
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };

const KINDS: readonly PostKind[] = ['potd', 'digest'];

/** The channel a kind of post goes to in a guild; null when it is switched off. */
export function channelOf(guild: GuildSettings, kind: PostKind): string | null {
	return { potd: guild.potd_channel_id, digest: guild.digest_channel_id, feed: guild.feed_channel_id }[kind];
}

function patternOf(guild: GuildSettings, kind: PostKind): string {
	return kind === 'potd' ? potdPattern(guild.potd_time) : guild.digest_cron;
}

/** The slot key for a post due at `due`: the local date for the paper of the day, the fire time for a digest. */
function slotFor(guild: GuildSettings, kind: PostKind, due: Date): string {
	return kind === 'potd' ? localDate(due, guild.timezone) : due.toISOString();
}

function slotDay(guild: GuildSettings, kind: PostKind, slot: string): string {
	return kind === 'potd' ? slot : localDate(new Date(slot), guild.timezone);
}

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
	const { state, post, reconcile } = options;
	const now = options.now ?? (() => new Date());
	const catchUp = options.catchUp ?? true;
	const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
	const leaseMs = options.claimLeaseMs ?? DEFAULT_LEASE_MS;
	const claimant = options.claimant ?? THIS_PROCESS;
	const log = options.log ?? SILENT_LOG;

	const guilds = new Map<string, GuildSettings>();
	const timers = new Map<string, Set<NodeJS.Timeout>>();
	const running = new Map<string, Promise<void>>();
	let stopped = false;

	/** Runs `task` at `at`. Timers are grouped per guild: `arm` for the next fire times, `slot` for retries and claim checks. */
	function later(group: `${string}|${'arm' | 'slot'}`, at: Date, task: () => void): void {
		const delay = Math.max(0, Math.min(at.getTime() - now().getTime(), MAX_TIMER_MS));
		const handles = timers.get(group) ?? new Set();
		timers.set(group, handles);
		const handle = setTimeout(() => {
			handles.delete(handle);
			if (stopped) return;
			if (now() < at) later(group, at, task);
			else task();
		}, delay);
		handles.add(handle);
	}

	function clearTimers(group: string): void {
		for (const handle of timers.get(group) ?? []) clearTimeout(handle);
		timers.delete(group);
	}

	const claimIsLive = (record: PostRecord) =>
		claimMayBeLive(record, { claimant, now: now(), leaseMs, isRunning: (r) => running.has(`${r.guild_id}:${r.kind}:${r.slot}`) });

	function recordSent(guild: GuildSettings, kind: PostKind, slot: string, messageId: string | null): void {
		state.db.transaction(() => {
			markSent(state, guild.guild_id, kind, slot, { channelId: channelOf(guild, kind), messageId }, now());
			if (kind === 'digest') advanceDigestWatermark(state, guild.guild_id, new Date(slot));
		})();
	}

	/** Takes the slot for this process; 'fresh' when never tried, 'again' when an earlier attempt must be reconciled. */
	function acquire(guild: GuildSettings, kind: PostKind, slot: string): 'fresh' | 'again' | null {
		if (claimSlot(state, guild.guild_id, kind, slot, claimant, now())) return 'fresh';
		const record = getPost(state, guild.guild_id, kind, slot);
		if (!record || record.status === 'sent') return null;
		if (record.status === 'claimed' && claimIsLive(record)) {
			// Look again when the lease ends; a live process past its lease is checked once more a lease later.
			const expires = new Date(record.claimed_at).getTime() + leaseMs;
			const checkAt = expires > now().getTime() ? expires : now().getTime() + leaseMs;
			later(`${guild.guild_id}|slot`, new Date(checkAt), () => runSlot(guild.guild_id, kind, slot));
			return null;
		}
		return retakeSlot(state, record, claimant, now()) ? 'again' : null;
	}

	async function attempt(guildId: string, kind: PostKind, slot: string): Promise<void> {
		const guild = guilds.get(guildId);
		if (!guild || channelOf(guild, kind) === null) return;
		if (localDate(now(), guild.timezone) !== slotDay(guild, kind, slot)) return;
		const fields = { guild: guildId, kind, slot };
		const taken = acquire(guild, kind, slot);
		if (taken === null) return;
		try {
			if (taken === 'again') {
				const found = await reconcile(guild, kind, slot);
				if (found !== null) {
					recordSent(guild, kind, slot, found);
					log.info({ ...fields, messageId: found }, 'schedule: found an interrupted post in the channel; not posting again');
					return;
				}
			}
			if (kind === 'digest' && !options.postEmptyDigest && papersForDigest(state, guildId, new Date(slot)).length === 0) {
				recordSent(guild, kind, slot, null);
				log.info(fields, 'schedule: no new papers since the last digest; nothing posted');
				return;
			}
			const { messageId } = await post(guild, kind, slot);
			recordSent(guild, kind, slot, messageId);
			log.info({ ...fields, messageId }, 'schedule: posted');
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			markFailed(state, guildId, kind, slot, reason);
			const attempts = getPost(state, guildId, kind, slot)?.attempts ?? 1;
			const delay = retryDelays[attempts - 1];
			const retryAt = delay === undefined ? null : new Date(now().getTime() + delay);
			if (retryAt && localDate(retryAt, guild.timezone) === slotDay(guild, kind, slot)) {
				log.warn({ ...fields, attempts, reason, retryAt: retryAt.toISOString() }, 'schedule: post failed; will retry');
				later(`${guildId}|slot`, retryAt, () => runSlot(guildId, kind, slot));
			} else {
				log.error({ ...fields, attempts, reason }, 'schedule: post failed; giving up for this slot');
			}
		}
	}

	/** Runs one slot, never two at once for the same slot in this process, and never throws. */
	function runSlot(guildId: string, kind: PostKind, slot: string): Promise<void> {
		const key = `${guildId}:${kind}:${slot}`;
		const current = running.get(key);
		if (current) return current;
		const run = attempt(guildId, kind, slot)
			.catch((error: unknown) => log.error({ guild: guildId, kind, slot, error: String(error) }, 'schedule: slot run failed'))
			.finally(() => running.delete(key));
		running.set(key, run);
		return run;
	}

	function arm(guild: GuildSettings, kind: PostKind, after: Date): void {
		if (stopped || channelOf(guild, kind) === null) return;
		const due = kind === 'potd' ? nextPotdTime(guild.potd_time, guild.timezone, after) : nextDigestTime(guild.digest_cron, guild.timezone, after);
		if (due === null) return;
		later(`${guild.guild_id}|arm`, due, () => {
			const slot = slotFor(guild, kind, due);
			// A machine asleep past the whole day does not post a stale day's slot.
			if (localDate(now(), guild.timezone) === slotDay(guild, kind, slot)) void runSlot(guild.guild_id, kind, slot);
			else log.warn({ guild: guild.guild_id, kind, slot }, 'schedule: woke after the slot’s day ended; skipped');
			arm(guild, kind, new Date(Math.max(now().getTime(), due.getTime())));
		});
	}

	/** Interrupted claims from earlier days: reconcile them so the log is right; never post a past day. */
	async function settleOldClaims(guild: GuildSettings, today: Record<PostKind, string | null>): Promise<void> {
		for (const record of unsentClaims(state, guild.guild_id)) {
			// The feed's claims are settled by the feed's own scheduler, which knows its announcement dates.
			if (record.kind === 'feed' || record.slot === today[record.kind] || claimIsLive(record)) continue;
			if (!retakeSlot(state, record, claimant, now())) continue;
			const found = await reconcile(guild, record.kind, record.slot).catch((error: unknown) => {
				log.warn({ guild: guild.guild_id, kind: record.kind, slot: record.slot, error: String(error) }, 'schedule: could not read the channel to reconcile');
				return null;
			});
			if (found !== null) recordSent(guild, record.kind, record.slot, found);
			else markFailed(state, guild.guild_id, record.kind, record.slot, 'missed: the bot stopped before sending and the day has passed');
		}
	}

	async function startGuild(guild: GuildSettings): Promise<void> {
		const at = now();
		const today: Record<PostKind, string | null> = { potd: null, digest: null, feed: null };
		for (const kind of KINDS) {
			if (channelOf(guild, kind) === null) continue;
			const due = latestRunToday(patternOf(guild, kind), guild.timezone, at);
			today[kind] = due ? slotFor(guild, kind, due) : null;
		}
		await settleOldClaims(guild, today);
		for (const kind of KINDS) {
			const slot = today[kind];
			if (slot !== null && (catchUp || getPost(state, guild.guild_id, kind, slot) !== null)) await runSlot(guild.guild_id, kind, slot);
			arm(guild, kind, at);
		}
	}

	return {
		async start(list) {
			for (const guild of list) guilds.set(guild.guild_id, guild);
			await Promise.all(list.map(startGuild));
		},
		update(guild) {
			guilds.set(guild.guild_id, guild);
			clearTimers(`${guild.guild_id}|arm`);
			for (const kind of KINDS) arm(guild, kind, now());
		},
		remove(guildId) {
			guilds.delete(guildId);
			clearTimers(`${guildId}|arm`);
			clearTimers(`${guildId}|slot`);
		},
		async stop() {
			stopped = true;
			for (const group of [...timers.keys()]) clearTimers(group);
			await Promise.allSettled([...running.values()]);
		},
		problems(guildId) {
			return failedPosts(state, guildId, new Date(now().getTime() - PROBLEM_WINDOW_MS)).map((record) => ({
				kind: record.kind,
				slot: record.slot,
				attempts: record.attempts,
				error: record.last_error ?? 'unknown error',
				claimedAt: record.claimed_at,
			}));
		},
	};
}
