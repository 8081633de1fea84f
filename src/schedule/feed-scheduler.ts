import type { Announcement } from '../arxiv/announcements.js';
import { claimMayBeLive, DEFAULT_LEASE_MS, THIS_PROCESS } from './claims.js';
import { getFeedLook, recordFeedLook, recordFeedPosted, type FeedLook } from './feed-log.js';
import { claimSlot, getPost, markFailed, markSent, retakeSlot } from './post-log.js';
import type { SchedulerLog } from './scheduler.js';
import type { GuildSettings } from './settings.js';
import type { State } from './state.js';
import { createTimers } from './timers.js';
import { latestRunToday, nextPotdTime, potdPattern, previousDailyTime } from './time.js';

/** What a feed post sent: its first message (null when nothing cleared the floor) and its counts. */
export interface FeedSent {
	messageId: string | null;
	/** New papers in the announcement, after cross-list, corpus and earlier-post filtering. */
	newCount: number;
	/** The ids the post listed. */
	postedIds: string[];
}

export interface FeedSchedulerOptions {
	state: State;
	/** The clock; every decision reads it. */
	now?: () => Date;
	/** Reads the guild's feed now (one request). Throws when it cannot be read. */
	read: (guild: GuildSettings) => Promise<Announcement>;
	/** Plans and sends the guild's post of this announcement. Throws when it was not sent. */
	send: (guild: GuildSettings, announcement: Announcement) => Promise<FeedSent>;
	/** Looks through the channel for our post of this announcement date: its message id, or null. */
	reconcile: (guild: GuildSettings, date: string) => Promise<string | null>;
	/** Waits before each retry of a failed look or send; the last repeats until the next feed time. */
	retryDelaysMs?: readonly number[];
	/** How long to wait before looking again at a feed still holding a posted (or no) announcement; default an hour. */
	relookMs?: number;
	claimant?: string;
	log?: SchedulerLog;
}

export interface FeedScheduler {
	/** Looks now at feeds whose time has passed today, and arms the next looks. */
	start(guilds: readonly GuildSettings[]): Promise<void>;
	/** Takes a guild's new settings: looks now if its feed time has passed today and nothing was posted since. */
	update(guild: GuildSettings): void;
	/** Cancels every timer and waits for looks in progress. */
	stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 1_800_000, 3_600_000];
const HOUR_MS = 3_600_000;
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };

const earlier = (a: Date, b: Date) => (a < b ? a : b);
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The arXiv feed's scheduler. At each guild's feed time it reads the feed; an announcement date
 * not yet posted is claimed in the post log (slot = the date) and posted exactly once across
 * restarts; a feed still holding a posted announcement, or none, is looked at again about hourly
 * until the next feed time; failures are retried with backoff and kept for the status view.
 */
export function createFeedScheduler(options: FeedSchedulerOptions): FeedScheduler {
	const { state, read, send, reconcile } = options;
	const now = options.now ?? (() => new Date());
	const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
	const relookMs = options.relookMs ?? HOUR_MS;
	const claimant = options.claimant ?? THIS_PROCESS;
	const log = options.log ?? SILENT_LOG;
	const guilds = new Map<string, GuildSettings>();
	const timers = createTimers(now);
	const running = new Map<string, Promise<void>>();

	/** The guild's next look, replacing any other armed. */
	function lookAt(guildId: string, at: Date): void {
		timers.clear(guildId);
		timers.later(guildId, at, () => void runLook(guildId));
	}

	function saveLook(guild: GuildSettings, found: Partial<FeedLook>, next: Date): void {
		const last = getFeedLook(state, guild.guild_id);
		const sameAnnouncement = last !== null && found.announced !== undefined && last.announced === found.announced;
		recordFeedLook(state, {
			guild_id: guild.guild_id,
			looked_at: now().toISOString(),
			announced: found.announced ?? null,
			// A look that finds the same announcement again keeps what its post counted.
			new_count: found.new_count ?? (sameAnnouncement ? last.new_count : 0),
			posted_count: found.posted_count ?? (sameAnnouncement ? last.posted_count : 0),
			failures: found.last_error ? (last?.failures ?? 0) + 1 : 0,
			last_error: found.last_error ?? null,
			next_look: next.toISOString(),
		});
		lookAt(guild.guild_id, next);
	}

	function failed(guild: GuildSettings, reason: string, windowEnd: Date): void {
		const failures = (getFeedLook(state, guild.guild_id)?.failures ?? 0) + 1;
		const delay = retryDelays[Math.min(failures, retryDelays.length) - 1] ?? HOUR_MS;
		const retryAt = earlier(new Date(now().getTime() + delay), windowEnd);
		log.warn({ guild: guild.guild_id, kind: 'feed', failures, reason, retryAt: retryAt.toISOString() }, 'feed: look failed; will retry');
		saveLook(guild, { last_error: reason }, retryAt);
	}

	/** Whether this guild's feed was posted since its latest feed time: no need to look again before the next. */
	function postedThisWindow(guild: GuildSettings): boolean {
		const last = getFeedLook(state, guild.guild_id);
		if (!last?.announced) return false;
		const sentAt = getPost(state, guild.guild_id, 'feed', last.announced)?.sent_at;
		return !!sentAt && new Date(sentAt) >= previousDailyTime(guild.feed_time, guild.timezone, now());
	}

	/** Takes the announcement's slot: 'fresh', 'again' (an earlier attempt to reconcile), or null (sent, or live elsewhere). */
	function acquire(guild: GuildSettings, date: string): 'fresh' | 'again' | null {
		if (claimSlot(state, guild.guild_id, 'feed', date, claimant, now())) return 'fresh';
		const record = getPost(state, guild.guild_id, 'feed', date);
		if (!record || record.status === 'sent') return null;
		const live = record.status === 'claimed' && claimMayBeLive(record, { claimant, now: now(), leaseMs: DEFAULT_LEASE_MS, isRunning: () => running.has(guild.guild_id) });
		if (live) return null;
		return retakeSlot(state, record, claimant, now()) ? 'again' : null;
	}

	async function post(guild: GuildSettings, announcement: Announcement & { date: string }, windowEnd: Date): Promise<void> {
		const { date } = announcement;
		const fields = { guild: guild.guild_id, kind: 'feed', slot: date };
		const taken = acquire(guild, date);
		if (taken === null) return saveLook(guild, { announced: date }, earlier(new Date(now().getTime() + relookMs), windowEnd));
		try {
			const found = taken === 'again' ? await reconcile(guild, date) : null;
			const sent: FeedSent = found !== null ? { messageId: found, newCount: 0, postedIds: [] } : await send(guild, announcement);
			state.db.transaction(() => {
				markSent(state, guild.guild_id, 'feed', date, { channelId: guild.feed_channel_id, messageId: sent.messageId }, now());
				recordFeedPosted(state, guild.guild_id, sent.postedIds, date);
			})();
			log.info({ ...fields, messageId: sent.messageId, new: sent.newCount, posted: sent.postedIds.length }, found !== null ? 'feed: found an interrupted post in the channel; not posting again' : 'feed: posted');
			saveLook(guild, { announced: date, new_count: sent.newCount, posted_count: sent.postedIds.length }, windowEnd);
		} catch (error) {
			markFailed(state, guild.guild_id, 'feed', date, reasonOf(error));
			failed(guild, reasonOf(error), windowEnd);
		}
	}

	async function look(guildId: string): Promise<void> {
		const guild = guilds.get(guildId);
		if (!guild?.feed_channel_id) return;
		const windowEnd = nextPotdTime(guild.feed_time, guild.timezone, now());
		let announcement: Announcement;
		try {
			announcement = await read(guild);
		} catch (error) {
			return failed(guild, reasonOf(error), windowEnd);
		}
		const { date } = announcement;
		if (date !== null && getPost(state, guildId, 'feed', date)?.status !== 'sent') return post(guild, { ...announcement, date }, windowEnd);
		const relook = postedThisWindow(guild) ? windowEnd : earlier(new Date(now().getTime() + relookMs), windowEnd);
		log.info({ guild: guildId, kind: 'feed', announced: date, nextLook: relook.toISOString() }, date ? 'feed: announcement already posted; looking again later' : 'feed: the feed is empty; looking again later');
		saveLook(guild, { announced: date }, relook);
	}

	function runLook(guildId: string): Promise<void> {
		const current = running.get(guildId);
		if (current) return current;
		const run = look(guildId)
			.catch((error: unknown) => log.error({ guild: guildId, kind: 'feed', error: reasonOf(error) }, 'feed: look failed unexpectedly'))
			.finally(() => running.delete(guildId));
		running.set(guildId, run);
		return run;
	}

	/**
	 * Looks now when today's feed time has passed and no look of this window is still due later
	 * (a restart after downtime across the feed time posts the day's feed once); else waits.
	 */
	function arm(guild: GuildSettings): Promise<void> {
		guilds.set(guild.guild_id, guild);
		timers.clear(guild.guild_id);
		if (!guild.feed_channel_id) return Promise.resolve();
		const windowStart = latestRunToday(potdPattern(guild.feed_time), guild.timezone, now());
		if (windowStart === null) {
			lookAt(guild.guild_id, nextPotdTime(guild.feed_time, guild.timezone, now()));
			return Promise.resolve();
		}
		const last = getFeedLook(state, guild.guild_id);
		const due = last?.next_look ? new Date(last.next_look) : null;
		if (last && due && due > now() && new Date(last.looked_at) >= windowStart) {
			lookAt(guild.guild_id, due);
			return Promise.resolve();
		}
		return runLook(guild.guild_id);
	}

	return {
		async start(list) {
			await Promise.all(list.map(arm));
		},
		update(guild) {
			void arm(guild);
		},
		async stop() {
			timers.stop();
			await Promise.allSettled([...running.values()]);
		},
	};
}
