import { describe, expect, it } from 'vitest';
import { countsToOffsets, lowerBound } from '../../src/search/sorted.js';

/** The first position in `sorted` whose value is not below `value`, by lowerBound. */
const positionOf = (sorted: readonly number[], value: number) => lowerBound(sorted.length, (index) => sorted[index]! < value);

describe('lowerBound', () => {
	it('returns 0 for an empty range without asking about any index', () => {
		expect(
			lowerBound(0, () => {
				throw new Error('asked about an index of an empty range');
			}),
		).toBe(0);
	});

	it('finds the first of several equal values', () => {
		const sorted = [1, 3, 3, 3, 7];
		expect(positionOf(sorted, 3)).toBe(1);
		expect(positionOf(sorted, 7)).toBe(4);
	});

	it('returns where a missing value would be inserted: 0 below the range, the length above it', () => {
		const sorted = [1, 3, 3, 3, 7];
		expect(positionOf(sorted, 0)).toBe(0);
		expect(positionOf(sorted, 4)).toBe(4);
		expect(positionOf(sorted, 8)).toBe(5);
	});

	it('agrees with a linear scan on every value of a range with runs', () => {
		const sorted = [2, 2, 4, 4, 4, 5, 9, 9, 9, 9, 12];
		for (let value = 0; value <= 13; value++) {
			const expected = sorted.findIndex((entry) => entry >= value);
			expect(positionOf(sorted, value), `value ${value}`).toBe(expected === -1 ? sorted.length : expected);
		}
	});

	it('asks about no index outside [0, length)', () => {
		const asked: number[] = [];
		for (const cut of [0, 1, 500, 999, 1000]) {
			lowerBound(1000, (index) => {
				asked.push(index);
				return index < cut;
			});
		}
		expect(asked.every((index) => index >= 0 && index < 1000)).toBe(true);
		expect(asked.length).toBeLessThanOrEqual(5 * 11);
	});
});

describe('countsToOffsets', () => {
	it('turns group sizes (from position 1) into each group’s start: a prefix sum, in place', () => {
		const counts = Uint32Array.of(0, 2, 0, 3, 1);
		const offsets = countsToOffsets(counts);
		expect(offsets).toBe(counts);
		expect([...offsets]).toEqual([0, 2, 2, 5, 6]);
	});

	it('gives an empty group a span of length 0 and keeps a leading offset', () => {
		expect([...countsToOffsets(Uint32Array.of(4, 0, 0, 1))]).toEqual([4, 4, 4, 5]);
	});

	it('leaves an empty or single-entry array as it is', () => {
		expect([...countsToOffsets(new Uint32Array(0))]).toEqual([]);
		expect([...countsToOffsets(Uint32Array.of(7))]).toEqual([7]);
	});
});
