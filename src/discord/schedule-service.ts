import type { APIEmbed, Client } from 'discord.js';
import { threadName } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import type { Env } from '../env.js';
import type { Library } from '../search/library.js';
import type { Logger } from '../log.js';
import type { Paper } from '../corpus/paper.js';
import { paperCount } from '../search/paper-index.js';
import { channelProblem, createDiscordPoster, type DiscordPoster } from './schedule-posts.js';
import { POST_NAMES, recentPosts, type PostKind } from '../schedule/post-log.js';
import { buildPotdMessage, type PostMessage } from './post-messages.js';
import { createScheduler, nextPostTimes, type Scheduler } from '../schedule/scheduler.js';
import {
	checkGuildSettings,
	DEFAULT_SETTINGS,
	getGuildSettings,
	listGuildSettings,
	saveGuildSettings,
	type GuildSettings,
} from '../schedule/settings.js';
import type { State } from '../schedule/state.js';
import { buildStatusEmbed, formatLocalTime } from './schedule-status.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { createFeedService, type FeedService } from './feed-service.js';
import { createPostContent, type PostContent } from './post-content.js';
import { channelOf } from '../schedule/slots.js';
import { localDate, ScheduleSettingError } from '../schedule/time.js';

/** What the schedule commands use: settings, today's paper, previews and status, over the running scheduler. */
export interface ScheduleService {
	readonly state: State;
	/** The clock every decision reads. */
	now(): Date;
	/** A guild's settings in force: saved ones, else the environment's (for DISCORD_GUILD_ID) or the defaults. */
	settingsFor(guildId: string): GuildSettings;
	/**
	 * Checks and saves new settings for a guild and re-arms its timers. Throws ScheduleSettingError
	 * (nothing saved) for a bad value or a channel the bot cannot post in.
	 */
	configure(guildId: string, changes: Partial<Omit<GuildSettings, 'guild_id'>>): GuildSettings;
	/** Today's paper of the day in the guild (its local date): the one that is or will be posted today. */
	todaysPaper(guildId: string): Paper | null;
	/** The guild's next post of `kind` as it would be sent now, without using its slot. */
	preview(guildId: string, kind: Exclude<PostKind, 'feed'>): PostMessage[];
	/** The guild's arXiv feed post as it would be sent now (reading the feed), without using its slot. */
	previewFeed(guildId: string): Promise<PostMessage[]>;
	/** A paper an arXiv feed post listed, as the feed described it; null when unknown. */
	feedPaper(id: string): Paper | null;
	/** `/paperbot status` for a guild. */
	status(guildId: string): APIEmbed;
	/** Stops the timers and waits for posts in progress. */
	stop(): Promise<void>;
}

export interface ScheduleServiceOptions {
	state: State;
	library: Library;
	client: Client<true>;
	env: Env;
	log: Logger;
	now?: () => Date;
	/** Replaces the discord.js poster (tests). */
	poster?: DiscordPoster;
	/** Reads arXiv's announcement feed (`ARXIV_FEED_URL`, through the process's arXiv queue). */
	feedClient: FeedClient;
}

function envSettings(env: Env, guildId: string): GuildSettings {
	const isEnvGuild = env.DISCORD_GUILD_ID === guildId;
	return checkGuildSettings({
		guild_id: guildId,
		potd_channel_id: isEnvGuild ? (env.POTD_CHANNEL_ID ?? null) : null,
		potd_time: env.POTD_TIME,
		timezone: env.TIMEZONE,
		potd_thread: DEFAULT_SETTINGS.potd_thread,
		digest_channel_id: isEnvGuild ? (env.DIGEST_CHANNEL_ID ?? null) : null,
		digest_cron: env.DIGEST_SCHEDULE,
		feed_channel_id: isEnvGuild ? (env.ARXIV_FEED_CHANNEL_ID ?? null) : null,
		feed_categories: isEnvGuild ? (env.ARXIV_FEED_CATEGORIES ?? []) : [],
		feed_time: env.ARXIV_FEED_TIME,
		feed_max: env.ARXIV_FEED_MAX,
		feed_cross: env.ARXIV_FEED_CROSS,
	});
}

/** Every guild with saved settings, and the environment's guild when it has something to post. */
function startingGuilds(state: State, env: Env): GuildSettings[] {
	const guilds = listGuildSettings(state);
	if (env.DISCORD_GUILD_ID && !guilds.some((guild) => guild.guild_id === env.DISCORD_GUILD_ID)) {
		const fromEnv = envSettings(env, env.DISCORD_GUILD_ID);
		if (fromEnv.potd_channel_id || fromEnv.digest_channel_id || fromEnv.feed_channel_id) guilds.push(fromEnv);
	}
	return guilds;
}

/** The running schedule's parts, which every answer of the service reads. */
interface ScheduleParts {
	state: State;
	library: Library;
	client: Client<true>;
	env: Env;
	log: Logger;
	now: () => Date;
	content: PostContent;
	scheduler: Scheduler;
	feed: FeedService;
}

/**
 * Opens the schedule over a connected client: builds the scheduler whose posts go through
 * discord.js, and starts it for the environment's guild and every guild with saved settings.
 */
export async function startScheduleService(options: ScheduleServiceOptions): Promise<ScheduleService> {
	const parts = scheduleParts(options);
	const { state, log, now, scheduler, feed } = parts;
	const guilds = startingGuilds(state, options.env);
	await scheduler.start(guilds);
	await feed.scheduler.start(guilds);
	log.info({ guilds: guilds.length }, 'schedule: started');
	return {
		state,
		now,
		settingsFor: (guildId) => settingsFor(parts, guildId),
		configure: (guildId, changes) => configure(parts, guildId, changes),
		todaysPaper: (guildId) => todaysPaper(parts, guildId),
		preview(guildId, kind) {
			const at = now();
			return kind === 'digest'
				? parts.content.digestMessages(guildId, at.toISOString(), at)
				: [parts.content.potdPreview(settingsFor(parts, guildId), at)];
		},
		previewFeed: (guildId) => previewFeed(parts, guildId),
		feedPaper: (id) => feed.feedPaper(id),
		status: (guildId) => status(parts, guildId),
		stop: async () => {
			await Promise.all([scheduler.stop(), feed.scheduler.stop()]);
		},
	};
}

/** The scheduler, the feed and the post content, with their posts going through `options.poster` or discord.js. */
function scheduleParts(options: ScheduleServiceOptions): ScheduleParts {
	const { state, library, client, env, log } = options;
	const now = options.now ?? (() => new Date());
	const poster = options.poster ?? createDiscordPoster(client, log);
	const content = createPostContent(state, library);
	const feed = createFeedService({ state, library, poster, client: options.feedClient, now, log });
	const scheduler = postScheduler(options, content, poster, now);
	return { state, library, client, env, log, now, content, scheduler, feed };
}

/** The paper-of-the-day and digest scheduler, posting through `poster`. */
function postScheduler(
	{ state, env, log }: ScheduleServiceOptions,
	content: PostContent,
	poster: DiscordPoster,
	now: () => Date,
): Scheduler {
	return createScheduler({
		state,
		now,
		catchUp: env.POTD_CATCH_UP,
		postEmptyDigest: env.DIGEST_EMPTY === 'note',
		log,
		async post(guild, kind, slot) {
			if (kind === 'potd') {
				const paper = content.potdPaper(guild.guild_id, slot);
				const thread = guild.potd_thread ? threadName(paper) : undefined;
				return { messageId: await poster.send(guild.guild_id, guild.potd_channel_id as string, [buildPotdMessage(paper, slot)], thread) };
			}
			return {
				messageId: await poster.send(
					guild.guild_id,
					guild.digest_channel_id as string,
					content.digestMessages(guild.guild_id, slot, new Date(slot)),
				),
			};
		},
		reconcile(guild, kind, slot) {
			const channelId = channelOf(guild, kind);
			return channelId ? poster.findPost(guild.guild_id, channelId, kind, slot) : Promise.resolve(null);
		},
	});
}

function settingsFor({ state, env }: ScheduleParts, guildId: string): GuildSettings {
	return getGuildSettings(state, guildId) ?? envSettings(env, guildId);
}

function configure(parts: ScheduleParts, guildId: string, changes: Partial<Omit<GuildSettings, 'guild_id'>>): GuildSettings {
	const { client } = parts;
	const next = checkGuildSettings({ ...settingsFor(parts, guildId), ...changes, guild_id: guildId });
	const problems = [
		changes.potd_channel_id ? channelProblem(client, guildId, changes.potd_channel_id, next.potd_thread) : null,
		changes.digest_channel_id ? channelProblem(client, guildId, changes.digest_channel_id, false) : null,
		changes.feed_channel_id ? channelProblem(client, guildId, changes.feed_channel_id, false) : null,
	].filter((problem): problem is string => problem !== null);
	if (problems.length > 0)
		throw new ScheduleSettingError(
			`${problems.join('\n')}; pick a text channel where paperbot may view, send, embed links and read history`,
		);
	const saved = saveGuildSettings(parts.state, next);
	parts.scheduler.update(saved);
	parts.feed.scheduler.update(saved);
	parts.log.info({ guild: guildId, settings: saved }, 'schedule: settings saved');
	return saved;
}

function todaysPaper(parts: ScheduleParts, guildId: string): Paper | null {
	const { timezone } = settingsFor(parts, guildId);
	try {
		return parts.content.potdPaper(guildId, localDate(parts.now(), timezone));
	} catch {
		return null;
	}
}

function previewFeed(parts: ScheduleParts, guildId: string): Promise<PostMessage[]> {
	const settings = settingsFor(parts, guildId);
	if (!settings.feed_channel_id)
		throw new ScheduleSettingError('the arXiv feed is off here; turn it on with `/paperbot feed on channel: categories:`');
	return parts.feed.preview(settings);
}

function status(parts: ScheduleParts, guildId: string): APIEmbed {
	const settings = settingsFor(parts, guildId);
	return buildStatusEmbed({
		settings,
		papers: paperCount(parts.library.current()),
		loadedAt: parts.library.loadedAt,
		next: nextPostTimes(settings, parts.now()),
		recentPosts: recentPosts(parts.state, guildId, 5),
		feed: parts.feed.statusLines(settings),
		problems: statusProblems(parts, settings),
	});
}

/** Why a guild's posts may not go out: failed posts, unusable channels, a failing feed, corpus trouble. */
function statusProblems({ client, scheduler, feed, library }: ScheduleParts, settings: GuildSettings): string[] {
	const guildId = settings.guild_id;
	const problems = scheduler
		.problems(guildId)
		.map(
			(problem) =>
				`${POST_NAMES[problem.kind]} ${problem.slot}: ${markdownSafe(plainLine(problem.error))} (${problem.attempts} attempt(s), last ${formatLocalTime(new Date(problem.claimedAt), settings.timezone)})`,
		);
	const channels = [
		['Paper of the day', settings.potd_channel_id, settings.potd_thread],
		['Digest', settings.digest_channel_id, false],
		['arXiv feed', settings.feed_channel_id, false],
	] as const;
	for (const [name, channelId, withThreads] of channels) {
		const problem = channelId ? channelProblem(client, guildId, channelId, withThreads) : null;
		if (problem) problems.push(`${name}: ${problem}`);
	}
	const feedProblem = feed.problem(settings);
	if (feedProblem) problems.push(markdownSafe(plainLine(feedProblem)));
	if (library.problem)
		problems.push(`Corpus reload failed; the previous corpus stays in service: ${markdownSafe(plainLine(library.problem))}`);
	if (library.warnings.length > 0)
		problems.push(`Corpus: ${library.warnings.length} record(s) skipped, e.g. ${markdownSafe(plainLine(library.warnings[0] as string))}`);
	return problems;
}
