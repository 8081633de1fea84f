import { describe, expect, it } from 'vitest';
import { createRequestQueue } from '../../src/arxiv/queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRequestQueue', () => {
	it('runs queued tasks one at a time, each at least the interval after the previous one ended', async () => {
		const intervalMs = 100;
		const queue = createRequestQueue(intervalMs);
		const spans: { start: number; end: number }[] = [];
		const task = (durationMs: number) => async () => {
			const start = performance.now();
			await sleep(durationMs);
			spans.push({ start, end: performance.now() });
			return durationMs;
		};
		const results = await Promise.all([30, 5, 20, 0].map((durationMs) => queue.run(task(durationMs))));
		expect(results).toEqual([30, 5, 20, 0]);
		expect(spans).toHaveLength(4);
		for (let index = 1; index < spans.length; index += 1) {
			expect(spans[index]!.start - spans[index - 1]!.end).toBeGreaterThanOrEqual(intervalMs);
		}
	});

	it('runs the first task at once', async () => {
		const queue = createRequestQueue(10_000);
		const queuedAt = performance.now();
		const startedAt = await queue.run(async () => performance.now());
		expect(startedAt - queuedAt).toBeLessThan(50);
	});

	it('keeps running queued tasks after one fails, and passes the failure to its caller', async () => {
		const queue = createRequestQueue(10);
		const failing = queue.run(async () => {
			throw new Error('arXiv is down');
		});
		const next = queue.run(async () => 'still ran');
		await expect(failing).rejects.toThrow('arXiv is down');
		await expect(next).resolves.toBe('still ran');
	});

	it('waits the interval for a task queued after the queue went idle', async () => {
		const queue = createRequestQueue(120);
		let firstEnd = 0;
		await queue.run(async () => {
			firstEnd = performance.now();
		});
		await sleep(40);
		const secondStart = await queue.run(async () => performance.now());
		expect(secondStart - firstEnd).toBeGreaterThanOrEqual(120);
	});
});
