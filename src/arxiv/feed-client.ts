import { parseAnnouncementFeed, type Announcement } from './announcements.js';
import type { RequestQueue } from './queue.js';
import { requestArxiv, type ArxivRequestOptions } from './request.js';

/** How to reach arXiv's announcement feed, and how politely. */
export interface FeedClientOptions extends ArxivRequestOptions {
	/** `ARXIV_FEED_URL`, e.g. `https://rss.arxiv.org/atom`; categories are appended as `/<cat>+<cat>`. */
	feedUrl: string;
	/** The queue that spaces requests, shared with the query API. */
	queue: RequestQueue;
}

/** Reads the announcement feed; remembers each address's last answer so a repeat look can send `If-None-Match`. */
export interface FeedClient {
	/**
	 * The announcement arXiv serves now for these categories, in one request. Throws an
	 * `ArxivError` for a timeout, an HTTP status (a 503, say), an unreachable server or malformed XML.
	 */
	read(categories: readonly string[]): Promise<Announcement>;
}

/** The feed address for a set of categories: `ARXIV_FEED_URL/cs.NE+q-bio.NC`. */
export function feedAddress(feedUrl: string, categories: readonly string[]): string {
	return `${feedUrl.replace(/\/+$/, '')}/${categories.map(encodeURIComponent).join('+')}`;
}

/** A feed client over the polite queue (a User-Agent naming paperbot). */
export function createFeedClient(options: FeedClientOptions): FeedClient {
	const { queue } = options;
	const lastAnswers = new Map<string, { etag: string; announcement: Announcement }>();
	return {
		async read(categories) {
			const url = feedAddress(options.feedUrl, categories);
			const last = lastAnswers.get(url);
			const answer = await queue.run(() => requestArxiv(url, options, last?.etag ?? null));
			if (answer.notModified && last) return last.announcement;
			const announcement = parseAnnouncementFeed(answer.body);
			if (answer.etag) lastAnswers.set(url, { etag: answer.etag, announcement });
			else lastAnswers.delete(url);
			return announcement;
		},
	};
}
