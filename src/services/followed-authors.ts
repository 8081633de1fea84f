import { newlyAnnounced, type Announcement } from '../arxiv/announcements.js';
import { fetchPapersByAuthors, type AuthorQueryOptions } from '../arxiv/author-query.js';
import type { Paper } from '../corpus/paper.js';
import { followsOf } from '../feed/follow-match.js';
import { buildFollowMessages, type FollowedPaper } from '../messages/follow-messages.js';
import type { PaperIndex } from '../search/paper-index.js';
import { followsLooked, recordFollowsLooked } from '../store/corpus-changes.js';
import { postedFeedPaperIds, recordFeedPosted, storeFeedPapers } from '../store/feed-log.js';
import type { Follow } from '../store/follows.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { postOnce, type PostOnceContext } from './post-once.js';

/** How far before the announcement date a followed author's paper may have been first submitted and still be new: moderation holds some for days. */
const FOLLOW_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** The folded names of the follows, each once, as `au:` queries take them. */
const followedNames = (follows: readonly Follow[]) => [...new Set(follows.map((follow) => follow.folded))].map((name) => name.split(' '));

/** Whether arXiv first dated the paper within {@link FOLLOW_WINDOW_DAYS} before `date` (or after). */
function isRecent(paper: Paper, date: string): boolean {
	if (!paper.published || paper.published.length < 10) return false;
	return new Date(paper.published).getTime() >= new Date(date).getTime() - FOLLOW_WINDOW_DAYS * DAY_MS;
}

/**
 * The followed authors' new papers: those the API lists in any category and the announcement's own
 * new papers, first submitted within the window, not in the corpus, each with the follows it
 * matches by its author list.
 */
export async function findFollowedPapers(
	index: PaperIndex,
	follows: readonly Follow[],
	date: string,
	sources: { announcement?: Announcement; arxiv: AuthorQueryOptions },
): Promise<FollowedPaper[]> {
	if (follows.length === 0) return [];
	const fromApi = await fetchPapersByAuthors(followedNames(follows), sources.arxiv);
	const announced = sources.announcement ? newlyAnnounced(sources.announcement, { cross: true }) : [];
	const papers = new Map<string, Paper>();
	for (const paper of [...announced, ...fromApi.filter((paper) => isRecent(paper, date))])
		if (!papers.has(paper.id)) papers.set(paper.id, paper);
	return [...papers.values()].flatMap((paper) => {
		if (index.numbers.has(paper.id)) return [];
		const matched = followsOf(paper, follows);
		if (matched.length === 0) return [];
		return [
			{
				paper,
				names: [...new Set(matched.map((follow) => follow.name))],
				userIds: [...new Set(matched.map((follow) => follow.user_id))],
			},
		];
	});
}

/**
 * Posts a guild's followed authors' new papers of the announcement day once: papers an earlier
 * feed or follow post listed are left out (the feed's own post already mentioned their
 * followers); the post's slot is the date, and its papers are recorded as posted with it.
 * A day is looked up once; a failed lookup is tried again at the next look.
 */
export async function postFollowedPapers(
	context: PostOnceContext & { state: State; index: PaperIndex; arxiv: AuthorQueryOptions },
	guild: GuildSettings,
	follows: readonly Follow[],
	announcement: Announcement & { date: string },
): Promise<void> {
	const { state } = context;
	const { date } = announcement;
	if (follows.length === 0 || followsLooked(state, guild.guild_id, date)) return;
	const found = await findFollowedPapers(context.index, follows, date, { announcement, arxiv: context.arxiv });
	const posted = postedFeedPaperIds(
		state,
		guild.guild_id,
		found.map(({ paper }) => paper.id),
	);
	const fresh = found.filter(({ paper }) => !posted.has(paper.id));
	const done = () => recordFollowsLooked(state, guild.guild_id, date);
	if (fresh.length === 0) {
		done();
		return;
	}
	storeFeedPapers(
		state,
		fresh.map(({ paper }) => paper),
		date,
	);
	const where = { guildId: guild.guild_id, channelId: guild.feed_channel_id as string, kind: 'follow' as const, slot: date };
	await postOnce(context, where, buildFollowMessages(date, fresh), () => {
		recordFeedPosted(
			state,
			guild.guild_id,
			fresh.map(({ paper }) => paper.id),
			date,
		);
		done();
	});
}
