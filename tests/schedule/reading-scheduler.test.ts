import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labSettings } from './lab-settings.js';
import { openPostLog } from '../../src/store/post-log.js';
import { openReadingList, type ReadingList } from '../../src/store/reading-list.js';
import {
	createReadingScheduler,
	nextPollTime,
	type ReadingScheduler,
	type ReadingSchedulerOptions,
} from '../../src/schedule/reading-scheduler.js';
import type { ReadingOutcome } from '../../src/schedule/reading-vote.js';
import { openState, type State } from '../../src/store/state.js';
import { useTempState } from './temp-state.js';

/** Monday 10:00 UTC: the default reading schedule fires. */
const DUE = new Date('2026-03-02T10:00:00Z');
const SLOT = DUE.toISOString();
const HOUR = 3_600_000;

const lab = labSettings({ reading_channel_id: 'reading-channel' });

/** What the fake Discord holds: posts with their slots, and each poll's votes. */
interface Post {
	id: string;
	kind: 'reading_poll' | 'reading_result';
	slot: string;
	paperIds?: readonly string[];
	outcome?: ReadingOutcome;
}

let dir: string;
let posts: Post[];
let counts: Map<string, number[]>;
let finalized: Set<string>;
let ended: string[];
let schedulers: ReadingScheduler[];
let states: State[];
let clock: Date;

useTempState((state, folder) => {
	dir = folder;
	states = [state];
});
beforeEach(() => {
	posts = [];
	counts = new Map();
	finalized = new Set();
	ended = [];
	schedulers = [];
	clock = new Date(DUE.getTime() + 60_000);
});
afterEach(async () => {
	for (const scheduler of schedulers) await scheduler.stop();
	for (const state of states.slice(1)) state.close();
});

/** Another process on the same state file. */
function open(): State {
	const state = openState(join(dir, 'paperbot.db'));
	states.push(state);
	return state;
}

function scheduler(state: State, overrides: Partial<ReadingSchedulerOptions> = {}): ReadingScheduler {
	const created = createReadingScheduler({
		state,
		now: () => clock,
		claimLeaseMs: 1,
		async sendPoll(_guild, slot, proposals) {
			const id = `m${posts.length + 1}`;
			posts.push({ id, kind: 'reading_poll', slot, paperIds: proposals.map((proposal) => proposal.paperId) });
			counts.set(
				id,
				proposals.map(() => 0),
			);
			return id;
		},
		findPost: async (_guild, _channel, kind, slot) => posts.find((post) => post.kind === kind && post.slot === slot)?.id ?? null,
		readResults: async (poll) => ({ finalized: finalized.has(poll.messageId ?? ''), counts: counts.get(poll.messageId ?? '') ?? [] }),
		async endPoll(poll) {
			ended.push(poll.messageId ?? '');
			finalized.add(poll.messageId ?? '');
		},
		async sendResult(_guild, poll, outcome) {
			const id = `m${posts.length + 1}`;
			posts.push({ id, kind: 'reading_result', slot: poll.slot, outcome });
			return { messageId: id };
		},
		...overrides,
	});
	schedulers.push(created);
	return created;
}

function propose(list: ReadingList, ...paperIds: string[]): void {
	for (const [index, paperId] of paperIds.entries())
		list.propose(
			'g1',
			paperId,
			{ id: `u${index}`, name: `Member ${index}` },
			null,
			new Date(DUE.getTime() - (paperIds.length - index) * HOUR),
		);
}

const pollsOf = () => posts.filter((post) => post.kind === 'reading_poll');
const resultsOf = () => posts.filter((post) => post.kind === 'reading_result');

describe('nextPollTime', () => {
	it('is the next cron time in the server time zone, and null while polls are off', () => {
		expect(nextPollTime(lab, new Date(DUE.getTime() - 1))?.toISOString()).toBe(SLOT);
		expect(nextPollTime({ ...lab, reading_channel_id: null }, DUE)).toBeNull();
	});
});

describe('createReadingScheduler', () => {
	it('posts the poll owed since the scheduled minute once, oldest proposals first, and not again from a second process', async () => {
		const [state] = states as [State];
		propose(openReadingList(state), 'p1', 'p2', 'p3');
		await scheduler(state).start([lab]);
		await scheduler(open()).start([lab]);
		expect(pollsOf()).toEqual([{ id: 'm1', kind: 'reading_poll', slot: SLOT, paperIds: ['p1', 'p2', 'p3'] }]);
		expect(openReadingList(state).poll('g1', SLOT)).toMatchObject({
			messageId: 'm1',
			endsAt: new Date(clock.getTime() + 24 * HOUR).toISOString(),
		});
	});

	it('posts no poll with fewer than two proposals, and records the slot as done', async () => {
		const [state] = states as [State];
		propose(openReadingList(state), 'p1');
		await scheduler(state).start([lab]);
		expect(pollsOf()).toEqual([]);
		expect(openPostLog(state).get('g1', 'reading_poll', SLOT)).toMatchObject({ status: 'sent', message_id: null });
	});

	it('finds a poll that Discord took before a crash, instead of posting a second', async () => {
		const [state] = states as [State];
		propose(openReadingList(state), 'p1', 'p2');
		const crashing = scheduler(state, {
			async sendPoll(_guild, slot) {
				posts.push({ id: 'm1', kind: 'reading_poll', slot });
				throw new Error('connection reset after the message was accepted');
			},
			retryDelaysMs: [],
		});
		await crashing.start([lab]);
		expect(openPostLog(state).get('g1', 'reading_poll', SLOT)?.status).toBe('failed');
		await scheduler(open()).start([lab]);
		expect(pollsOf()).toHaveLength(1);
		expect(openPostLog(state).get('g1', 'reading_poll', SLOT)).toMatchObject({ status: 'sent', message_id: 'm1' });
	});

	it('posts the result of a poll that ended while the bot was down, once, and takes the winner off the list', async () => {
		const [state] = states as [State];
		const list = openReadingList(state);
		propose(list, 'p1', 'p2', 'p3');
		await scheduler(state).start([lab]);
		counts.set('m1', [1, 3, 2]);
		finalized.add('m1');
		clock = new Date(DUE.getTime() + 30 * HOUR);
		await scheduler(open()).start([lab]);
		await scheduler(open()).start([lab]);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(resultsOf()).toEqual([
			{ id: 'm2', kind: 'reading_result', slot: SLOT, outcome: { winner: 'p2', votes: 3, total: 6, tiedWith: [] } },
		]);
		expect(list.list('g1').map((proposal) => proposal.paperId)).toEqual(['p1', 'p3']);
	});

	it('ends the open poll early through Discord on close, and posts its result', async () => {
		const [state] = states as [State];
		const list = openReadingList(state);
		propose(list, 'p1', 'p2');
		const running = scheduler(state);
		await running.start([lab]);
		counts.set('m1', [2, 2]);
		const closed = await running.close('g1');
		expect(closed?.posted).toBe(true);
		expect(ended).toEqual(['m1']);
		expect(resultsOf().map((post) => post.outcome)).toEqual([{ winner: 'p1', votes: 2, total: 4, tiedWith: ['p2'] }]);
		expect(await running.close('g1')).toBeNull();
	});

	it('keeps every proposal when nobody voted', async () => {
		const [state] = states as [State];
		const list = openReadingList(state);
		propose(list, 'p1', 'p2');
		const running = scheduler(state);
		await running.start([lab]);
		await running.close('g1');
		expect(resultsOf().map((post) => post.outcome)).toEqual([{ winner: null, votes: 0, total: 0, tiedWith: [] }]);
		expect(list.list('g1')).toHaveLength(2);
	});

	it('waits for Discord’s final count before posting a result', async () => {
		const [state] = states as [State];
		propose(openReadingList(state), 'p1', 'p2');
		await scheduler(state).start([lab]);
		counts.set('m1', [0, 1]);
		clock = new Date(DUE.getTime() + 25 * HOUR);
		await scheduler(open()).start([lab]);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(resultsOf()).toEqual([]);
		expect(openPostLog(state).get('g1', 'reading_result', SLOT)).toBeNull();
	});
});
