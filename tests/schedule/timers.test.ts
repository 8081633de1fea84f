import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTimers } from '../../src/schedule/timers.js';

const START = new Date('2024-03-11T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** setTimeout's longest delay; Node (and vitest's fake timers) fire a longer one after 1 ms. */
const MAX_SET_TIMEOUT_MS = 2 ** 31 - 1;

const after = (ms: number) => new Date(START.getTime() + ms);

beforeEach(() => {
	vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('createTimers', () => {
	it('runs a task at its time and not a millisecond before', async () => {
		const timers = createTimers(() => new Date());
		const task = vi.fn();
		timers.later('potd', after(90_000), task);
		await vi.advanceTimersByTimeAsync(89_999);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(task).toHaveBeenCalledOnce();
	});

	it('runs a task whose time has passed at once, but not within the call', async () => {
		const timers = createTimers(() => new Date());
		const task = vi.fn();
		timers.later('potd', after(-DAY), task);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(0);
		expect(task).toHaveBeenCalledOnce();
	});

	it(`waits longer than setTimeout's limit of ${MAX_SET_TIMEOUT_MS} ms to the millisecond, holding one timer`, async () => {
		const timers = createTimers(() => new Date());
		const task = vi.fn();
		const wait = 40 * DAY;
		expect(wait).toBeGreaterThan(MAX_SET_TIMEOUT_MS);
		timers.later('digest', after(wait), task);
		await vi.advanceTimersByTimeAsync(1);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(wait - 2);
		expect(task).not.toHaveBeenCalled();
		expect(vi.getTimerCount()).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(task).toHaveBeenCalledOnce();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('runs a task within the hour after the clock jumps past its time', async () => {
		let skew = 0;
		const timers = createTimers(() => new Date(Date.now() + skew));
		const task = vi.fn();
		timers.later('potd', after(10 * HOUR), task);
		skew = 10 * HOUR;
		await vi.advanceTimersByTimeAsync(HOUR - 1);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(task).toHaveBeenCalledOnce();
	});

	it('waits again when it wakes and the clock, set back, says the time has not come', async () => {
		let skew = 0;
		const timers = createTimers(() => new Date(Date.now() + skew));
		const task = vi.fn();
		timers.later('potd', after(30 * 60_000), task);
		skew = -HOUR;
		await vi.advanceTimersByTimeAsync(30 * 60_000);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(HOUR - 1);
		expect(task).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(task).toHaveBeenCalledOnce();
	});

	it('runs several tasks of one group, each at its own time', async () => {
		const timers = createTimers(() => new Date());
		const ran: string[] = [];
		timers.later('retry', after(2_000), () => ran.push('second'));
		timers.later('retry', after(1_000), () => ran.push('first'));
		await vi.advanceTimersByTimeAsync(2_000);
		expect(ran).toEqual(['first', 'second']);
	});
});

describe('clear', () => {
	it("cancels every timer of a group, including one in a long wait, and leaves other groups' alone", async () => {
		const timers = createTimers(() => new Date());
		const cleared = vi.fn();
		const kept = vi.fn();
		timers.later('guild-1', after(1_000), cleared);
		timers.later('guild-1', after(3 * DAY), cleared);
		timers.later('guild-2', after(1_000), kept);
		await vi.advanceTimersByTimeAsync(2 * HOUR);
		expect(cleared).toHaveBeenCalledOnce();
		timers.clear('guild-1');
		await vi.advanceTimersByTimeAsync(4 * DAY);
		expect(cleared).toHaveBeenCalledOnce();
		expect(kept).toHaveBeenCalledOnce();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('lets a cleared group take new timers', async () => {
		const timers = createTimers(() => new Date());
		const task = vi.fn();
		timers.clear('potd');
		timers.later('potd', after(1_000), task);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(task).toHaveBeenCalledOnce();
	});
});

describe('stop', () => {
	it('cancels every timer, refuses later ones and says it stopped', async () => {
		const timers = createTimers(() => new Date());
		const task = vi.fn();
		timers.later('potd', after(1_000), task);
		timers.later('digest', after(5 * DAY), task);
		expect(timers.stopped).toBe(false);
		timers.stop();
		expect(timers.stopped).toBe(true);
		timers.later('potd', after(0), task);
		expect(vi.getTimerCount()).toBe(0);
		await vi.advanceTimersByTimeAsync(6 * DAY);
		expect(task).not.toHaveBeenCalled();
	});

	it('keeps a task that is due in the same tick from running once stop is called', async () => {
		const timers = createTimers(() => new Date());
		const late = vi.fn();
		timers.later('a', after(1_000), () => timers.stop());
		timers.later('b', after(1_000), late);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(timers.stopped).toBe(true);
		expect(late).not.toHaveBeenCalled();
	});
});
