import type { Announcement } from '../arxiv/announcements.js';
import { newlyAnnounced } from '../arxiv/announcements.js';
import type { FeedFeedback } from '../store/feed-feedback.js';
import type { Subscription } from '../store/saved-searches.js';
import { matchPapers } from '../search/match.js';
import { hasPaper, type PaperIndex } from '../search/paper-index.js';
import { rankFeedPapers, type FeedPick } from './rank.js';

/** A guild's feed post of one announcement: what to list and whom to mention beside what. */
export interface FeedPlan {
	/** The announcement date, the post's slot. */
	date: string;
	/** New papers in the announcement after cross-list, corpus and earlier-post filtering. */
	newCount: number;
	/** The papers to list, most relevant first, each with its reason. */
	picks: FeedPick[];
	/** How many of the new papers stood out from the day's scores; fewer than `max` explains a short post. */
	standingOut: number;
	/** Paper id → ids of users whose saved search matches it. */
	mentions: Record<string, string[]>;
}

/** What planning needs besides the announcement. */
export interface FeedPlanOptions {
	cross: boolean;
	max: number;
	/** Ids an earlier feed post in the guild listed: never listed again. */
	alreadyPosted: (ids: readonly string[]) => Set<string>;
	topics: readonly string[];
	subscriptions: readonly Subscription[];
	/** What the guild taught its feed (see FeedFeedback); none when absent. */
	feedback?: FeedFeedback;
}

/**
 * Plans a feed post: the announcement's new papers (and cross-lists when on), minus the corpus's
 * and those an earlier post listed, ranked by closeness to the corpus and the topics; the
 * subscribers whose saved search matches a listed paper are mentioned beside it.
 */
export async function planFeedPost(
	index: PaperIndex,
	announcement: Announcement & { date: string },
	options: FeedPlanOptions,
): Promise<FeedPlan> {
	const announced = newlyAnnounced(announcement, { cross: options.cross }).filter((paper) => !hasPaper(index, paper.id));
	const posted = options.alreadyPosted(announced.map((paper) => paper.id));
	const fresh = announced.filter((paper) => !posted.has(paper.id));
	// Topics and subscriptions match the day's papers by the subscriptions' all-words rule.
	const matches = matchPapers(fresh);
	const { picks, standingOut } = await rankFeedPapers(index, fresh, {
		max: options.max,
		topics: options.topics,
		matchTopic: matches,
		own: options.feedback?.own,
		dismissed: options.feedback?.dismissed,
	});
	const listed = new Set(picks.map((pick) => pick.paper.id));
	const mentions: Record<string, string[]> = {};
	for (const { user_id: userId, query } of options.subscriptions) {
		for (const paper of matches(query)) {
			if (!listed.has(paper.id)) continue;
			const users = (mentions[paper.id] ??= []);
			if (!users.includes(userId)) users.push(userId);
		}
	}
	return { date: announcement.date, newCount: fresh.length, picks, standingOut, mentions };
}
