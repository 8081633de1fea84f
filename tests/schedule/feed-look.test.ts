import { describe, expect, it } from 'vitest';
import { labSettings } from './lab-settings.js';
import type { Announcement } from '../../src/arxiv/announcements.js';
import { getFeedLook } from '../../src/store/feed-log.js';
import { lookAtFeed, type FeedLookContext } from '../../src/schedule/feed-look.js';
import { openPostLog } from '../../src/store/post-log.js';
import type { State } from '../../src/store/state.js';
import { useTempState } from './temp-state.js';

let state: State;
useTempState((opened) => {
	state = opened;
});

const lab = labSettings({ feed_channel_id: 'feed-channel', feed_categories: ['cs.NE'], feed_time: '09:00' });
const NEXT_FEED_TIME = new Date('2026-03-03T09:00:00Z');

const announcement = (date: string | null): Announcement => ({ date, entries: [], skipped: [] });

/** A look at `now` whose feed holds `read` (an Error: the read fails) and whose sends are kept in `sent`. */
function context(now: string, read: Announcement | Error, sent: string[] = []): FeedLookContext {
	return {
		state,
		posts: openPostLog(state),
		now: () => new Date(now),
		read: async () => {
			if (read instanceof Error) throw read;
			return read;
		},
		send: async (_, { date }) => {
			sent.push(date as string);
			return { messageId: 'm1', newCount: 4, postedIds: ['2603.00001', '2603.00002'] };
		},
		reconcile: async () => null,
		retryDelays: [60_000, 300_000],
		relookMs: 3_600_000,
		claimant: 'host-a:1',
		log: { info() {}, warn() {}, error() {} },
		isLooking: () => false,
	};
}

describe('lookAtFeed', () => {
	it('posts an announcement not yet posted, records its counts and looks next at the next feed time', async () => {
		const sent: string[] = [];
		expect(await lookAtFeed(context('2026-03-02T09:00:00Z', announcement('2026-03-02'), sent), lab)).toEqual(NEXT_FEED_TIME);
		expect(sent).toEqual(['2026-03-02']);
		expect(openPostLog(state).get('g1', 'feed', '2026-03-02')).toMatchObject({
			status: 'sent',
			channel_id: 'feed-channel',
			message_id: 'm1',
		});
		expect(getFeedLook(state, 'g1')).toMatchObject({
			announced: '2026-03-02',
			new_count: 4,
			posted_count: 2,
			failures: 0,
			next_look: NEXT_FEED_TIME.toISOString(),
		});
	});

	it('keeps the counts of an announcement posted this window and looks next at the next feed time', async () => {
		await lookAtFeed(context('2026-03-02T09:00:00Z', announcement('2026-03-02')), lab);
		const sent: string[] = [];
		expect(await lookAtFeed(context('2026-03-02T10:00:00Z', announcement('2026-03-02'), sent), lab)).toEqual(NEXT_FEED_TIME);
		expect(sent).toEqual([]);
		expect(getFeedLook(state, 'g1')).toMatchObject({ looked_at: '2026-03-02T10:00:00.000Z', new_count: 4, posted_count: 2 });
	});

	it('looks again an hour later at a feed still holding an announcement posted before this window', async () => {
		openPostLog(state).claim('g1', 'feed', '2026-03-01', 'host-a:1', new Date('2026-03-01T09:00:00Z'));
		openPostLog(state).markSent(
			'g1',
			'feed',
			'2026-03-01',
			{ channelId: 'feed-channel', messageId: 'm0' },
			new Date('2026-03-01T09:00:00Z'),
		);
		await lookAtFeed(context('2026-03-01T09:00:00Z', announcement('2026-03-01')), lab);
		expect(await lookAtFeed(context('2026-03-02T09:00:00Z', announcement('2026-03-01')), lab)).toEqual(new Date('2026-03-02T10:00:00Z'));
	});

	it('leaves an announcement another host is posting to it, and looks again an hour later', async () => {
		openPostLog(state).claim('g1', 'feed', '2026-03-02', 'host-b:1', new Date('2026-03-02T09:00:00Z'));
		const sent: string[] = [];
		expect(await lookAtFeed(context('2026-03-02T09:01:00Z', announcement('2026-03-02'), sent), lab)).toEqual(
			new Date('2026-03-02T10:01:00Z'),
		);
		expect(sent).toEqual([]);
		expect(openPostLog(state).get('g1', 'feed', '2026-03-02')).toMatchObject({ status: 'claimed', claimant: 'host-b:1' });
	});

	it('backs off after each failed read in a row, never past the next feed time', async () => {
		const busy = new Error('arXiv answered HTTP 503');
		expect(await lookAtFeed(context('2026-03-02T09:00:00Z', busy), lab)).toEqual(new Date('2026-03-02T09:01:00Z'));
		expect(await lookAtFeed(context('2026-03-02T09:01:00Z', busy), lab)).toEqual(new Date('2026-03-02T09:06:00Z'));
		expect(getFeedLook(state, 'g1')).toMatchObject({ failures: 2, last_error: busy.message });
		expect(await lookAtFeed(context('2026-03-03T08:58:00Z', busy), lab)).toEqual(NEXT_FEED_TIME);
	});

	it('marks a failed send in the post log and retries it', async () => {
		const failing = {
			...context('2026-03-02T09:00:00Z', announcement('2026-03-02')),
			send: () => Promise.reject(new Error('Missing Access')),
		};
		expect(await lookAtFeed(failing, lab)).toEqual(new Date('2026-03-02T09:01:00Z'));
		expect(openPostLog(state).get('g1', 'feed', '2026-03-02')).toMatchObject({ status: 'failed', last_error: 'Missing Access' });
		expect(getFeedLook(state, 'g1')).toMatchObject({ failures: 1, last_error: 'Missing Access' });
	});
});
