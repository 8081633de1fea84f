import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperOfTheDay, seededShuffle } from '../../src/schedule/rotation.js';
import { openState, type State } from '../../src/store/state.js';
import { useTempState } from './temp-state.js';

let dir: string;
let state: State;

useTempState((opened, folder) => {
	state = opened;
	dir = folder;
});

const ids = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `2401.${String(from + i).padStart(5, '0')}`);

/** Consecutive dates from 1 June 2025. */
function dates(count: number, offset = 0): string[] {
	return Array.from({ length: count }, (_, i) => new Date(Date.UTC(2025, 5, 1 + offset + i)).toISOString().slice(0, 10));
}

function run(guild: string, days: string[], corpus: readonly string[]): string[] {
	return days.map((day) => paperOfTheDay(state, guild, day, corpus) as string);
}

describe('seededShuffle', () => {
	it('returns a permutation, the same for the same seed', () => {
		const items = ids(20);
		const once = seededShuffle(items, 'g1:1');
		expect([...once].sort()).toEqual(items);
		expect(seededShuffle(items, 'g1:1')).toEqual(once);
		expect(seededShuffle(items, 'g1:2')).not.toEqual(once);
		expect(items).toEqual(ids(20));
	});
});

describe('paperOfTheDay', () => {
	it('shows every paper once in a cycle, then starts a new cycle in another order', () => {
		const corpus = ids(12);
		const shown = run('g1', dates(24), corpus);
		const firstCycle = shown.slice(0, 12);
		const secondCycle = shown.slice(12);
		expect([...firstCycle].sort()).toEqual(corpus);
		expect([...secondCycle].sort()).toEqual(corpus);
		expect(secondCycle).not.toEqual(firstCycle);
	});

	it('fixes the paper for a date once chosen, even when the corpus changes', () => {
		const first = paperOfTheDay(state, 'g1', '2025-06-01', ids(5));
		expect(paperOfTheDay(state, 'g1', '2025-06-01', ids(5, 100))).toBe(first);
		const reopened = openState(state.path);
		expect(paperOfTheDay(reopened, 'g1', '2025-06-01', ids(5))).toBe(first);
		reopened.close();
	});

	it('gives the same order for the same guild in any database, and another order for another guild', () => {
		const corpus = ids(10);
		const here = run('g1', dates(10), corpus);
		const elsewhere = openState(join(dir, 'other.db'));
		const there = dates(10).map((day) => paperOfTheDay(elsewhere, 'g1', day, corpus));
		const otherGuild = dates(10).map((day) => paperOfTheDay(elsewhere, 'g2', day, corpus));
		elsewhere.close();
		expect(there).toEqual(here);
		expect(otherGuild).not.toEqual(here);
	});

	it('lets papers added mid-cycle join the rest of the current cycle', () => {
		const before = run('g1', dates(3), ids(6));
		const grown = [...ids(6), ...ids(3, 50)];
		const after = run('g1', dates(6, 3), grown);
		const cycle = [...before, ...after];
		expect([...cycle].sort()).toEqual([...grown].sort());
	});

	it('skips papers removed mid-cycle', () => {
		const corpus = ids(8);
		const before = run('g1', dates(3), corpus);
		const removed = corpus.filter((id) => !before.includes(id)).slice(0, 2);
		const shrunk = corpus.filter((id) => !removed.includes(id));
		const after = run('g1', dates(3, 3), shrunk);
		expect(after.some((id) => removed.includes(id))).toBe(false);
		expect([...before, ...after].sort()).toEqual(shrunk);
	});

	it('never shows the same paper on two days running across cycle boundaries', () => {
		const shown = run('g1', dates(60), ids(2));
		for (let i = 1; i < shown.length; i += 1) expect(shown[i]).not.toBe(shown[i - 1]);
	});

	it('keeps each guild’s rotation apart', () => {
		const corpus = ids(4);
		const g1 = run('g1', dates(4), corpus);
		const g2 = run('g2', dates(4), corpus);
		expect([...g1].sort()).toEqual(corpus);
		expect([...g2].sort()).toEqual(corpus);
	});

	it('gives null for an empty corpus and stores nothing', () => {
		expect(paperOfTheDay(state, 'g1', '2025-06-01', [])).toBeNull();
		expect(paperOfTheDay(state, 'g1', '2025-06-01', ids(1))).toBe(ids(1)[0]);
	});
});
