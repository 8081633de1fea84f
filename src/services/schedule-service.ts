import type { APIEmbed } from 'discord-api-types/v10';
import { threadName } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import type { Library } from '../search/library.js';
import type { Logger } from '../log.js';
import { type Paper, paperLabel } from '../corpus/paper.js';
import { paperCount } from '../search/paper-index.js';
import type { Poster } from './poster.js';
import { openPostLog, POST_NAMES, type PostKind, type PostLog } from '../store/post-log.js';
import { buildPotdMessage, type PostMessage } from '../messages/post-messages.js';
import { createScheduler, nextPostTimes, type Scheduler } from '../schedule/scheduler.js';
import { checkGuildSettings, getGuildSettings, listGuildSettings, saveGuildSettings, type GuildSettings } from '../store/settings.js';
import { openSubscriptions, openTopics, type SubscriptionStore, type TopicStore } from '../store/saved-searches.js';
import type { State } from '../store/state.js';
import { buildStatusEmbed, formatLocalTime } from '../messages/schedule-status.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { createFeedService, type FeedService } from './feed-service.js';
import { createPostContent, type PostContent } from './post-content.js';
import { channelOf } from '../schedule/slots.js';
import { localDate } from '../schedule/time.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { createReadingScheduler, nextPollTime, type ReadingScheduler } from '../schedule/reading-scheduler.js';
import { openReadingList, type ReadingPoll } from '../store/reading-list.js';
import { buildNoVotesMessage, buildPickMessage, buildPollMessage, readingStatusLines } from '../messages/reading-messages.js';
import { getPaper } from '../search/paper-index.js';
import { openReadingDesk, withPapers, type PollPreview } from './reading-desk.js';
import type { OpenAlexCitations } from '../library/openalex-citations.js';
import { createCitationService, type CitationService } from './citation-service.js';
import type { LabDesk } from './lab-desk.js';

/** What the schedule commands use: settings, today's paper, previews and status, over the running scheduler. */
export interface ScheduleService {
	/** Members' saved searches. */
	readonly subscriptions: SubscriptionStore;
	/** The guilds' digest topics. */
	readonly topics: TopicStore;
	/** The lab's own papers. */
	readonly lab: LabDesk;
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
	/** Teaches the guild's arXiv feed (see FeedService.teach). */
	teachFeed(guildId: string, paper: Paper, lesson: 'own' | 'dismissed'): boolean;
	/** The guild's next reading poll as it would be sent, without using its slot. */
	previewPoll(guildId: string): PollPreview;
	/**
	 * Ends the guild's open reading poll now through Discord and posts its result once the count is
	 * final; null when no poll is open. `posted` is false while Discord is still counting.
	 */
	closePoll(guildId: string): Promise<{ poll: ReadingPoll; posted: boolean } | null>;
	/** `/paperbot status` for a guild. */
	status(guildId: string): APIEmbed;
	/** Stops the timers and waits for posts in progress. */
	stop(): Promise<void>;
}

/** What the schedule is before a guild saves settings of its own. */
export interface ScheduleDefaults {
	/** A guild's settings before it saves any: the configured channels for `configuredGuildId`, none elsewhere. */
	settingsFor(guildId: string): GuildSettings;
	/** The guild whose channels the configuration names (DISCORD_GUILD_ID); its posts start without a command. */
	configuredGuildId?: string;
	/** After downtime over today's posting time, post today's paper once on start. */
	catchUp: boolean;
	/** Post a digest even when nothing is new. */
	postEmptyDigest: boolean;
}

export interface ScheduleServiceOptions {
	state: State;
	library: Library;
	/** Sends the posts: discord.js in the bot. */
	poster: Poster;
	defaults: ScheduleDefaults;
	log: Logger;
	now?: () => Date;
	/** Reads arXiv's announcement feed (`ARXIV_FEED_URL`, through the process's arXiv queue). */
	feedClient: FeedClient;
	/** The lab's own papers, whose citations the alerts post. */
	lab: LabDesk;
	/** Asks OpenAlex for the works citing them (`OPENALEX_API_URL`). */
	openAlex: OpenAlexCitations;
}

/** Every guild with saved settings, and the configured guild when its default settings post something. */
function startingGuilds(state: State, defaults: ScheduleDefaults): GuildSettings[] {
	const guilds = listGuildSettings(state);
	const { configuredGuildId } = defaults;
	if (configuredGuildId && !guilds.some((guild) => guild.guild_id === configuredGuildId)) {
		const configured = defaults.settingsFor(configuredGuildId);
		const posts = [configured.potd_channel_id, configured.digest_channel_id, configured.feed_channel_id, configured.reading_channel_id];
		if ([...posts, configured.citations_channel_id].some(Boolean)) guilds.push(configured);
	}
	return guilds;
}

/** The running schedule's parts, which every answer of the service reads. */
interface ScheduleParts {
	state: State;
	posts: PostLog;
	library: Library;
	poster: Poster;
	defaults: ScheduleDefaults;
	log: Logger;
	now: () => Date;
	content: PostContent;
	scheduler: Scheduler;
	feed: FeedService;
	reading: ReadingScheduler;
	citations: CitationService;
}

/**
 * Opens the schedule over a connected client: builds the scheduler whose posts go through
 * discord.js, and starts it for the environment's guild and every guild with saved settings.
 */
export async function startScheduleService(options: ScheduleServiceOptions): Promise<ScheduleService> {
	const parts = scheduleParts(options);
	const { state, log, now, scheduler, feed, reading, citations } = parts;
	const guilds = startingGuilds(state, options.defaults);
	await scheduler.start(guilds);
	await feed.scheduler.start(guilds);
	await reading.start(guilds);
	await citations.scheduler.start(guilds);
	log.info({ guilds: guilds.length }, 'schedule: started');
	return {
		subscriptions: openSubscriptions(state),
		topics: openTopics(state),
		lab: options.lab,
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
		teachFeed: (guildId, paper, lesson) => feed.teach(guildId, paper, lesson),
		previewPoll: (guildId) => openReadingDesk({ state, library: parts.library, now }).preview(settingsFor(parts, guildId)),
		closePoll: (guildId) => reading.close(guildId),
		status: (guildId) => status(parts, guildId),
		stop: async () => {
			await Promise.all([scheduler.stop(), feed.scheduler.stop(), reading.stop(), citations.scheduler.stop()]);
		},
	};
}

/** The scheduler, the feed and the post content, with their posts going through `options.poster` or discord.js. */
function scheduleParts(options: ScheduleServiceOptions): ScheduleParts {
	const { state, library, poster, defaults, log } = options;
	const now = options.now ?? (() => new Date());
	const content = createPostContent(state, library);
	const feed = createFeedService({ state, library, poster, client: options.feedClient, now, log });
	const scheduler = postScheduler(options, content, poster, now);
	const reading = readingScheduler(options, now);
	const citations = createCitationService({ state, desk: options.lab, client: options.openAlex, poster, now, log });
	return { state, posts: openPostLog(state), library, poster, defaults, log, now, content, scheduler, feed, reading, citations };
}

/** The reading group's polls and picks, posted through `poster`. */
function readingScheduler({ state, library, poster, log }: ScheduleServiceOptions, now: () => Date): ReadingScheduler {
	const list = openReadingList(state);
	return createReadingScheduler({
		state,
		now,
		log,
		sendPoll: (guild, slot, proposals, endsAt) =>
			poster.sendPoll(
				guild.guild_id,
				guild.reading_channel_id as string,
				buildPollMessage(withPapers(library, proposals), slot, guild.reading_hours, guild.timezone, endsAt),
			),
		findPost: (guild, channelId, kind, slot) => poster.findPost(guild.guild_id, channelId, kind, slot),
		readResults: (poll) => poster.pollResults(poll.guildId, poll.channelId, poll.messageId as string),
		endPoll: (poll) => poster.endPoll(poll.guildId, poll.channelId, poll.messageId as string),
		sendResult(guild, poll, outcome) {
			if (outcome.winner === null) return poster.send(guild.guild_id, poll.channelId, [buildNoVotesMessage(poll.slot)]);
			const paper = getPaper(library.current(), outcome.winner);
			const message = buildPickMessage(outcome.winner, paper, list.get(guild.guild_id, outcome.winner), outcome, poll.slot);
			return poster.send(guild.guild_id, poll.channelId, [message], paper ? threadName(paper) : paperLabel(outcome.winner));
		},
	});
}

/** The paper-of-the-day and digest scheduler, posting through `poster`. */
function postScheduler({ state, defaults, log }: ScheduleServiceOptions, content: PostContent, poster: Poster, now: () => Date): Scheduler {
	return createScheduler({
		state,
		now,
		catchUp: defaults.catchUp,
		postEmptyDigest: defaults.postEmptyDigest,
		log,
		async post(guild, kind, slot) {
			if (kind === 'potd') {
				const paper = content.potdPaper(guild.guild_id, slot);
				const thread = guild.potd_thread ? threadName(paper) : undefined;
				return poster.send(guild.guild_id, guild.potd_channel_id as string, [buildPotdMessage(paper, slot)], thread);
			}
			return poster.send(guild.guild_id, guild.digest_channel_id as string, content.digestMessages(guild.guild_id, slot, new Date(slot)));
		},
		reconcile(guild, kind, slot) {
			const channelId = channelOf(guild, kind);
			return channelId ? poster.findPost(guild.guild_id, channelId, kind, slot) : Promise.resolve(null);
		},
	});
}

function settingsFor({ state, defaults }: ScheduleParts, guildId: string): GuildSettings {
	return getGuildSettings(state, guildId) ?? defaults.settingsFor(guildId);
}

function configure(parts: ScheduleParts, guildId: string, changes: Partial<Omit<GuildSettings, 'guild_id'>>): GuildSettings {
	const { poster } = parts;
	const next = checkGuildSettings({ ...settingsFor(parts, guildId), ...changes, guild_id: guildId });
	const problems = [
		changes.potd_channel_id ? poster.channelProblem(guildId, changes.potd_channel_id, next.potd_thread) : null,
		changes.digest_channel_id ? poster.channelProblem(guildId, changes.digest_channel_id, false) : null,
		changes.feed_channel_id ? poster.channelProblem(guildId, changes.feed_channel_id, false) : null,
		changes.reading_channel_id ? poster.pollChannelProblem(guildId, changes.reading_channel_id) : null,
		changes.citations_channel_id ? poster.channelProblem(guildId, changes.citations_channel_id, false) : null,
	].filter((problem): problem is string => problem !== null);
	if (problems.length > 0)
		throw new ScheduleSettingError(
			`${problems.join('\n')}; pick a text channel where paperbot may view, send, embed links and read history`,
		);
	const saved = saveGuildSettings(parts.state, next);
	parts.scheduler.update(saved);
	parts.feed.scheduler.update(saved);
	parts.reading.update(saved);
	parts.citations.scheduler.update(saved);
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
		recentPosts: parts.posts.recent(guildId, 5),
		feed: parts.feed.statusLines(settings),
		reading: readingStatusLines({
			settings,
			proposals: openReadingList(parts.state).list(guildId).length,
			openPoll: openReadingList(parts.state).openPolls(guildId).at(-1) ?? null,
			nextPoll: nextPollTime(settings, parts.now()),
		}),
		citations: parts.citations.statusLines(settings),
		problems: statusProblems(parts, settings),
	});
}

/** A channel mention as markdownSafe defuses it: channel mentions ping no one, and let an admin click through to the channel. */
const DEFUSED_CHANNEL = /\\<\u200B#(\d+)\\>/g;

/** Why a guild's posts may not go out: failed posts, unusable channels, a failing feed, corpus trouble. */
function statusProblems(parts: ScheduleParts, settings: GuildSettings): string[] {
	const { poster, scheduler, feed, library } = parts;
	const guildId = settings.guild_id;
	const problems = scheduler
		.problems(guildId)
		.map(
			(problem) =>
				`${POST_NAMES[problem.kind]} ${problem.slot}: ${markdownSafe(plainLine(problem.error)).replace(DEFUSED_CHANNEL, '<#$1>')} (${problem.attempts} attempt(s), last ${formatLocalTime(new Date(problem.claimedAt), settings.timezone)})`,
		);
	for (const post of parts.posts.recent(guildId, 5)) {
		if (post.status === 'sent' && post.last_error) problems.push(`${POST_NAMES[post.kind]} ${post.slot}: ${plainLine(post.last_error)}`);
	}
	const channels = [
		['Paper of the day', settings.potd_channel_id, settings.potd_thread],
		['Digest', settings.digest_channel_id, false],
		['arXiv feed', settings.feed_channel_id, false],
		['Citation alerts', settings.citations_channel_id, false],
	] as const;
	for (const [name, channelId, withThreads] of channels) {
		const problem = channelId ? poster.channelProblem(guildId, channelId, withThreads) : null;
		if (problem) problems.push(`${name}: ${problem}`);
	}
	const readingProblem = settings.reading_channel_id ? poster.pollChannelProblem(guildId, settings.reading_channel_id) : null;
	if (readingProblem) problems.push(`Reading group: ${readingProblem}`);
	for (const problem of [feed.problem(settings), parts.citations.problem(settings)])
		if (problem) problems.push(markdownSafe(plainLine(problem)).replace(DEFUSED_CHANNEL, '<#$1>'));
	if (library.problem)
		problems.push(`Corpus reload failed; the previous corpus stays in service: ${markdownSafe(plainLine(library.problem))}`);
	if (library.warnings.length > 0)
		problems.push(`Corpus: ${library.warnings.length} record(s) skipped, e.g. ${markdownSafe(plainLine(library.warnings[0] as string))}`);
	return problems;
}
