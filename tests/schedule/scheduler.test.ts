import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labSettings } from './lab-settings.js';
import { openDigestMarks } from '../../src/store/digest-marks.js';
import { openPostLog, type PostKind } from '../../src/store/post-log.js';
import { createScheduler, nextPostTimes, type Scheduler, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import { openState, type State } from '../../src/store/state.js';

/** A channel both "processes" post into, standing in for Discord. */
interface Message {
	id: string;
	guild: string;
	kind: PostKind;
	slot: string;
	at: Date;
}

let dir: string;
let channel: Message[];
let states: State[];
let schedulers: Scheduler[];
let logLines: string[];

const lab = labSettings({ potd_channel_id: 'potd-channel' });

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'paperbot-scheduler-'));
	channel = [];
	states = [];
	schedulers = [];
	logLines = [];
});
afterEach(async () => {
	for (const scheduler of schedulers) await scheduler.stop();
	for (const state of states) state.close();
	vi.useRealTimers();
	rmSync(dir, { recursive: true, force: true });
});

function open(): State {
	const state = openState(join(dir, 'paperbot.db'));
	states.push(state);
	return state;
}

const post: SchedulerOptions['post'] = async (guild, kind, slot) => {
	const message = { id: `m${channel.length + 1}`, guild: guild.guild_id, kind, slot, at: new Date() };
	channel.push(message);
	return { messageId: message.id };
};

const reconcile: SchedulerOptions['reconcile'] = async (guild, kind, slot) =>
	channel.find((m) => m.guild === guild.guild_id && m.kind === kind && m.slot === slot)?.id ?? null;

function scheduler(state: State, options: Partial<SchedulerOptions> = {}): Scheduler {
	const created = createScheduler({
		state,
		now: () => new Date(),
		post,
		reconcile,
		claimant: 'host-a:1',
		log: {
			info: (_, message) => logLines.push(message),
			warn: (_, message) => logLines.push(message),
			error: (_, message) => logLines.push(message),
		},
		...options,
	});
	schedulers.push(created);
	return created;
}

const clockAt = (iso: string) => vi.useFakeTimers({ now: new Date(iso), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The pid of a process that has exited: a crashed bot on this machine. */
function deadPid(): number {
	return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('nextPostTimes', () => {
	it('gives the next times for what is switched on, and null for what is off', () => {
		const times = nextPostTimes({ ...lab, timezone: 'Europe/London', digest_channel_id: 'd' }, new Date('2025-06-02T10:00:00Z'));
		expect(times.potd?.toISOString()).toBe('2025-06-03T08:00:00.000Z');
		expect(times.digest?.toISOString()).toBe('2025-06-09T08:00:00.000Z');
		expect(nextPostTimes(lab, new Date('2025-06-02T10:00:00Z')).digest).toBeNull();
	});
});

describe('createScheduler: paper of the day', () => {
	it('started just before the posting minute, posts at it and then daily', async () => {
		clockAt('2025-06-02T08:59:30Z');
		await scheduler(open()).start([lab]);
		expect(channel).toEqual([]);
		await advance(29_000);
		expect(channel).toEqual([]);
		await advance(1_000);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([['2025-06-02', '2025-06-02T09:00:00.000Z']]);
		await advance(2 * DAY);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02', '2025-06-03', '2025-06-04']);
		expect(openPostLog(states[0]!).get('g1', 'potd', '2025-06-04')).toMatchObject({
			status: 'sent',
			message_id: 'm3',
			channel_id: 'potd-channel',
		});
	});

	it('started at the posting minute, posts once', async () => {
		clockAt('2025-06-02T09:00:00Z');
		await scheduler(open()).start([lab]);
		await advance(HOUR);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02']);
	});

	it('started after the posting minute, catches up today once and never back-fills earlier days', async () => {
		clockAt('2025-06-02T09:00:00Z');
		const first = scheduler(open());
		await first.start([lab]);
		await first.stop();
		vi.setSystemTime(new Date('2025-06-05T09:00:30Z'));
		await scheduler(open(), { claimant: 'host-a:2' }).start([lab]);
		await advance(HOUR);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([
			['2025-06-02', '2025-06-02T09:00:00.000Z'],
			['2025-06-05', '2025-06-05T09:00:30.000Z'],
		]);
	});

	it('started after the posting minute with catch-up off, waits for tomorrow', async () => {
		clockAt('2025-06-02T09:00:30Z');
		await scheduler(open(), { catchUp: false }).start([lab]);
		await advance(HOUR);
		expect(channel).toEqual([]);
		await advance(DAY);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-03']);
	});

	it('restarted later the same day, does not post again', async () => {
		clockAt('2025-06-02T08:59:00Z');
		const first = scheduler(open());
		await first.start([lab]);
		await advance(2 * 60_000);
		await first.stop();
		await scheduler(open(), { claimant: 'host-a:2' }).start([lab]);
		await advance(HOUR);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02']);
	});

	it('posts at 09:00 local on both sides of daylight-saving changes', async () => {
		for (const [timezone, start] of [
			['America/New_York', '2025-03-08T06:00:00Z'],
			['Europe/London', '2025-10-25T06:00:00Z'],
		] as const) {
			channel = [];
			clockAt(start);
			const running = scheduler(open(), { claimant: `host-${timezone}:1` });
			await running.start([{ ...lab, guild_id: timezone, timezone }]);
			await advance(3 * DAY);
			await running.stop();
			const local = channel.map((m) =>
				new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'short', timeStyle: 'short' }).format(m.at),
			);
			expect(local).toHaveLength(3);
			for (const when of local) expect(when).toMatch(/, 09:00$/);
		}
	});

	it('runs a time that occurs twice on fall-back day once', async () => {
		clockAt('2025-11-02T04:00:00Z');
		await scheduler(open()).start([{ ...lab, potd_time: '01:30', timezone: 'America/New_York' }]);
		await advance(DAY);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([['2025-11-02', '2025-11-02T05:30:00.000Z']]);
	});
});

describe('createScheduler: crash between claim and send', () => {
	it('finds the post in the channel and does not post again', async () => {
		clockAt('2025-06-02T09:00:05Z');
		const crashed = open();
		openPostLog(crashed).claim('g1', 'potd', '2025-06-02', `${hostname()}:${deadPid()}`, new Date('2025-06-02T09:00:00Z'));
		channel.push({ id: 'm-before-crash', guild: 'g1', kind: 'potd', slot: '2025-06-02', at: new Date('2025-06-02T09:00:01Z') });
		await scheduler(open()).start([lab]);
		await advance(HOUR);
		expect(channel.map((m) => m.id)).toEqual(['m-before-crash']);
		expect(openPostLog(states[1]!).get('g1', 'potd', '2025-06-02')).toMatchObject({ status: 'sent', message_id: 'm-before-crash' });
	});

	it('posts once when the channel has no post', async () => {
		clockAt('2025-06-02T09:00:05Z');
		openPostLog(open()).claim('g1', 'potd', '2025-06-02', `${hostname()}:${deadPid()}`, new Date('2025-06-02T09:00:00Z'));
		await scheduler(open()).start([lab]);
		await advance(HOUR);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([['2025-06-02', '2025-06-02T09:00:05.000Z']]);
	});

	it('posts once, even with catch-up off, when the same claimant restarts', async () => {
		clockAt('2025-06-02T09:00:05Z');
		openPostLog(open()).claim('g1', 'potd', '2025-06-02', 'host-a:1', new Date('2025-06-02T09:00:00Z'));
		await scheduler(open(), { catchUp: false }).start([lab]);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02']);
	});

	it('waits out the claim lease of a process on another machine before reconciling', async () => {
		clockAt('2025-06-02T09:01:00Z');
		openPostLog(open()).claim('g1', 'potd', '2025-06-02', 'other-machine:77', new Date('2025-06-02T09:00:00Z'));
		await scheduler(open(), { claimLeaseMs: 5 * 60_000 }).start([lab]);
		await advance(3 * 60_000);
		expect(channel).toEqual([]);
		await advance(60_000);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([['2025-06-02', '2025-06-02T09:05:00.000Z']]);
	});

	it('leaves a slot alone while the process on this machine that claimed it is alive', async () => {
		clockAt('2025-06-02T09:00:05Z');
		openPostLog(open()).claim('g1', 'potd', '2025-06-02', `${hostname()}:${process.pid}`, new Date('2025-06-02T09:00:00Z'));
		await scheduler(open(), { claimLeaseMs: 60_000 }).start([lab]);
		await advance(2 * HOUR);
		expect(channel).toEqual([]);
	});

	it('marks an interrupted claim from an earlier day as missed without posting it', async () => {
		clockAt('2025-06-03T08:00:00Z');
		openPostLog(open()).claim('g1', 'potd', '2025-06-02', `${hostname()}:${deadPid()}`, new Date('2025-06-02T09:00:00Z'));
		const running = scheduler(open());
		await running.start([lab]);
		expect(channel).toEqual([]);
		expect(running.problems('g1')).toMatchObject([{ slot: '2025-06-02', error: expect.stringContaining('missed') }]);
	});
});

describe('createScheduler: two processes on one database', () => {
	it('post once between them, even when a send is slow', async () => {
		clockAt('2025-06-02T08:59:00Z');
		const slowPost: SchedulerOptions['post'] = async (...args) => {
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			return post(...args);
		};
		const a = scheduler(open(), { claimant: 'host-a:1', post: slowPost });
		const b = scheduler(open(), { claimant: 'host-b:2', post: slowPost });
		await Promise.all([a.start([lab]), b.start([lab])]);
		await advance(DAY + HOUR);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02', '2025-06-03']);
	});
});

describe('createScheduler: send failures', () => {
	it('retries with backoff and records the post once it goes through', async () => {
		clockAt('2025-06-02T08:59:00Z');
		let failures = 2;
		const flaky: SchedulerOptions['post'] = async (...args) => {
			if (failures-- > 0) throw new Error('Discord 503: Service Unavailable');
			return post(...args);
		};
		const running = scheduler(open(), { post: flaky, retryDelaysMs: [1_000, 5_000] });
		await running.start([lab]);
		await advance(60_000 + 1_000);
		expect(running.problems('g1')).toMatchObject([
			{ kind: 'potd', slot: '2025-06-02', attempts: 2, error: 'Discord 503: Service Unavailable' },
		]);
		await advance(5_000);
		expect(channel.map((m) => m.at.toISOString())).toEqual(['2025-06-02T09:00:06.000Z']);
		expect(running.problems('g1')).toEqual([]);
		expect(logLines.filter((line) => line.includes('will retry'))).toHaveLength(2);
	});

	it('stops retrying at the end of the day and keeps the failure for the status view', async () => {
		clockAt('2025-06-02T23:58:00Z');
		const broken: SchedulerOptions['post'] = async () => {
			throw new Error('Missing Permissions');
		};
		const running = scheduler(open(), { post: broken, retryDelaysMs: [30_000, 120_000, 600_000] });
		await running.start([{ ...lab, potd_time: '23:58' }]);
		await advance(HOUR);
		expect(running.problems('g1')).toMatchObject([{ slot: '2025-06-02', attempts: 2, error: 'Missing Permissions' }]);
		expect(logLines).toContain('schedule: post failed; giving up for this slot');
	});
});

describe('createScheduler: digests', () => {
	const digestLab = { ...lab, potd_channel_id: null, digest_channel_id: 'digest-channel' };

	it('posts a digest only in weeks with new papers, moving the watermark each time', async () => {
		clockAt('2025-06-01T12:00:00Z');
		const state = open();
		openDigestMarks(state).recordFirstSeen(['2401.00001'], new Date());
		await scheduler(state).start([digestLab]);
		await advance(3 * DAY);
		openDigestMarks(state).recordFirstSeen(['2401.00001', '2406.00001', '2406.00002'], new Date());
		await advance(12 * DAY);
		expect(channel.map((m) => [m.kind, m.slot])).toEqual([['digest', '2025-06-09T09:00:00.000Z']]);
		expect(openDigestMarks(state).watermark('g1')?.toISOString()).toBe('2025-06-16T09:00:00.000Z');
		for (const empty of ['2025-06-02T09:00:00.000Z', '2025-06-16T09:00:00.000Z']) {
			expect(openPostLog(state).get('g1', 'digest', empty)).toMatchObject({ status: 'sent', message_id: null });
		}
		expect(logLines.filter((line) => line === 'schedule: no new papers since the last digest; nothing posted')).toHaveLength(2);
	});

	it('posts an empty digest when asked to', async () => {
		clockAt('2025-06-01T12:00:00Z');
		await scheduler(open(), { postEmptyDigest: true }).start([digestLab]);
		await advance(2 * DAY);
		expect(channel.map((m) => m.slot)).toEqual(['2025-06-02T09:00:00.000Z']);
	});

	it('on a restart after the digest time, makes the owed digest once', async () => {
		clockAt('2025-06-09T10:00:00Z');
		const state = open();
		openDigestMarks(state).recordFirstSeen(['2401.00001'], new Date('2025-06-01T00:00:00Z'));
		openDigestMarks(state).recordFirstSeen(['2406.00001'], new Date('2025-06-05T00:00:00Z'));
		await scheduler(state).start([digestLab]);
		await advance(DAY);
		expect(channel.map((m) => [m.slot, m.at.toISOString()])).toEqual([['2025-06-09T09:00:00.000Z', '2025-06-09T10:00:00.000Z']]);
	});
});

describe('createScheduler: stop and update', () => {
	it('posts nothing after stop', async () => {
		clockAt('2025-06-02T08:00:00Z');
		const running = scheduler(open());
		await running.start([lab]);
		await running.stop();
		await advance(2 * DAY);
		expect(channel).toEqual([]);
	});

	it('re-arms a guild at its new time', async () => {
		clockAt('2025-06-02T08:00:00Z');
		const running = scheduler(open());
		await running.start([lab]);
		running.update({ ...lab, potd_time: '08:30' });
		await advance(2 * HOUR);
		expect(channel.map((m) => m.at.toISOString())).toEqual(['2025-06-02T08:30:00.000Z']);
	});

	it('forgets a removed guild', async () => {
		clockAt('2025-06-02T08:00:00Z');
		const running = scheduler(open());
		await running.start([lab]);
		running.remove('g1');
		await advance(2 * DAY);
		expect(channel).toEqual([]);
	});
});
