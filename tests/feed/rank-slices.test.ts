import { describe, expect, it } from 'vitest';
import { paperSchema } from '../../src/corpus/paper.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { LAB_SAMPLE } from '../../src/search/similarity.js';
import { generatePapers } from '../bench/synthetic-corpus.js';

const papers = (count: number, seed: number) => [...generatePapers({ count, seed })].map((record) => paperSchema.parse(record));

describe('rankFeedPapers in slices', () => {
	it('lets timers run while it ranks a large day against a corpus larger than the lab sample', async () => {
		const index = buildSearchIndex(papers(LAB_SAMPLE + 500, 3));
		// New ids: the generator's would repeat the corpus's.
		const day = papers(500, 99).map((paper, n) => ({ ...paper, id: `2601.${String(n).padStart(5, '0')}` }));
		let ticks = 0;
		let last = performance.now();
		let longestHold = 0;
		const ticker = setInterval(() => {
			ticks++;
			longestHold = Math.max(longestHold, performance.now() - last);
			last = performance.now();
		}, 1);
		const started = performance.now();
		const { ranked } = await rankFeedPapers(index, day, { max: 10 });
		const took = performance.now() - started;
		clearInterval(ticker);
		expect(ranked).toBe(day.length);
		// An interaction waiting on the event loop is answered well within Discord's 3 seconds (the
		// bound leaves room for a machine busy with other work, which delays timers too).
		expect(ticks).toBeGreaterThan(1);
		expect(longestHold).toBeLessThan(Math.min(1_000, took));
	}, 60_000);
});
