import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { savedSearchMatcher } from '../../src/search/match.js';
import {
	addTopic,
	advanceDigestWatermark,
	digestWatermark,
	groupDigest,
	listSubscriptions,
	listTopics,
	papersForDigest,
	planDigest,
	recordFirstSeen,
	removeTopic,
	subscribe,
	unsubscribe,
	type QueryMatcher,
} from '../../src/schedule/digest.js';
import type { State } from '../../src/schedule/state.js';
import { useTempState } from './temp-state.js';
import { ScheduleSettingError } from '../../src/schedule/time.js';

let state: State;
const t = (iso: string) => new Date(iso);

useTempState((opened) => (state = opened));

/** Stand-in for the search module: a paper matches a query when its title mentions the query. */
const TITLES: Record<string, string> = {
	'2406.00001': 'diffusion models for proteins',
	'2406.00002': 'graph neural networks at scale',
	'2406.00003': 'diffusion on graphs',
	'2406.00004': 'a survey of optimisers',
};
const matches: QueryMatcher = (query, id) => (TITLES[id] ?? '').includes(query);

describe('recordFirstSeen', () => {
	it('counts the very first load as already announced', () => {
		expect(recordFirstSeen(state, ['2401.00001', '2401.00002'], t('2025-06-01T08:00:00Z'))).toEqual(['2401.00001', '2401.00002']);
		expect(papersForDigest(state, 'g1', t('2025-06-09T09:00:00Z'))).toEqual([]);
	});

	it('returns only ids not seen before, and keeps the first time each was seen', () => {
		recordFirstSeen(state, ['2401.00001'], t('2025-06-01T08:00:00Z'));
		expect(recordFirstSeen(state, ['2401.00001', '2406.00001', '2406.00001'], t('2025-06-02T08:00:00Z'))).toEqual(['2406.00001']);
		expect(recordFirstSeen(state, ['2406.00001'], t('2025-06-05T08:00:00Z'))).toEqual([]);
		expect(papersForDigest(state, 'g1', t('2025-06-02T08:00:00Z'))).toEqual(['2406.00001']);
		expect(papersForDigest(state, 'g1', t('2025-06-01T23:00:00Z'))).toEqual([]);
	});
});

describe('papersForDigest', () => {
	it('lists papers first seen after the guild’s watermark and up to the digest time, oldest first', () => {
		recordFirstSeen(state, ['2401.00001'], t('2025-06-01T08:00:00Z'));
		recordFirstSeen(state, ['2406.00002'], t('2025-06-03T08:00:00Z'));
		recordFirstSeen(state, ['2406.00001'], t('2025-06-04T08:00:00Z'));
		recordFirstSeen(state, ['2406.00003'], t('2025-06-10T08:00:00Z'));
		expect(papersForDigest(state, 'g1', t('2025-06-09T09:00:00Z'))).toEqual(['2406.00002', '2406.00001']);
		advanceDigestWatermark(state, 'g1', t('2025-06-09T09:00:00Z'));
		expect(papersForDigest(state, 'g1', t('2025-06-16T09:00:00Z'))).toEqual(['2406.00003']);
		expect(papersForDigest(state, 'g2', t('2025-06-16T09:00:00Z'))).toEqual(['2406.00002', '2406.00001', '2406.00003']);
	});
});

describe('advanceDigestWatermark', () => {
	it('moves forward only', () => {
		expect(digestWatermark(state, 'g1')).toBeNull();
		advanceDigestWatermark(state, 'g1', t('2025-06-09T09:00:00Z'));
		advanceDigestWatermark(state, 'g1', t('2025-06-02T09:00:00Z'));
		expect(digestWatermark(state, 'g1')?.toISOString()).toBe('2025-06-09T09:00:00.000Z');
	});
});

describe('addTopic', () => {
	it('saves a topic once per guild, tidying its spacing', () => {
		expect(addTopic(state, 'g1', '  graph   neural ')).toBe(true);
		expect(addTopic(state, 'g1', 'graph neural')).toBe(false);
		expect(addTopic(state, 'g2', 'graph neural')).toBe(true);
		expect(listTopics(state, 'g1')).toEqual(['graph neural']);
	});

	it('refuses an empty or overlong query with the expected form', () => {
		expect(() => addTopic(state, 'g1', '   ')).toThrow(new ScheduleSettingError('query must be 1–100 characters, e.g. "diffusion models"'));
		expect(() => addTopic(state, 'g1', 'x'.repeat(101))).toThrow(ScheduleSettingError);
		expect(listTopics(state, 'g1')).toEqual([]);
	});
});

describe('removeTopic', () => {
	it('removes a saved topic and says whether there was one', () => {
		addTopic(state, 'g1', 'diffusion');
		expect(removeTopic(state, 'g1', 'diffusion')).toBe(true);
		expect(removeTopic(state, 'g1', 'diffusion')).toBe(false);
		expect(listTopics(state, 'g1')).toEqual([]);
	});
});

describe('listTopics', () => {
	it('lists a guild’s topics alphabetically', () => {
		addTopic(state, 'g1', 'graph');
		addTopic(state, 'g1', 'diffusion');
		expect(listTopics(state, 'g1')).toEqual(['diffusion', 'graph']);
	});
});

describe('subscribe', () => {
	it('saves a user’s query once', () => {
		expect(subscribe(state, 'g1', 'u1', 'diffusion')).toBe(true);
		expect(subscribe(state, 'g1', 'u1', 'diffusion')).toBe(false);
		expect(() => subscribe(state, 'g1', 'u1', '')).toThrow(ScheduleSettingError);
	});
});

describe('unsubscribe', () => {
	it('removes one query, or all of a user’s queries', () => {
		subscribe(state, 'g1', 'u1', 'diffusion');
		subscribe(state, 'g1', 'u1', 'graph');
		subscribe(state, 'g1', 'u2', 'graph');
		expect(unsubscribe(state, 'g1', 'u1', 'graph')).toBe(1);
		expect(listSubscriptions(state, 'g1', 'u1')).toEqual([{ user_id: 'u1', query: 'diffusion' }]);
		expect(unsubscribe(state, 'g1', 'u1')).toBe(1);
		expect(listSubscriptions(state, 'g1')).toEqual([{ user_id: 'u2', query: 'graph' }]);
	});
});

describe('listSubscriptions', () => {
	it('lists a guild’s subscriptions by user, or one user’s', () => {
		subscribe(state, 'g1', 'u2', 'graph');
		subscribe(state, 'g1', 'u1', 'optimisers');
		subscribe(state, 'g2', 'u1', 'graph');
		expect(listSubscriptions(state, 'g1')).toEqual([
			{ user_id: 'u1', query: 'optimisers' },
			{ user_id: 'u2', query: 'graph' },
		]);
		expect(listSubscriptions(state, 'g2', 'u1')).toEqual([{ user_id: 'u1', query: 'graph' }]);
	});
});

describe('groupDigest', () => {
	const papers = ['2406.00001', '2406.00002', '2406.00003', '2406.00004'];

	it('lists papers under every topic they match, and the rest under "Other"', () => {
		const plan = groupDigest(papers, ['diffusion', 'graph', 'quantum'], [], matches);
		expect(plan.sections).toEqual([
			{ topic: 'diffusion', title: 'diffusion', paperIds: ['2406.00001', '2406.00003'] },
			{ topic: 'graph', title: 'graph', paperIds: ['2406.00002', '2406.00003'] },
			{ topic: null, title: 'Other', paperIds: ['2406.00004'] },
		]);
	});

	it('puts everything under "Other" when there are no topics, and has no sections when nothing is new', () => {
		expect(groupDigest(papers, [], [], matches).sections).toEqual([{ topic: null, title: 'Other', paperIds: papers }]);
		expect(groupDigest([], ['graph'], [], matches).sections).toEqual([]);
	});

	it('mentions each subscriber beside the papers their queries match, and nobody else', () => {
		const plan = groupDigest(
			papers,
			[],
			[
				{ user_id: 'u1', query: 'diffusion' },
				{ user_id: 'u1', query: 'proteins' },
				{ user_id: 'u2', query: 'graph' },
				{ user_id: 'u3', query: 'quantum' },
			],
			matches,
		);
		expect(plan.mentions).toEqual({ '2406.00001': ['u1'], '2406.00002': ['u2'], '2406.00003': ['u1', 'u2'] });
		expect(plan.mentionedUserIds).toEqual(['u1', 'u2']);
	});

	it('with the saved-search matcher, mentions a subscriber only beside papers that have every word', async () => {
		const index = buildSearchIndex((await loadCorpus(new URL('../../data/', import.meta.url).pathname)).papers);
		const ids = index.papers.map((paper) => paper.id);
		const plan = groupDigest(
			ids,
			['spiking evolutionary'],
			[
				{ user_id: 'u1', query: 'wasserstein spiking' },
				{ user_id: 'u2', query: 'spiking adversarial' },
			],
			savedSearchMatcher(index),
		);
		expect(plan.mentions).toEqual({ '2305.10246': ['u2'] });
		expect(plan.sections[0]).toMatchObject({ topic: 'spiking evolutionary', paperIds: ['2305.11484', '2304.10749'] });
	});
});

describe('planDigest', () => {
	it('combines the guild’s new papers, topics and subscriptions', () => {
		recordFirstSeen(state, ['2401.00001'], t('2025-06-01T08:00:00Z'));
		recordFirstSeen(state, ['2406.00001', '2406.00004'], t('2025-06-03T08:00:00Z'));
		addTopic(state, 'g1', 'diffusion');
		subscribe(state, 'g1', 'u9', 'optimisers');
		const plan = planDigest(state, 'g1', t('2025-06-09T09:00:00Z'), matches);
		expect(plan.paperIds).toEqual(['2406.00001', '2406.00004']);
		expect(plan.sections.map((s) => [s.title, s.paperIds])).toEqual([
			['diffusion', ['2406.00001']],
			['Other', ['2406.00004']],
		]);
		expect(plan.mentionedUserIds).toEqual(['u9']);
	});
});
