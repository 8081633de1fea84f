import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildSearchIndex, type PaperIndex } from '../../src/search/paper-index.js';
import { similarPapers } from '../../src/search/similar.js';

const SHIPPED = new URL('../../data/', import.meta.url).pathname;
/** The shipped paper on photon cycling in YbOH molecules: nothing else in the corpus is about molecules. */
const YBOH = '2304.14548';

let shipped: PaperIndex;
const similarIds = (id: string, limit?: number) => similarPapers(shipped, id, limit).map((similar) => similar.paper.id);

beforeAll(async () => {
	shipped = buildSearchIndex((await loadCorpus(SHIPPED)).papers);
});

describe('similarPapers', () => {
	it('finds the other spiking network papers for a spiking network paper, never the paper itself', () => {
		const similar = similarIds('2305.10246');
		expect(similar).not.toContain('2305.10246');
		expect(similar.slice(0, 3)).toEqual(expect.arrayContaining(['2304.06540']));
	});

	it('lists no paper for the YbOH molecule paper: no other shipped paper is like it', () => {
		expect(similarIds(YBOH)).toEqual([]);
	});

	it('lists only papers above the bar the corpus sets, so a paper may have fewer than asked for', () => {
		const counts = shipped.ids.map((id) => similarPapers(shipped, id, 20).length);
		expect(Math.max(...counts)).toBeLessThan(shipped.papers.length - 1);
		const least = Math.min(...shipped.ids.flatMap((id) => similarPapers(shipped, id, 20).map((similar) => similar.similarity)));
		// The closest paper to the YbOH molecule paper falls under the least similarity any listed paper has.
		expect(similarPapers(shipped, YBOH, 20)).toEqual([]);
		expect(least).toBeGreaterThan(0);
	});

	it('lists the most similar first, never the paper itself, and at most `limit`', () => {
		for (const id of shipped.ids) {
			const similar = similarPapers(shipped, id, 2);
			expect(similar.length).toBeLessThanOrEqual(2);
			expect(similar.map((other) => other.paper.id)).not.toContain(id);
			expect(similar.map((other) => other.similarity)).toEqual([...similar.map((other) => other.similarity)].sort((a, b) => b - a));
		}
	});

	it('reads any id form and returns nothing for an unknown id', () => {
		expect(similarIds('arXiv:2305.14174v1').length).toBeGreaterThan(0);
		expect(similarIds('9999.99999')).toEqual([]);
	});
});
