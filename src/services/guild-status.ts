import type { APIEmbed } from 'discord-api-types/v10';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import type { Library } from '../search/library.js';
import { aliasedPaperCount, paperCount } from '../search/paper-index.js';
import type { Poster } from './poster.js';
import { POST_NAMES, type PostKind, type PostLog } from '../store/post-log.js';
import { nextPostTimes, type Scheduler } from '../schedule/scheduler.js';
import { getGuildSettings, type GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { buildStatusEmbed, failedAttempts, slotLabel } from '../messages/schedule-status.js';
import { countOf } from '../cards/counts.js';
import { PERMISSION_BITS } from '../interaction/refusal.js';
import { getFeedLook } from '../store/feed-log.js';
import type { FeedService } from './feed-service.js';
import { nextPollTime, type ReadingScheduler } from '../schedule/reading-scheduler.js';
import { openReadingList } from '../store/reading-list.js';
import { readingStatusLines } from '../messages/reading-messages.js';
import type { ZoteroService } from './zotero-service.js';
import { CHANNEL_USE_NAMES, checkChannel, type ChannelPermissionCheck, type ChannelUse } from '../messages/channel-permissions.js';
import type { CitationService } from './citation-service.js';

/** What a guild's status reads of the running schedule. */
export interface StatusParts {
	state: State;
	posts: PostLog;
	library: Library;
	poster: Poster;
	defaults: { settingsFor(guildId: string): GuildSettings };
	now: () => Date;
	scheduler: Scheduler;
	feed: FeedService;
	reading: ReadingScheduler;
	zotero?: Pick<ZoteroService, 'statusLines' | 'problem'>;
	citations: CitationService;
}

/** A guild's settings in force: saved ones, else the environment's. */
export function settingsFor({ state, defaults }: StatusParts, guildId: string): GuildSettings {
	return getGuildSettings(state, guildId) ?? defaults.settingsFor(guildId);
}

/** The uses a guild's channels are set for, in the order status names their problems. */
export const CHANNEL_USES: readonly ChannelUse[] = ['potd', 'digest', 'feed', 'reading', 'citations'];
/** Where each use's channel is in a guild's settings. */
export const CHANNEL_COLUMNS = {
	potd: 'potd_channel_id',
	digest: 'digest_channel_id',
	feed: 'feed_channel_id',
	reading: 'reading_channel_id',
	citations: 'citations_channel_id',
} as const satisfies Record<ChannelUse, keyof GuildSettings>;

/** The permissions check of a use's channel in these settings; null when the use is off or nothing is missing. */
export function channelCheck({ poster }: StatusParts, settings: GuildSettings, use: ChannelUse): ChannelPermissionCheck | null {
	const channelId = settings[CHANNEL_COLUMNS[use]];
	return channelId ? checkChannel(use, channelId, poster.channelAccess(settings.guild_id, channelId), settings.potd_thread) : null;
}

/** `/paperbot status` for a guild: its settings, next posts, last posts, what the lab taught the feed, and what needs fixing. */
export function guildStatus(parts: StatusParts, guildId: string): APIEmbed {
	const settings = settingsFor(parts, guildId);
	return buildStatusEmbed({
		settings,
		papers: paperCount(parts.library.current()),
		loadedAt: parts.library.loadedAt,
		library: {
			imported: aliasedPaperCount(parts.library.current(), 'bib:'),
			merged: parts.library.merged.length,
		},
		next: nextPostTimes(settings, parts.now()),
		recentPosts: parts.posts.recent(guildId, 5),
		retryAt: (record) => retryAt(parts, guildId, record.kind, record.slot),
		feed: parts.feed.statusLines(settings),
		reading: readingStatusLines({
			settings,
			proposals: openReadingList(parts.state).list(guildId).length,
			openPoll: openReadingList(parts.state).openPolls(guildId).at(-1) ?? null,
			nextPoll: nextPollTime(settings, parts.now()),
		}),
		zotero: parts.zotero?.statusLines(settings.timezone) ?? null,
		citations: parts.citations.statusLines(settings),
		problems: statusProblems(parts, settings),
	});
}

/** When a failed post is tried again: by its scheduler's retry, or the arXiv feed's next look while its looks fail; null when it is not. */
function retryAt({ scheduler, reading, state }: StatusParts, guildId: string, kind: PostKind, slot: string): Date | null {
	if (kind === 'potd' || kind === 'digest') return scheduler.retryAt(guildId, kind, slot);
	if (kind === 'reading_poll' || kind === 'reading_result') return reading.retryAt(guildId, kind, slot);
	const look = getFeedLook(state, guildId);
	return look?.last_error && look.next_look ? new Date(look.next_look) : null;
}

/** A channel mention as markdownSafe defuses it: channel mentions ping no one, and let an admin click through to the channel. */
const DEFUSED_CHANNEL = /\\<\u200B#(\d+)\\>/g;
/** A permission's name as markdownSafe escapes its italics. */
const ESCAPED_ITALICS = /\\\*([A-Z][A-Za-z ]+)\\\*/g;

/** Text of paperbot's own made safe to show: no markdown or mentions from elsewhere, but its channel links and italic permission names kept. */
function shownSafely(text: string): string {
	return markdownSafe(plainLine(text))
		.replace(DEFUSED_CHANNEL, '<#$1>')
		.replace(ESCAPED_ITALICS, (escaped, name: string) => (name in PERMISSION_BITS ? `*${name}*` : escaped));
}

/**
 * Why a guild's posts may not go out now: failed posts (with when they are tried again), unusable
 * channels, a failing feed, corpus trouble. What went wrong with a post that did go out is history,
 * shown beside it under the last posts, so it leaves this list once the cause is fixed.
 */
function statusProblems(parts: StatusParts, settings: GuildSettings): string[] {
	const { scheduler, feed, library } = parts;
	const guildId = settings.guild_id;
	const { timezone } = settings;
	const problems = scheduler
		.problems(guildId)
		.map(
			({ kind, slot, error, attempts, claimedAt }) =>
				`${POST_NAMES[kind]} ${slotLabel(slot, timezone)}: ${shownSafely(error)} (${failedAttempts(attempts, new Date(claimedAt), retryAt(parts, guildId, kind, slot), timezone)})`,
		);
	for (const use of CHANNEL_USES) {
		const check = channelCheck(parts, settings, use);
		if (check) problems.push(`${CHANNEL_USE_NAMES[use]}: ${check.text}`);
	}
	for (const problem of [feed.problem(settings), parts.citations.problem(settings)]) if (problem) problems.push(shownSafely(problem));
	if (library.problem)
		problems.push(`Corpus reload failed; the previous corpus stays in service: ${markdownSafe(plainLine(library.problem))}`);
	const zoteroProblem = parts.zotero?.problem();
	if (zoteroProblem) problems.push(`Zotero sync failed: ${markdownSafe(plainLine(zoteroProblem))}`);
	if (library.warnings.length > 0)
		problems.push(
			`Corpus: ${countOf(library.warnings.length, 'record')} skipped, e.g. ${markdownSafe(plainLine(library.warnings[0] as string))}`,
		);
	return problems;
}
