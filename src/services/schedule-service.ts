import type { APIEmbed } from 'discord-api-types/v10';
import { threadName } from '../cards/index.js';
import type { Library } from '../search/library.js';
import type { Logger } from '../log.js';
import { type Paper, paperLabel } from '../corpus/paper.js';
import type { Poster } from './poster.js';
import { openPostLog, type PostKind, type PostLog } from '../store/post-log.js';
import { buildPotdMessage, type PostMessage } from '../messages/post-messages.js';
import { createScheduler, type Scheduler } from '../schedule/scheduler.js';
import { checkGuildSettings, listGuildSettings, saveGuildSettings, type GuildSettings } from '../store/settings.js';
import { openSubscriptions, openTopics, type SubscriptionStore, type TopicStore } from '../store/saved-searches.js';
import type { State } from '../store/state.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { createFeedService, type FeedPreview, type FeedService, type FollowUpSettings } from './feed-service.js';
import { openFollows, type FollowStore } from '../store/follows.js';
import { createPostContent, type PostContent } from './post-content.js';
import { channelOf } from '../schedule/slots.js';
import { localDate } from '../schedule/time.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { createReadingScheduler, type ClosedPoll, type ReadingScheduler } from '../schedule/reading-scheduler.js';
import { openReadingList, type ReadingPoll } from '../store/reading-list.js';
import { buildNoVotesMessage, buildPickMessage, buildPollMessage } from '../messages/reading-messages.js';
import { getPaper } from '../search/paper-index.js';
import { openReadingDesk, withPapers, type PollPreview } from './reading-desk.js';
import type { ZoteroService } from './zotero-service.js';
import type { NotForUsMarks } from '../store/feed-feedback.js';
import { CHANNEL_USE_NAMES, type ChannelUse } from '../messages/channel-permissions.js';
import type { OpenAlexCitations } from '../library/openalex-citations.js';
import { createCitationService, type CitationService } from './citation-service.js';
import type { LabDesk } from './lab-desk.js';

import { CHANNEL_COLUMNS, CHANNEL_USES, channelCheck, guildStatus, settingsFor } from './guild-status.js';
/** What the schedule commands use: settings, today's paper, previews and status, over the running scheduler. */
export interface ScheduleService {
	/** Members' saved searches. */
	readonly subscriptions: SubscriptionStore;
	/** The guilds' digest topics. */
	readonly topics: TopicStore;
	/** Members' followed authors. */
	readonly follows: FollowStore;
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
	/**
	 * What works less well in the channel of a use for lack of a permission, with the fix, as a
	 * sentence for the admin who set it; null when nothing is missing or the use is off.
	 */
	channelWarning(guildId: string, use: ChannelUse): string | null;
	/** Today's paper of the day in the guild (its local date): the one that is or will be posted today. */
	todaysPaper(guildId: string): Paper | null;
	/** The guild's next post of `kind` as it would be sent now, without using its slot. */
	preview(guildId: string, kind: Exclude<PostKind, 'feed'>): PostMessage[];
	/** The guild's arXiv feed post as it would be sent now (reading the feed), without using its slot, or the post already made of what the feed holds. */
	previewFeed(guildId: string): Promise<FeedPreview>;
	/** A paper an arXiv feed post listed, as the feed described it; null when unknown. */
	feedPaper(id: string): Paper | null;
	/** Teaches the guild's arXiv feed that the lab took up a feed paper (see FeedService.takeUp). */
	teachFeed(guildId: string, paper: Paper): void;
	/** Puts a member's Not for us mark on a feed paper or takes it back (see FeedService.markNotForUs). */
	markNotForUs(guildId: string, userId: string, paper: Paper): NotForUsMarks;
	/** The guild's next reading poll as it would be sent, without using its slot. */
	previewPoll(guildId: string): PollPreview;
	/**
	 * Ends the guild's open reading poll now through Discord and posts its result once the count is
	 * final; null when no poll is open. `posted` is false while Discord is still counting.
	 */
	closePoll(guildId: string): Promise<ClosedPoll | null>;
	/** The guild's reading poll that is in Discord and whose pick is not posted yet, or null. */
	openPoll(guildId: string): ReadingPoll | null;
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
	/** The Zotero sync, when a library is synced: status shows it. */
	zotero?: Pick<ZoteroService, 'statusLines' | 'problem'>;
	/** The followed authors' papers and the corpus's changes after each feed post; off when absent. */
	followUp?: FollowUpSettings;
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
	zotero?: Pick<ZoteroService, 'statusLines' | 'problem'>;
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
		follows: openFollows(state),
		lab: options.lab,
		now,
		settingsFor: (guildId) => settingsFor(parts, guildId),
		configure: (guildId, changes) => configure(parts, guildId, changes),
		channelWarning(guildId, use) {
			const check = channelCheck(parts, settingsFor(parts, guildId), use);
			return check && !check.refused ? `Warning: ${check.text}` : null;
		},
		todaysPaper: (guildId) => todaysPaper(parts, guildId),
		preview(guildId, kind) {
			const at = now();
			return kind === 'digest'
				? parts.content.digestMessages(guildId, at.toISOString(), at)
				: [parts.content.potdPreview(settingsFor(parts, guildId), at)];
		},
		previewFeed: (guildId) => previewFeed(parts, guildId),
		feedPaper: (id) => feed.feedPaper(id),
		teachFeed: (guildId, paper) => feed.takeUp(guildId, paper),
		markNotForUs: (guildId, userId, paper) => feed.markNotForUs(guildId, userId, paper),
		previewPoll: (guildId) =>
			openReadingDesk({ state, library: parts.library, settingsFor: (id) => settingsFor(parts, id), now }).preview(
				settingsFor(parts, guildId),
			),
		closePoll: (guildId) => reading.close(guildId),
		openPoll: (guildId) => openReadingList(state).openPolls(guildId).at(-1) ?? null,
		status: (guildId) => guildStatus(parts, guildId),
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
	const feed = createFeedService({
		state,
		library,
		poster,
		client: options.feedClient,
		now,
		log,
		...(options.followUp && { followUp: options.followUp }),
	});
	const scheduler = postScheduler(options, content, poster, now);
	const reading = readingScheduler(options, now);
	const zotero = options.zotero;
	return {
		state,
		posts: openPostLog(state),
		library,
		poster,
		defaults,
		log,
		now,
		content,
		scheduler,
		feed,
		reading,
		...(zotero && { zotero }),
		citations: createCitationService({ state, desk: options.lab, client: options.openAlex, poster, now, log }),
	};
}

/** The reading group's polls and picks, posted through `poster`. */
function readingScheduler({ state, library, poster, log }: ScheduleServiceOptions, now: () => Date): ReadingScheduler {
	const list = openReadingList(state);
	return createReadingScheduler({
		state,
		now,
		log,
		sendPoll: (guild, slot, proposals, endsAt, notOffered) =>
			poster.sendPoll(
				guild.guild_id,
				guild.reading_channel_id as string,
				buildPollMessage(withPapers(library, proposals), slot, guild.reading_hours, guild.timezone, endsAt, notOffered),
			),
		findPost: (guild, channelId, kind, slot) => poster.findPost(guild.guild_id, channelId, kind, slot),
		readResults: (poll) => poster.pollResults(poll.guildId, poll.channelId, poll.messageId as string),
		endPoll: (poll) => poster.endPoll(poll.guildId, poll.channelId, poll.messageId as string),
		sendResult(guild, poll, outcome) {
			if (outcome.winner === null) return poster.send(guild.guild_id, poll.channelId, [buildNoVotesMessage(poll.slot)]);
			const polled = (paperId: string) => ({
				paperId,
				paper: getPaper(library.current(), paperId),
				proposal: list.get(guild.guild_id, paperId),
			});
			const winner = polled(outcome.winner);
			const message = buildPickMessage(winner, outcome.tiedWith.map(polled), outcome, poll.slot);
			const thread = winner.paper ? threadName(winner.paper) : paperLabel(outcome.winner);
			return poster.send(guild.guild_id, poll.channelId, [message], thread);
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

function configure(parts: ScheduleParts, guildId: string, changes: Partial<Omit<GuildSettings, 'guild_id'>>): GuildSettings {
	const next = checkGuildSettings({ ...settingsFor(parts, guildId), ...changes, guild_id: guildId });
	// Only a channel being set is refused; one saved before stays, and status names what it lacks.
	const refusals = CHANNEL_USES.filter((use) => changes[CHANNEL_COLUMNS[use]]).flatMap((use) => {
		const check = channelCheck(parts, next, use);
		return check?.refused ? [`${CHANNEL_USE_NAMES[use]}: ${check.text}`] : [];
	});
	if (refusals.length > 0) throw new ScheduleSettingError(refusals.join('\n'));
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

function previewFeed(parts: ScheduleParts, guildId: string): Promise<FeedPreview> {
	const settings = settingsFor(parts, guildId);
	if (!settings.feed_channel_id)
		throw new ScheduleSettingError('the arXiv feed is off here; turn it on with `/paperbot feed on channel: categories:`');
	return parts.feed.preview(settings);
}
