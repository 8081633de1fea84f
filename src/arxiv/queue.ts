/** Runs requests one at a time, each starting at least a fixed interval after the previous one ended. */
export interface RequestQueue {
	/** Queues `task`; resolves or rejects with its outcome. Nothing queued is ever dropped. */
	run<T>(task: () => Promise<T>): Promise<T>;
}

/** arXiv's API terms: no more than one request every three seconds, one connection at a time. */
export const ARXIV_MIN_INTERVAL_SECONDS = 3;

async function waitUntil(time: number): Promise<void> {
	// timers may fire a millisecond early, so check the clock again rather than trust one timeout
	for (let remaining = time - performance.now(); remaining > 0; remaining = time - performance.now()) {
		await new Promise((resolve) => setTimeout(resolve, Math.ceil(remaining)));
	}
}

/**
 * A queue that runs one task at a time and starts each at least `intervalMs` after the previous
 * one ended, so requests are never closer than the interval however long each takes. A failing
 * task does not stop the ones queued behind it.
 */
export function createRequestQueue(intervalMs: number): RequestQueue {
	let tail: Promise<unknown> = Promise.resolve();
	let lastEnd = Number.NEGATIVE_INFINITY;
	return {
		run<T>(task: () => Promise<T>): Promise<T> {
			const outcome = tail.then(async () => {
				await waitUntil(lastEnd + intervalMs);
				try {
					return await task();
				} finally {
					lastEnd = performance.now();
				}
			});
			tail = outcome.catch(() => undefined);
			return outcome;
		},
	};
}
