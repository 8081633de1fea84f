import { afterEach, describe, expect, it } from 'vitest';
import { arxivErrorOf } from './arxiv-error.js';
import { createFeedClient, feedAddress } from '../../src/arxiv/feed-client.js';
import { fetchArxivPapers } from '../../src/arxiv/client.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { startArxivStandIn } from './arxiv-stand-in.js';
import { announcementXml, startFeedStandIn, type FeedAnswer } from './feed-stand-in.js';

const USER_AGENT = 'paperbot/test (feed tests)';
const ENTRY = {
	id: '2603.00001',
	title: 'Spiking nets',
	creators: 'Ada Lovelace',
	abstract: 'Spikes.',
	categories: ['cs.NE'],
	type: 'new' as const,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closers.splice(0)) await close();
});

async function clientFor(answers: Record<string, FeedAnswer | FeedAnswer[]>, extra: { timeoutMs?: number } = {}) {
	const standIn = await startFeedStandIn(answers);
	closers.push(standIn.close);
	return { standIn, client: createFeedClient({ feedUrl: standIn.feedUrl, userAgent: USER_AGENT, queue: createRequestQueue(0), ...extra }) };
}

describe('feedAddress', () => {
	it('joins the categories with + after the feed URL', () => {
		expect(feedAddress('https://rss.arxiv.org/atom/', ['cs.NE', 'q-bio.NC'])).toBe('https://rss.arxiv.org/atom/cs.NE+q-bio.NC');
	});
});

describe('createFeedClient', () => {
	it('asks once for all categories, naming paperbot in the User-Agent', async () => {
		const { standIn, client } = await clientFor({ 'cs.NE+q-bio.NC': { body: announcementXml('cs.NE+q-bio.NC', '2026-03-02', [ENTRY]) } });
		const announcement = await client.read(['cs.NE', 'q-bio.NC']);
		expect(announcement.date).toBe('2026-03-02');
		expect(announcement.entries.map((entry) => entry.paper.id)).toEqual(['2603.00001']);
		expect(standIn.received.map((request) => request.path)).toEqual(['cs.NE+q-bio.NC']);
		expect(standIn.received[0]?.headers['user-agent']).toBe(USER_AGENT);
	});

	it('sends the ETag on a repeat look and keeps the announcement arXiv says is unchanged', async () => {
		const { standIn, client } = await clientFor({ 'cs.NE': { body: announcementXml('cs.NE', '2026-03-02', [ENTRY]), etag: '"day-1"' } });
		const first = await client.read(['cs.NE']);
		const again = await client.read(['cs.NE']);
		expect(again).toEqual(first);
		expect(standIn.received.map((request) => request.headers['if-none-match'])).toEqual([undefined, '"day-1"']);
	});

	it('classifies a 503, a slow answer and malformed XML', async () => {
		const { client } = await clientFor(
			{
				busy: { status: 503 },
				slow: { body: announcementXml('slow', '2026-03-02', []), delayMs: 1_000 },
				broken: { body: '<feed><entry>' },
			},
			{ timeoutMs: 200 },
		);
		const busy = await arxivErrorOf(client.read(['busy']));
		expect([busy.code, busy.message]).toEqual([
			'http-status',
			'arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.',
		]);
		const slow = await arxivErrorOf(client.read(['slow']));
		expect([slow.code, slow.message]).toEqual(['timeout', 'arXiv did not answer within 0.2 s.']);
		expect((await arxivErrorOf(client.read(['broken']))).code).toBe('malformed-feed');
	});

	it('waits its turn in the queue it shares with the query API', async () => {
		const intervalMs = 300;
		const queue = createRequestQueue(intervalMs);
		const feed = await startFeedStandIn({});
		const api = await startArxivStandIn({});
		closers.push(feed.close, api.close);
		const client = createFeedClient({ feedUrl: feed.feedUrl, userAgent: USER_AGENT, queue });
		const started = performance.now();
		await Promise.all([fetchArxivPapers(['2603.00009'], { apiUrl: api.apiUrl, userAgent: USER_AGENT, queue }), client.read(['cs.NE'])]);
		expect(performance.now() - started).toBeGreaterThanOrEqual(intervalMs - 5);
		expect(feed.received).toHaveLength(1);
		expect(api.received).toHaveLength(1);
	});
});
