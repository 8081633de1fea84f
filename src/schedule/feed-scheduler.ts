import { THIS_PROCESS } from './claims.js';
import { getFeedLook, type FeedLook } from '../store/feed-log.js';
import { lookAtFeed, reasonOf, type FeedLookContext, type FeedSchedulerOptions, type FeedSent } from './feed-look.js';
import { openPostLog } from '../store/post-log.js';

export type { FeedSchedulerOptions, FeedSent };
import type { SchedulerLog } from './slot-runner.js';
import type { GuildSettings } from '../store/settings.js';
import { guildLookScheduler, type GuildLookScheduler } from './guild-looks.js';
import { createTimers, type Timers } from './timers.js';
import { latestRunToday, nextPotdTime, potdPattern } from './time.js';

export type FeedScheduler = GuildLookScheduler;

/** The feed scheduler's state: what a look works with, the guilds' settings, their next-look timers and the looks running now. */
interface FeedLooks {
	context: FeedLookContext;
	guilds: Map<string, GuildSettings>;
	timers: Timers;
	running: Map<string, Promise<void>>;
}

const DEFAULT_RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 1_800_000, 3_600_000];
const HOUR_MS = 3_600_000;
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };

/**
 * The arXiv feed's scheduler. At each guild's feed time it reads the feed; an announcement date
 * not yet posted is claimed in the post log (slot = the date) and posted exactly once across
 * restarts; a feed still holding a posted announcement, or none, is looked at again about hourly
 * until the next feed time; failures are retried with backoff and kept for the status view.
 */
export function createFeedScheduler(options: FeedSchedulerOptions): FeedScheduler {
	const now = options.now ?? (() => new Date());
	const running = new Map<string, Promise<void>>();
	const context: FeedLookContext = {
		...options,
		posts: openPostLog(options.state),
		now,
		retryDelays: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
		relookMs: options.relookMs ?? HOUR_MS,
		claimant: options.claimant ?? THIS_PROCESS,
		log: options.log ?? SILENT_LOG,
		isLooking: (guildId) => running.has(guildId),
	};
	const looks: FeedLooks = { context, guilds: new Map(), timers: createTimers(now), running };
	return guildLookScheduler((guild) => arm(looks, guild), looks.timers, running);
}

/** Looks now, or arms the guild's first look: see `firstLookTime`. */
function arm(looks: FeedLooks, guild: GuildSettings): Promise<void> {
	looks.guilds.set(guild.guild_id, guild);
	looks.timers.clear(guild.guild_id);
	if (!guild.feed_channel_id) return Promise.resolve();
	const due = firstLookTime(guild, getFeedLook(looks.context.state, guild.guild_id), looks.context.now());
	if (due === 'now') return runLook(looks, guild.guild_id);
	lookAt(looks, guild.guild_id, due);
	return Promise.resolve();
}

/**
 * 'now' when today's feed time has passed and no look of this window is still due later (a restart
 * after downtime across the feed time posts the day's feed once); else when to look.
 */
function firstLookTime(guild: GuildSettings, last: FeedLook | null, now: Date): Date | 'now' {
	const windowStart = latestRunToday(potdPattern(guild.feed_time), guild.timezone, now);
	if (windowStart === null) return nextPotdTime(guild.feed_time, guild.timezone, now);
	const due = last?.next_look ? new Date(last.next_look) : null;
	if (last && due && due > now && new Date(last.looked_at) >= windowStart) return due;
	return 'now';
}

/** The guild's next look, replacing any other armed. */
function lookAt(looks: FeedLooks, guildId: string, at: Date): void {
	looks.timers.clear(guildId);
	looks.timers.later(guildId, at, () => void runLook(looks, guildId));
}

/** Looks at the guild's feed, never twice at once, and arms the look after; never throws. */
function runLook(looks: FeedLooks, guildId: string): Promise<void> {
	const current = looks.running.get(guildId);
	if (current) return current;
	const run = lookAndArmNext(looks, guildId)
		.catch((error: unknown) =>
			looks.context.log.error({ guild: guildId, kind: 'feed', error: reasonOf(error) }, 'feed: look failed unexpectedly'),
		)
		.finally(() => looks.running.delete(guildId));
	looks.running.set(guildId, run);
	return run;
}

async function lookAndArmNext(looks: FeedLooks, guildId: string): Promise<void> {
	const guild = looks.guilds.get(guildId);
	if (!guild?.feed_channel_id) return;
	lookAt(looks, guildId, await lookAtFeed(looks.context, guild));
}
