import { countOf } from '../cards/counts.js';
import type { Announcement } from '../arxiv/announcements.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import type { Paper } from '../corpus/paper.js';
import { planFeedPost, type FeedPlan } from '../feed/plan.js';
import type { Logger } from '../log.js';
import { openSubscriptions, openTopics } from '../store/saved-searches.js';
import { openFeedFeedback, type NotForUsMarks } from '../store/feed-feedback.js';
import { getFeedLook, getFeedPaper, postedFeedPaperIds, postedFeedPapers, storeFeedPapers } from '../store/feed-log.js';
import { openPostLog } from '../store/post-log.js';
import { createFeedScheduler, type FeedScheduler } from '../schedule/feed-scheduler.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import type { Library } from '../search/library.js';
import { buildFeedMessages } from '../messages/feed-messages.js';
import type { PostMessage } from '../messages/post-messages.js';
import type { Poster } from './poster.js';
import { formatLocalTime } from '../messages/schedule-status.js';
import type { AuthorQueryOptions } from '../arxiv/author-query.js';
import { followerMentions } from '../feed/follow-match.js';
import { openFollows } from '../store/follows.js';
import { openChanges } from '../store/corpus-changes.js';
import { postFollowedPapers } from './followed-authors.js';
import { checkCorpusChanges, postCorpusChanges } from './corpus-changes.js';

/** The arXiv feed as the schedule service runs it: its scheduler, its stored papers, previews and status lines. */
export interface FeedService {
	readonly scheduler: FeedScheduler;
	/** A paper a feed post listed, as the feed described it; null when unknown. */
	feedPaper(id: string): Paper | null;
	/** Records that the guild's lab took up a feed paper (shared or discussed it): later feeds rank it as one of the lab's own. */
	takeUp(guildId: string, paper: Paper): void;
	/** Puts the member's Not for us mark on a feed paper, or takes it back; other members' marks stay. */
	markNotForUs(guildId: string, userId: string, paper: Paper): NotForUsMarks;
	/**
	 * The guild's feed post as it would be sent now, without using its slot (empty when nothing
	 * stands out); or, when the announcement the feed holds now was posted already, that post.
	 */
	preview(guild: GuildSettings): Promise<FeedPreview>;
	/** What `/paperbot status` shows of the guild's feed: where, the last look, the next look. */
	statusLines(guild: GuildSettings): string[];
	/** The guild's feed problem (the last look failed), or null. */
	problem(guild: GuildSettings): string | null;
}

export interface FeedServiceOptions {
	state: State;
	library: Pick<Library, 'current'>;
	poster: Poster;
	/** Reads arXiv's announcement feed (`ARXIV_FEED_URL`, through the polite queue). */
	client: FeedClient;
	now: () => Date;
	log: Logger;
	/** After each announcement's post, the followed authors' papers and the corpus's changes; off when absent. */
	followUp?: FollowUpSettings;
}

/** What the feed's follow-up asks arXiv's query API with, and where it keeps the corpus up to date. */
export interface FollowUpSettings {
	/** `ARXIV_API_URL` through the process's polite queue. */
	arxiv: AuthorQueryOptions;
	/** Where `changes.jsonl` is written. */
	corpusPath: string;
	/** Corpus papers checked against arXiv each day. */
	dailyChecks: number;
	/** Reads the corpus again after `changes.jsonl` changed. */
	reload: () => Promise<unknown>;
}

/** What `/paperbot post kind:feed` shows: the next post, or the post of the announcement arXiv still holds. */
export type FeedPreview =
	| { kind: 'preview'; messages: PostMessage[] }
	| {
			kind: 'posted';
			/** The announcement date. */
			date: string;
			channelId: string | null;
			/** Null when nothing in the announcement stood out, so nothing was posted. */
			messageId: string | null;
			sentAt: Date;
			/** The papers the post listed. */
			papers: Paper[];
			/** When the feed is looked at next; null before the first look. */
			nextLook: Date | null;
	  };

/** The announcement date as a feed post's slot; an empty feed plans for no date. */
const datedOrEmpty = (announcement: Announcement) => ({ ...announcement, date: announcement.date ?? '' });

/** Runs the arXiv feed over the schedule's state and poster. */
export function createFeedService({ state, library, poster, client, now, log, followUp }: FeedServiceOptions): FeedService {
	const feedback = openFeedFeedback(state);
	const posts = openPostLog(state);
	const follows = openFollows(state);
	const changes = openChanges(state);
	// The corpus's check is one for every guild: one at a time, so two guilds' looks never check it twice.
	let checking: Promise<unknown> = Promise.resolve();

	async function plan(guild: GuildSettings, announcement: Announcement): Promise<FeedPlan> {
		const planned = await planFeedPost(library.current(), datedOrEmpty(announcement), {
			cross: guild.feed_cross,
			max: guild.feed_max,
			alreadyPosted: (ids) => postedFeedPaperIds(state, guild.guild_id, ids),
			topics: openTopics(state).list(guild.guild_id),
			subscriptions: openSubscriptions(state).list(guild.guild_id),
			feedback: feedback.of(guild.guild_id),
		});
		// A listed paper by a followed author gains its followers' mention, as a subscriber's match does.
		const followed = followerMentions(
			planned.picks.map((pick) => pick.paper),
			follows.list(guild.guild_id),
		);
		for (const [id, users] of Object.entries(followed)) planned.mentions[id] = [...new Set([...(planned.mentions[id] ?? []), ...users])];
		return planned;
	}

	async function followUpAnnouncement(settings: FollowUpSettings, guild: GuildSettings, announcement: Announcement & { date: string }) {
		const context = { state, poster, now, log, posts };
		const failures: unknown[] = [];
		await postFollowedPapers(
			{ ...context, index: library.current(), arxiv: settings.arxiv },
			guild,
			follows.list(guild.guild_id),
			announcement,
		).catch((error: unknown) => failures.push(error));
		const check = checking.then(() =>
			checkCorpusChanges(
				{
					state,
					index: library.current(),
					arxiv: settings.arxiv,
					corpusPath: settings.corpusPath,
					dailyChecks: settings.dailyChecks,
					now,
					reload: settings.reload,
				},
				announcement.date,
				announcement,
			),
		);
		checking = check.catch(() => undefined);
		await check.catch((error: unknown) => failures.push(error));
		await postCorpusChanges(context, guild, announcement.date);
		if (failures.length > 0) throw failures[0];
	}

	const scheduler = createFeedScheduler({
		state,
		now,
		log,
		read: (guild) => client.read(guild.feed_categories),
		async send(guild, announcement) {
			const planned = await plan(guild, announcement);
			const listed = planned.picks.map((pick) => pick.paper);
			storeFeedPapers(state, listed, planned.date);
			const messages = buildFeedMessages(planned, guild.feed_categories);
			const messageId =
				messages.length > 0 ? (await poster.send(guild.guild_id, guild.feed_channel_id as string, messages)).messageId : null;
			return { messageId, newCount: planned.newCount, postedIds: listed.map((paper) => paper.id) };
		},
		reconcile: (guild, date) => poster.findPost(guild.guild_id, guild.feed_channel_id as string, 'feed', date),
		...(followUp && { followUp: (guild, announcement) => followUpAnnouncement(followUp, guild, announcement) }),
	});

	/** `/paperbot status`'s count of follows and changes. */
	function followUpLine(guildId: string): string {
		const list = follows.list(guildId);
		const authors = new Set(list.map((follow) => follow.folded)).size;
		const members = new Set(list.map((follow) => follow.user_id)).size;
		return `Followed: ${countOf(authors, 'author')} by ${countOf(members, 'member')} · Corpus changes: ${changes.count()} found, ${changes.postedCount(guildId)} posted here`;
	}

	return {
		scheduler,
		feedPaper: (id) => getFeedPaper(state, id),
		takeUp: (guildId, paper) => feedback.markOwn(guildId, paper, now()),
		markNotForUs: (guildId, userId, paper) => feedback.toggleDismissed(guildId, userId, paper, now()),
		async preview(guild) {
			const announcement = await client.read(guild.feed_categories);
			const sent = announcement.date ? posts.get(guild.guild_id, 'feed', announcement.date) : null;
			if (announcement.date && sent?.status === 'sent') {
				const nextLook = getFeedLook(state, guild.guild_id)?.next_look;
				return {
					kind: 'posted',
					date: announcement.date,
					channelId: sent.channel_id,
					messageId: sent.message_id,
					sentAt: new Date(sent.sent_at ?? sent.claimed_at),
					papers: postedFeedPapers(state, guild.guild_id, announcement.date),
					nextLook: nextLook ? new Date(nextLook) : null,
				};
			}
			const planned = await plan(guild, announcement);
			storeFeedPapers(
				state,
				planned.picks.map((pick) => pick.paper),
				planned.date || 'preview',
			);
			return { kind: 'preview', messages: buildFeedMessages(planned, guild.feed_categories) };
		},
		statusLines(guild) {
			if (!guild.feed_channel_id) return ['off', followUpLine(guild.guild_id)];
			const where = `<#${guild.feed_channel_id}>: ${guild.feed_categories.join(' ')} at ${guild.feed_time}, up to ${guild.feed_max}${guild.feed_cross ? ', with cross-lists' : ''}`;
			const look = getFeedLook(state, guild.guild_id);
			if (!look) return [where, 'Not looked at yet.'];
			const last = look.announced
				? `Last feed: ${look.announced}, ${look.new_count} new, ${look.posted_count} posted${look.posted_count < Math.min(guild.feed_max, look.new_count) ? ' (the rest did not stand out from the day’s papers as close to the corpus)' : ''}`
				: 'Last look: the feed was empty or unreadable';
			const next = look.next_look
				? `Next look: ${formatLocalTime(new Date(look.next_look), guild.timezone)}`
				: 'Next look: at the feed time';
			const { own, dismissed } = feedback.of(guild.guild_id);
			const taught = `Taught: ${own.length} taken up from feed posts (ranked as the lab's own), ${dismissed.length} marked Not for us`;
			return [
				where,
				`${last} (looked ${formatLocalTime(new Date(look.looked_at), guild.timezone)})`,
				next,
				taught,
				followUpLine(guild.guild_id),
			];
		},
		problem(guild) {
			const look = guild.feed_channel_id ? getFeedLook(state, guild.guild_id) : null;
			return look?.last_error ? `arXiv feed: ${countOf(look.failures, 'failed look')} in a row, last: ${look.last_error}` : null;
		},
	};
}
