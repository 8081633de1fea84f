import type { FeedPreview } from '../services/feed-service.js';
import { abstractUrl } from '../corpus/paper.js';
import { displayTitle, truncateAtWord } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { localDate } from '../schedule/time.js';
import { nextPostTimes } from '../schedule/scheduler.js';
import { parseCategories, type GuildSettings } from '../store/settings.js';
import { ArxivError } from '../arxiv/error.js';
import { nextPotdTime } from '../schedule/time.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import type { Asker } from '../interaction/command.js';
import { privateReply, privateText, UserError, type Reply } from '../interaction/reply.js';
import type { ScheduleService } from '../services/schedule-service.js';
import { warningLine } from '../messages/channel-permissions.js';
import { formatLocalTime, messageLink } from '../messages/schedule-status.js';
import { bulletList } from '../messages/bullet-list.js';
import { SavedSearchLimitError } from '../store/saved-searches.js';
import { unmatchedWords, type UnmatchedWord } from '../search/match.js';
import type { PaperIndex } from '../search/paper-index.js';

/** The schedule and the asker's guild, or a UserError saying these commands work only in a Discord server. */
export function requireGuildSchedule(schedule: ScheduleService | undefined, asker: Asker): { schedule: ScheduleService; guildId: string } {
	if (!schedule || !asker.guildId) throw new UserError('This works only in a Discord server where paperbot is running.');
	return { schedule, guildId: asker.guildId };
}

/** A saved query as it is stored, in a code span (a backtick would end the span early). */
const quotedQuery = (query: string) => `\`${query.trim().replace(/\s+/g, ' ').replace(/`/g, "'")}\``;

/** Runs `answer`, turning a refused setting into the user's mistake, with `suffix` (e.g. "Nothing was saved."). */
function refusingBadSettings(answer: () => Reply, suffix = ''): Reply {
	try {
		return answer();
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(suffix ? `${error.message}\n${suffix}` : error.message);
		throw error;
	}
}

/** Runs a saved search's `add`, turning the cap into the user's mistake, worded by `refusal`. */
function atTheCap(add: () => boolean, refusal: (limit: number) => string): boolean {
	try {
		return add();
	} catch (error) {
		if (error instanceof SavedSearchLimitError) throw new UserError(refusal(error.limit));
		throw error;
	}
}

/** What `/paper subscribe|unsubscribe|subscriptions` asks. */
export type SubscriptionRequest =
	/** `index`, the corpus, lets the answer say when the query matches nothing in it. */
	{ action: 'subscribe'; query: string; index?: PaperIndex } | { action: 'unsubscribe'; query: string | undefined } | { action: 'list' };

/** What the answer to a subscription adds for a word no paper has: it matches nothing now, and the spelling search would read. */
function spellingHint({ word, nearest }: UnmatchedWord): string {
	const none = `\nNo paper in the corpus has the word ${quotedQuery(word)}, so this matches nothing now; a saved search takes its words as written`;
	return nearest
		? `${none}. Did you mean ${quotedQuery(nearest)}? \`/paper subscribe query:${nearest}\` adds that spelling too.`
		: `${none}: check its spelling.`;
}

/** Answers a subscription request for the asker, privately. */
export function subscriptionReply(service: ScheduleService | undefined, asker: Asker, request: SubscriptionRequest): Reply {
	const { schedule, guildId } = requireGuildSchedule(service, asker);
	return refusingBadSettings(() => {
		switch (request.action) {
			case 'subscribe': {
				const added = atTheCap(
					() => schedule.subscriptions.add(guildId, asker.user.id, request.query),
					(limit) =>
						`You already have ${limit} subscriptions here, the most paperbot keeps for one member. Remove one first with \`/paper unsubscribe query:<words>\` (\`/paper subscriptions\` lists them); ${quotedQuery(request.query)} was not saved.`,
				);
				const shown = quotedQuery(request.query);
				if (!added) return privateText(`You are already subscribed to ${shown}.`);
				const unmatched = request.index ? unmatchedWords(request.index, request.query) : [];
				return privateText(
					`Subscribed to ${shown}: the digest will mention you beside new papers that match every word of it.${unmatched.map(spellingHint).join('')}`,
				);
			}
			case 'unsubscribe': {
				const { query } = request;
				const removed = schedule.subscriptions.remove(guildId, asker.user.id, query);
				if (removed === 0)
					throw new UserError(
						query === undefined
							? 'You have no subscriptions here.'
							: `You have no subscription ${quotedQuery(query)}; see /paper subscriptions.`,
					);
				return privateText(
					query === undefined ? `Removed all ${removed} of your subscriptions.` : `Unsubscribed from ${quotedQuery(query)}.`,
				);
			}
			case 'list': {
				const mine = schedule.subscriptions.list(guildId, asker.user.id);
				if (mine.length === 0) return privateText('You have no subscriptions here. Add one with `/paper subscribe query:<words>`.');
				return privateText(
					bulletList(
						'Your subscriptions:',
						mine.map((subscription) => subscription.query),
						quotedQuery,
					),
				);
			}
		}
	});
}

/** What `/paperbot topic add|remove|list` asks. */
export type TopicRequest = { action: 'add' | 'remove'; query: string } | { action: 'list' };

/** Answers a digest-topic request for the asker's guild, privately. */
export function topicReply(schedule: ScheduleService, guildId: string, request: TopicRequest): Reply {
	return refusingBadSettings(() => {
		if (request.action === 'list') {
			const topics = schedule.topics.list(guildId);
			return privateText(
				topics.length
					? bulletList('Digest topics:', topics, quotedQuery)
					: 'No digest topics yet; add one with `/paperbot topic add query:<words>`.',
			);
		}
		const shown = quotedQuery(request.query);
		if (request.action === 'add') {
			const added = atTheCap(
				() => schedule.topics.add(guildId, request.query),
				(limit) =>
					`This server already has ${limit} digest topics, the most paperbot keeps. Remove one first with \`/paperbot topic remove query:<words>\` (\`/paperbot topic list\` lists them).`,
			);
			return privateText(added ? `Topic ${shown} saved.` : `Topic ${shown} was already saved.`);
		}
		if (schedule.topics.remove(guildId, request.query)) return privateText(`Topic ${shown} removed.`);
		throw new UserError(`There is no topic ${shown}; see \`/paperbot topic list\`.`);
	}, 'Nothing was saved.');
}

function nextLine(settings: GuildSettings, at: Date, kind: 'potd' | 'digest'): string {
	const next = nextPostTimes(settings, at)[kind];
	return next ? `Next: ${formatLocalTime(next, settings.timezone)}.` : 'It never fires again.';
}

/** The paper-of-the-day settings `/paperbot potd` saves; `thread` absent keeps the current choice. */
export interface PotdRequest {
	channelId: string;
	time: string;
	timezone: string;
	thread: boolean | undefined;
}

/** Saves a guild's paper-of-the-day settings and says when the next post is. */
export function configurePotdReply(schedule: ScheduleService, guildId: string, request: PotdRequest): Reply {
	return refusingBadSettings(() => {
		const thread = request.thread ?? schedule.settingsFor(guildId).potd_thread;
		const saved = schedule.configure(guildId, {
			potd_channel_id: request.channelId,
			potd_time: request.time,
			timezone: request.timezone,
			potd_thread: thread,
		});
		return privateText(
			`Paper of the day: <#${saved.potd_channel_id}> at ${saved.potd_time} ${saved.timezone}${saved.potd_thread ? ', with a discussion thread' : ''}. ${nextLine(saved, schedule.now(), 'potd')}${warningLine(schedule.channelWarning(guildId, 'potd'))}`,
		);
	}, 'Nothing was saved.');
}

/** Saves a guild's digest channel and cron schedule and says when the next digest is. */
export function configureDigestReply(schedule: ScheduleService, guildId: string, request: { channelId: string; cron: string }): Reply {
	return refusingBadSettings(() => {
		const saved = schedule.configure(guildId, { digest_channel_id: request.channelId, digest_cron: request.cron });
		return privateText(
			`Digests: <#${saved.digest_channel_id}> on \`${saved.digest_cron}\` (${saved.timezone}). ${nextLine(saved, schedule.now(), 'digest')}${warningLine(schedule.channelWarning(guildId, 'digest'))}`,
		);
	}, 'Nothing was saved.');
}

/** The next post of `kind` privately, without using its slot. */
export function previewReply(schedule: ScheduleService, guildId: string, kind: 'potd' | 'digest'): Reply {
	const [first, ...rest] = schedule.preview(guildId, kind);
	if (!first) throw new UserError('There is nothing to preview.');
	const note = `Preview only: not posted, and the slot stays free.${rest.length ? ` Part 1 of ${rest.length + 1}.` : ''}`;
	return privateReply({ content: first.content ? `${note}\n${first.content}` : note, embeds: first.embeds, components: first.components });
}

/** The feed settings `/paperbot feed on` saves; absent options keep the current (or default) choice. */
export interface FeedRequest {
	channelId: string;
	categories: string;
	time: string | undefined;
	max: number | undefined;
	cross: boolean | undefined;
}

/** Saves a guild's arXiv feed settings and says what it will post and when. */
export function configureFeedReply(schedule: ScheduleService, guildId: string, request: FeedRequest): Reply {
	return refusingBadSettings(() => {
		const current = schedule.settingsFor(guildId);
		const saved = schedule.configure(guildId, {
			feed_channel_id: request.channelId,
			feed_categories: parseCategories(request.categories),
			feed_time: request.time ?? current.feed_time,
			feed_max: request.max ?? current.feed_max,
			feed_cross: request.cross ?? current.feed_cross,
		});
		const next = nextPotdTime(saved.feed_time, saved.timezone, schedule.now());
		return privateText(
			`arXiv feed: <#${saved.feed_channel_id}>, ${saved.feed_categories.join(' ')}${saved.feed_cross ? ' with cross-lists' : ''}, up to ${saved.feed_max} papers, first look at ${saved.feed_time} ${saved.timezone}. Next feed time: ${formatLocalTime(next, saved.timezone)}.${warningLine(schedule.channelWarning(guildId, 'feed'))}`,
		);
	}, 'Nothing was saved.');
}

/** Turns a guild's arXiv feed off. */
export function feedOffReply(schedule: ScheduleService, guildId: string): Reply {
	return refusingBadSettings(() => {
		schedule.configure(guildId, { feed_channel_id: null });
		return privateText('arXiv feed: off.');
	});
}

/** The guild's feed post as it would be sent now, privately, without using its slot. */
export async function previewFeedReply(schedule: ScheduleService, guildId: string): Promise<Reply> {
	let preview: FeedPreview;
	try {
		preview = await schedule.previewFeed(guildId);
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(error.message.charAt(0).toUpperCase() + error.message.slice(1));
		if (error instanceof ArxivError) throw new UserError(`The arXiv feed could not be read: ${error.message}`);
		throw error;
	}
	if (preview.kind === 'posted') return privateText(postedFeedText(preview, schedule.settingsFor(guildId), schedule.now()));
	const [first, ...rest] = preview.messages;
	if (!first)
		return privateText(
			'Preview only: nothing in the arXiv feed now would be posted (none of its new papers stands out from the day’s papers as close to the corpus, or they were posted already).',
		);
	const note = `Preview only: not posted, and the slot stays free.${rest.length ? ` Part 1 of ${rest.length + 1}.` : ''}`;
	return privateReply({ content: note, embeds: first.embeds, components: first.components });
}

/** Papers of a posted feed listed by name, and the longest title shown, so the list fits one message. */
const POSTED_PAPERS_LISTED = 10;
const POSTED_TITLE_MAX = 120;

/**
 * The feed post already made of the announcement arXiv holds now: today's (or that day's), its
 * link and papers, and when the feed is looked at next, since previewing would list other papers.
 */
function postedFeedText(posted: Extract<FeedPreview, { kind: 'posted' }>, settings: GuildSettings, now: Date): string {
	const when =
		localDate(posted.sentAt, settings.timezone) === localDate(now, settings.timezone)
			? 'Today’s arXiv feed is posted'
			: `The arXiv feed was posted ${formatLocalTime(posted.sentAt, settings.timezone)}`;
	const what = `the announcement of ${posted.date}, which is what arXiv’s feed holds now`;
	const next = posted.nextLook
		? `Next look: ${formatLocalTime(posted.nextLook, settings.timezone)}, for the next announcement.`
		: `Next look: at the feed time, ${settings.feed_time}, for the next announcement.`;
	if (!posted.messageId || !posted.channelId || posted.papers.length === 0)
		return `${when} (${what}): none of its new papers stood out from the day’s papers as close to the corpus, so nothing was listed. ${next}`;
	const link = messageLink(settings.guild_id, posted.channelId, posted.messageId);
	const count = posted.papers.length === 1 ? '1 paper' : `${posted.papers.length} papers`;
	const lines = posted.papers
		.slice(0, POSTED_PAPERS_LISTED)
		.map((paper) => `• [${markdownSafe(truncateAtWord(plainLine(displayTitle(paper)), POSTED_TITLE_MAX))}](${abstractUrl(paper.id)})`);
	const more = posted.papers.length - lines.length;
	return [`${when}: ${link} (${what}), ${count}:`, ...lines, ...(more > 0 ? [`…and ${more} more in the post.`] : []), next].join('\n');
}
