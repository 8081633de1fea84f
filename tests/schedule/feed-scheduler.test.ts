import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labSettings } from './lab-settings.js';
import type { Announcement } from '../../src/arxiv/announcements.js';
import { ArxivError } from '../../src/arxiv/error.js';
import { getFeedLook } from '../../src/store/feed-log.js';
import { createFeedScheduler, type FeedScheduler, type FeedSchedulerOptions } from '../../src/schedule/feed-scheduler.js';
import { openPostLog } from '../../src/store/post-log.js';
import { openState, type State } from '../../src/store/state.js';

const lab = labSettings({ feed_channel_id: 'feed-channel', feed_categories: ['cs.NE'], feed_time: '09:00' });
const HOUR = 3_600_000;

const announcement = (date: string | null): Announcement => ({ date, entries: [], skipped: [] });

let dir: string;
let state: State;
let sent: string[];
let reads: number;
let schedulers: FeedScheduler[];

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'paperbot-feed-scheduler-'));
	state = openState(join(dir, 'paperbot.db'));
	sent = [];
	reads = 0;
	schedulers = [];
});
afterEach(async () => {
	for (const scheduler of schedulers) await scheduler.stop();
	state.close();
	vi.useRealTimers();
	rmSync(dir, { recursive: true, force: true });
});

/** A scheduler whose feed answers from `answers` in turn (the last repeating); an Error answer is a failed read. */
function feedScheduler(answers: (Announcement | Error)[], options: Partial<FeedSchedulerOptions> = {}): FeedScheduler {
	const scheduler = createFeedScheduler({
		state,
		claimant: 'host-a:1',
		read: async () => {
			const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
			reads += 1;
			if (answer instanceof Error) throw answer;
			return answer;
		},
		send: async (_, { date }) => {
			sent.push(date as string);
			return { messageId: `m${sent.length}`, newCount: 3, postedIds: ['2603.00001'] };
		},
		reconcile: async (_, date) => (sent.includes(date) ? `m${sent.indexOf(date) + 1}` : null),
		...options,
	});
	schedulers.push(scheduler);
	return scheduler;
}

describe('createFeedScheduler', () => {
	it('waits for the feed time, then posts the announcement once, and a restart posts nothing more', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') });
		await feedScheduler([announcement('2026-03-02')]).start([lab]);
		expect(reads).toBe(0);
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(sent).toEqual(['2026-03-02']);
		expect(openPostLog(state).get('g1', 'feed', '2026-03-02')).toMatchObject({ status: 'sent', message_id: 'm1' });
		expect(getFeedLook(state, 'g1')).toMatchObject({
			announced: '2026-03-02',
			new_count: 3,
			posted_count: 1,
			failures: 0,
			next_look: '2026-03-03T09:00:00.000Z',
		});

		await schedulers[0]!.stop();
		await feedScheduler([announcement('2026-03-02')]).start([lab]);
		await vi.advanceTimersByTimeAsync(5 * HOUR);
		expect(sent).toEqual(['2026-03-02']);
	});

	it('after downtime across the feed time, posts the day’s announcement once when started', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-02T15:00:00Z') });
		await feedScheduler([announcement('2026-03-02')]).start([lab]);
		expect(sent).toEqual(['2026-03-02']);
	});

	it('looks again about hourly while the feed holds an announcement already posted, then posts the new one', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-03T09:00:00Z') });
		openPostLog(state).claim('g1', 'feed', '2026-03-02', 'host-z:1', new Date('2026-03-02T09:00:00Z'));
		state.db.prepare(`UPDATE post_log SET status = 'sent'`).run();
		await feedScheduler([announcement('2026-03-02'), announcement('2026-03-02'), announcement('2026-03-03')]).start([lab]);
		expect([reads, sent]).toEqual([1, []]);
		expect(getFeedLook(state, 'g1')?.next_look).toBe('2026-03-03T10:00:00.000Z');
		await vi.advanceTimersByTimeAsync(HOUR);
		expect([reads, sent]).toEqual([2, []]);
		await vi.advanceTimersByTimeAsync(HOUR);
		expect([reads, sent]).toEqual([3, ['2026-03-03']]);
	});

	it('takes an empty feed (a weekend) as nothing to post, not as a failure', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-07T09:00:00Z') });
		await feedScheduler([announcement(null)]).start([lab]);
		expect(sent).toEqual([]);
		expect(getFeedLook(state, 'g1')).toMatchObject({
			announced: null,
			failures: 0,
			last_error: null,
			next_look: '2026-03-07T10:00:00.000Z',
		});
	});

	it('retries a failing feed with backoff, keeping the failure for the status view', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
		const busy = new ArxivError('http-status', 'arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.');
		await feedScheduler([busy, busy, announcement('2026-03-02')], { retryDelaysMs: [60_000, 120_000] }).start([lab]);
		expect(getFeedLook(state, 'g1')).toMatchObject({ failures: 1, last_error: busy.message, next_look: '2026-03-02T09:01:00.000Z' });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(getFeedLook(state, 'g1')).toMatchObject({ failures: 2, next_look: '2026-03-02T09:03:00.000Z' });
		await vi.advanceTimersByTimeAsync(120_000);
		expect(sent).toEqual(['2026-03-02']);
		expect(getFeedLook(state, 'g1')).toMatchObject({ failures: 0, last_error: null });
	});

	it('does not post again an announcement whose interrupted post is found in the channel', async () => {
		vi.useFakeTimers({ now: new Date('2026-03-02T09:30:00Z') });
		sent.push('2026-03-02');
		// A process on another host claimed it long ago and vanished before marking it sent.
		openPostLog(state).claim('g1', 'feed', '2026-03-02', 'host-z:1', new Date('2026-03-02T09:00:00Z'));
		await feedScheduler([announcement('2026-03-02')]).start([lab]);
		expect(sent).toEqual(['2026-03-02']);
		expect(openPostLog(state).get('g1', 'feed', '2026-03-02')).toMatchObject({ status: 'sent', message_id: 'm1' });
	});
});
