import { openDigestMarks } from '../store/digest-marks.js';
import { openSubscriptions, openTopics, type Subscription } from '../store/saved-searches.js';
import type { State } from '../store/state.js';

/** Tells whether a saved search query matches a paper; the search module does the matching. */
export type QueryMatcher = (query: string, paperId: string) => boolean;

/** One section of a digest: a topic and its new papers, or "Other" for papers matching no topic. */
export interface DigestSection {
	/** The topic's query, or null for the "Other" section. */
	topic: string | null;
	title: string;
	paperIds: string[];
}

/** What a digest shows: its sections and whom to mention beside which paper. */
export interface DigestPlan {
	/** Every paper in the digest, oldest first seen first. */
	paperIds: string[];
	sections: DigestSection[];
	/** Paper id → ids of users whose subscription matches it. */
	mentions: Record<string, string[]>;
	/** Every mentioned user once: the only pings the digest message may allow. */
	mentionedUserIds: string[];
}

/**
 * Groups new papers under the topics they match (a paper matching two topics is listed under
 * both; sections in topic order, empty ones left out) and the rest under "Other", and finds the
 * subscribers to mention beside each paper.
 */
export function groupDigest(
	paperIds: readonly string[],
	topics: readonly string[],
	subscriptions: readonly Subscription[],
	matches: QueryMatcher,
): DigestPlan {
	const sections: DigestSection[] = topics
		.map((topic) => ({ topic, title: topic, paperIds: paperIds.filter((id) => matches(topic, id)) }))
		.filter((section) => section.paperIds.length > 0);
	const inSomeTopic = new Set(sections.flatMap((section) => section.paperIds));
	const other = paperIds.filter((id) => !inSomeTopic.has(id));
	if (other.length > 0) sections.push({ topic: null, title: 'Other', paperIds: other });

	const mentions: Record<string, string[]> = {};
	for (const id of paperIds) {
		const users = [...new Set(subscriptions.filter((s) => matches(s.query, id)).map((s) => s.user_id))];
		if (users.length > 0) mentions[id] = users;
	}
	return { paperIds: [...paperIds], sections, mentions, mentionedUserIds: [...new Set(Object.values(mentions).flat())] };
}

/** The digest a guild is owed at `asOf`: its new papers grouped by its topics, with its subscribers' mentions. */
export function planDigest(state: State, guildId: string, asOf: Date, matches: QueryMatcher): DigestPlan {
	return groupDigest(
		openDigestMarks(state).newPapers(guildId, asOf),
		openTopics(state).list(guildId),
		openSubscriptions(state).list(guildId),
		matches,
	);
}
