import { describe, expect, it } from 'vitest';
import { MAX_PROPOSALS, openReadingList, type ReadingList } from '../../src/store/reading-list.js';
import { pollOutcome, pollProposals } from '../../src/schedule/reading-vote.js';
import { useTempState } from '../schedule/temp-state.js';

let list: ReadingList;
useTempState((state) => {
	list = openReadingList(state);
});

const ada = { id: 'u1', name: 'Ada' };
const bo = { id: 'u2', name: 'Bo' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));

describe('ReadingList.propose', () => {
	it('adds a paper with its proposer, note and time, and counts the list', () => {
		expect(list.propose('g1', '2305.00054', ada, 'short', at(0))).toEqual({
			status: 'added',
			count: 1,
			proposal: {
				guildId: 'g1',
				paperId: '2305.00054',
				proposerId: 'u1',
				proposerName: 'Ada',
				note: 'short',
				proposedAt: at(0).toISOString(),
			},
		});
		expect(list.propose('g1', '2305.11484', bo, null, at(1))).toMatchObject({ status: 'added', count: 2 });
	});

	it('answers who proposed a paper already on the list, and keeps their proposal', () => {
		list.propose('g1', '2305.00054', ada, null, at(0));
		expect(list.propose('g1', '2305.00054', bo, 'me too', at(5))).toMatchObject({ status: 'present', proposal: { proposerName: 'Ada' } });
		expect(list.list('g1')).toHaveLength(1);
	});

	it('keeps each server’s list apart', () => {
		list.propose('g1', '2305.00054', ada, null, at(0));
		expect(list.propose('g2', '2305.00054', bo, null, at(1))).toMatchObject({ status: 'added', count: 1 });
	});

	it(`refuses a proposal past ${MAX_PROPOSALS}, handing back the list to choose from`, () => {
		for (let index = 0; index < MAX_PROPOSALS; index += 1)
			list.propose('g1', `2401.${String(index).padStart(5, '0')}`, ada, null, at(index));
		const full = list.propose('g1', '2402.00001', bo, null, at(59));
		expect(full.status).toBe('full');
		expect(full.status === 'full' && full.proposals).toHaveLength(MAX_PROPOSALS);
		expect(list.get('g1', '2402.00001')).toBeNull();
	});
});

describe('ReadingList.withdraw', () => {
	it('takes a paper off, and says false for one not on the list', () => {
		list.propose('g1', '2305.00054', ada, null, at(0));
		expect(list.withdraw('g1', '2305.00054')).toBe(true);
		expect(list.withdraw('g1', '2305.00054')).toBe(false);
		expect(list.list('g1')).toEqual([]);
	});
});

describe('pollProposals', () => {
	it('offers the ten oldest proposals, oldest first', () => {
		for (let index = 11; index >= 0; index -= 1) list.propose('g1', `2401.${String(index).padStart(5, '0')}`, ada, null, at(index));
		expect(pollProposals(list.list('g1')).map((proposal) => proposal.paperId)).toEqual(
			Array.from({ length: 10 }, (_, index) => `2401.${String(index).padStart(5, '0')}`),
		);
	});
});

describe('pollOutcome', () => {
	it('picks the paper with the most votes, naming its votes of all votes', () => {
		expect(pollOutcome(['a', 'b', 'c'], [1, 7, 4])).toEqual({ winner: 'b', votes: 7, total: 12, tiedWith: [] });
	});

	it('gives a tie to the earliest proposed', () => {
		expect(pollOutcome(['a', 'b', 'c'], [0, 3, 3])).toEqual({ winner: 'b', votes: 3, total: 6, tiedWith: ['c'] });
	});

	it('picks nothing when nobody voted', () => {
		expect(pollOutcome(['a', 'b'], [0, 0])).toEqual({ winner: null, votes: 0, total: 0, tiedWith: [] });
	});
});
