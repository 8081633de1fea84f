import type { Announcement } from '../arxiv/announcements.js';
import { DEFAULT_LEASE_MS, takeSlot } from './claims.js';
import { getFeedLook, recordFeedLook, recordFeedPosted, type FeedLook } from '../store/feed-log.js';
import type { PostLog } from '../store/post-log.js';
import type { SchedulerLog } from './slot-runner.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { nextPotdTime, previousDailyTime } from './time.js';

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
	/**
	 * What follows the announcement's post, at every look once it is sent (the followed authors'
	 * papers, the corpus's changes): it keeps its own record of what it did. Its failure is logged
	 * and does not touch the feed's own post.
	 */
	followUp?: (guild: GuildSettings, announcement: Announcement & { date: string }) => Promise<void>;
	/** Waits before each retry of a failed look or send; the last repeats until the next feed time. */
	retryDelaysMs?: readonly number[];
	/** How long to wait before looking again at a feed still holding a posted (or no) announcement; default an hour. */
	relookMs?: number;
	claimant?: string;
	log?: SchedulerLog;
}

/** What a look at a guild's feed works with: the feed scheduler's options with their defaults. */
export interface FeedLookContext {
	state: State;
	posts: PostLog;
	now: () => Date;
	read: FeedSchedulerOptions['read'];
	send: FeedSchedulerOptions['send'];
	reconcile: FeedSchedulerOptions['reconcile'];
	followUp?: FeedSchedulerOptions['followUp'];
	retryDelays: readonly number[];
	relookMs: number;
	claimant: string;
	log: SchedulerLog;
	/** Whether this process is looking at the guild's feed now (its claim is then live). */
	isLooking(guildId: string): boolean;
}

type DatedAnnouncement = Announcement & { date: string };

const HOUR_MS = 3_600_000;

const earlier = (a: Date, b: Date) => (a < b ? a : b);
/** What went wrong, in words, for the log and the status view. */
export const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Looks at the guild's feed once: an announcement not yet posted is posted, anything else is looked
 * at again later. Records what the look found and returns when the next look is due.
 */
export async function lookAtFeed(context: FeedLookContext, guild: GuildSettings): Promise<Date> {
	const windowEnd = nextPotdTime(guild.feed_time, guild.timezone, context.now());
	let announcement: Announcement;
	try {
		announcement = await context.read(guild);
	} catch (error) {
		return lookFailed(context, guild, reasonOf(error), windowEnd);
	}
	const { date } = announcement;
	if (date !== null && context.posts.get(guild.guild_id, 'feed', date)?.status !== 'sent') {
		const next = await postAnnouncement(context, guild, { ...announcement, date }, windowEnd);
		return (await followUp(context, guild, { ...announcement, date })) ? next : earlier(next, relookTime(context, windowEnd));
	}
	const followedUp = date === null || (await followUp(context, guild, { ...announcement, date }));
	const relook = postedThisWindow(context, guild) && followedUp ? windowEnd : relookTime(context, windowEnd);
	context.log.info(
		{ guild: guild.guild_id, kind: 'feed', announced: date, nextLook: relook.toISOString() },
		date ? 'feed: announcement already posted; looking again later' : 'feed: the feed is empty; looking again later',
	);
	return recordLook(context, guild, { announced: date }, relook);
}

/** Runs the follow-up of an announcement whose post is sent; false when it failed (it is tried again about an hour later). Never throws. */
async function followUp(context: FeedLookContext, guild: GuildSettings, announcement: DatedAnnouncement): Promise<boolean> {
	if (!context.followUp || context.posts.get(guild.guild_id, 'feed', announcement.date)?.status !== 'sent') return true;
	try {
		await context.followUp(guild, announcement);
		return true;
	} catch (error) {
		context.log.warn(
			{ guild: guild.guild_id, kind: 'feed', announced: announcement.date, reason: reasonOf(error) },
			'feed: followed authors or corpus changes could not be looked at; trying again at the next look',
		);
		return false;
	}
}

/** Posts the announcement once across restarts: its slot (the date) is claimed, and an interrupted attempt is looked for in the channel first. */
async function postAnnouncement(
	context: FeedLookContext,
	guild: GuildSettings,
	announcement: DatedAnnouncement,
	windowEnd: Date,
): Promise<Date> {
	const { state, posts, now, claimant } = context;
	const { date } = announcement;
	const check = { claimant, now: now(), leaseMs: DEFAULT_LEASE_MS, isRunning: () => context.isLooking(guild.guild_id) };
	const taking = takeSlot(posts, guild.guild_id, 'feed', date, check);
	if (taking !== 'fresh' && taking !== 'again') return recordLook(context, guild, { announced: date }, relookTime(context, windowEnd));
	try {
		const found = taking === 'again' ? await context.reconcile(guild, date) : null;
		const sent: FeedSent = found !== null ? { messageId: found, newCount: 0, postedIds: [] } : await context.send(guild, announcement);
		posts.markSent(guild.guild_id, 'feed', date, { channelId: guild.feed_channel_id, messageId: sent.messageId }, now(), () =>
			recordFeedPosted(state, guild.guild_id, sent.postedIds, date),
		);
		const fields = {
			guild: guild.guild_id,
			kind: 'feed',
			slot: date,
			messageId: sent.messageId,
			new: sent.newCount,
			posted: sent.postedIds.length,
		};
		context.log.info(fields, found !== null ? 'feed: found an interrupted post in the channel; not posting again' : 'feed: posted');
		return recordLook(context, guild, { announced: date, new_count: sent.newCount, posted_count: sent.postedIds.length }, windowEnd);
	} catch (error) {
		posts.markFailed(guild.guild_id, 'feed', date, reasonOf(error));
		return lookFailed(context, guild, reasonOf(error), windowEnd);
	}
}

/** Whether this guild's feed was posted since its latest feed time: no need to look again before the next. */
function postedThisWindow({ state, posts, now }: FeedLookContext, guild: GuildSettings): boolean {
	const last = getFeedLook(state, guild.guild_id);
	if (!last?.announced) return false;
	const sentAt = posts.get(guild.guild_id, 'feed', last.announced)?.sent_at;
	return !!sentAt && new Date(sentAt) >= previousDailyTime(guild.feed_time, guild.timezone, now());
}

/** About an hour from now, and no later than the next feed time. */
function relookTime({ now, relookMs }: FeedLookContext, windowEnd: Date): Date {
	return earlier(new Date(now().getTime() + relookMs), windowEnd);
}

/** Records a failed look and returns its retry time: backing off with each failure in a row, and no later than the next feed time. */
function lookFailed(context: FeedLookContext, guild: GuildSettings, reason: string, windowEnd: Date): Date {
	const { retryDelays } = context;
	const failures = (getFeedLook(context.state, guild.guild_id)?.failures ?? 0) + 1;
	const delay = retryDelays[Math.min(failures, retryDelays.length) - 1] ?? HOUR_MS;
	const retryAt = earlier(new Date(context.now().getTime() + delay), windowEnd);
	context.log.warn(
		{ guild: guild.guild_id, kind: 'feed', failures, reason, retryAt: retryAt.toISOString() },
		'feed: look failed; will retry',
	);
	return recordLook(context, guild, { last_error: reason }, retryAt);
}

/** Saves what a look found and when the next is due, and returns that time. */
function recordLook({ state, now }: FeedLookContext, guild: GuildSettings, found: Partial<FeedLook>, next: Date): Date {
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
	return next;
}
