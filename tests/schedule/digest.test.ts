import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { savedSearchMatcher } from '../../src/search/match.js';
import { groupDigest, planDigest, type QueryMatcher } from '../../src/schedule/digest.js';
import { openSubscriptions, openTopics } from '../../src/store/saved-searches.js';
import { openDigestMarks } from '../../src/store/digest-marks.js';
import type { State } from '../../src/store/state.js';
import { useTempState } from './temp-state.js';
import { ScheduleSettingError } from '../../src/store/setting-values.js';

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
		expect(openDigestMarks(state).recordFirstSeen(['2401.00001', '2401.00002'], t('2025-06-01T08:00:00Z'))).toEqual([
			'2401.00001',
			'2401.00002',
		]);
		expect(openDigestMarks(state).newPapers('g1', t('2025-06-09T09:00:00Z'))).toEqual([]);
	});

	it('returns only ids not seen before, and keeps the first time each was seen', () => {
		openDigestMarks(state).recordFirstSeen(['2401.00001'], t('2025-06-01T08:00:00Z'));
		expect(openDigestMarks(state).recordFirstSeen(['2401.00001', '2406.00001', '2406.00001'], t('2025-06-02T08:00:00Z'))).toEqual([
			'2406.00001',
		]);
		expect(openDigestMarks(state).recordFirstSeen(['2406.00001'], t('2025-06-05T08:00:00Z'))).toEqual([]);
		expect(openDigestMarks(state).newPapers('g1', t('2025-06-02T08:00:00Z'))).toEqual(['2406.00001']);
		expect(openDigestMarks(state).newPapers('g1', t('2025-06-01T23:00:00Z'))).toEqual([]);
	});
});

describe('papersForDigest', () => {
	it('lists papers first seen after the guild’s watermark and up to the digest time, oldest first', () => {
		openDigestMarks(state).recordFirstSeen(['2401.00001'], t('2025-06-01T08:00:00Z'));
		openDigestMarks(state).recordFirstSeen(['2406.00002'], t('2025-06-03T08:00:00Z'));
		openDigestMarks(state).recordFirstSeen(['2406.00001'], t('2025-06-04T08:00:00Z'));
		openDigestMarks(state).recordFirstSeen(['2406.00003'], t('2025-06-10T08:00:00Z'));
		expect(openDigestMarks(state).newPapers('g1', t('2025-06-09T09:00:00Z'))).toEqual(['2406.00002', '2406.00001']);
		openDigestMarks(state).advance('g1', t('2025-06-09T09:00:00Z'));
		expect(openDigestMarks(state).newPapers('g1', t('2025-06-16T09:00:00Z'))).toEqual(['2406.00003']);
		expect(openDigestMarks(state).newPapers('g2', t('2025-06-16T09:00:00Z'))).toEqual(['2406.00002', '2406.00001', '2406.00003']);
	});
});

describe('advanceDigestWatermark', () => {
	it('moves forward only', () => {
		expect(openDigestMarks(state).watermark('g1')).toBeNull();
		openDigestMarks(state).advance('g1', t('2025-06-09T09:00:00Z'));
		openDigestMarks(state).advance('g1', t('2025-06-02T09:00:00Z'));
		expect(openDigestMarks(state).watermark('g1')?.toISOString()).toBe('2025-06-09T09:00:00.000Z');
	});
});

describe('addTopic', () => {
	it('saves a topic once per guild, tidying its spacing', () => {
		expect(openTopics(state).add('g1', '  graph   neural ')).toBe(true);
		expect(openTopics(state).add('g1', 'graph neural')).toBe(false);
		expect(openTopics(state).add('g2', 'graph neural')).toBe(true);
		expect(openTopics(state).list('g1')).toEqual(['graph neural']);
	});

	it('refuses an empty or overlong query with the expected form', () => {
		expect(() => openTopics(state).add('g1', '   ')).toThrow(
			new ScheduleSettingError('query must be 1–100 characters, e.g. "diffusion models"'),
		);
		expect(() => openTopics(state).add('g1', 'x'.repeat(101))).toThrow(ScheduleSettingError);
		expect(openTopics(state).list('g1')).toEqual([]);
	});
});

describe('removeTopic', () => {
	it('removes a saved topic and says whether there was one', () => {
		openTopics(state).add('g1', 'diffusion');
		expect(openTopics(state).remove('g1', 'diffusion')).toBe(true);
		expect(openTopics(state).remove('g1', 'diffusion')).toBe(false);
		expect(openTopics(state).list('g1')).toEqual([]);
	});
});

describe('listTopics', () => {
	it('lists a guild’s topics alphabetically', () => {
		openTopics(state).add('g1', 'graph');
		openTopics(state).add('g1', 'diffusion');
		expect(openTopics(state).list('g1')).toEqual(['diffusion', 'graph']);
	});
});

describe('subscribe', () => {
	it('saves a user’s query once', () => {
		expect(openSubscriptions(state).add('g1', 'u1', 'diffusion')).toBe(true);
		expect(openSubscriptions(state).add('g1', 'u1', 'diffusion')).toBe(false);
		expect(() => openSubscriptions(state).add('g1', 'u1', '')).toThrow(ScheduleSettingError);
	});
});

describe('unsubscribe', () => {
	it('removes one query, or all of a user’s queries', () => {
		openSubscriptions(state).add('g1', 'u1', 'diffusion');
		openSubscriptions(state).add('g1', 'u1', 'graph');
		openSubscriptions(state).add('g1', 'u2', 'graph');
		expect(openSubscriptions(state).remove('g1', 'u1', 'graph')).toBe(1);
		expect(openSubscriptions(state).list('g1', 'u1')).toEqual([{ user_id: 'u1', query: 'diffusion' }]);
		expect(openSubscriptions(state).remove('g1', 'u1')).toBe(1);
		expect(openSubscriptions(state).list('g1')).toEqual([{ user_id: 'u2', query: 'graph' }]);
	});
});

describe('listSubscriptions', () => {
	it('lists a guild’s subscriptions by user, or one user’s', () => {
		openSubscriptions(state).add('g1', 'u2', 'graph');
		openSubscriptions(state).add('g1', 'u1', 'optimisers');
		openSubscriptions(state).add('g2', 'u1', 'graph');
		expect(openSubscriptions(state).list('g1')).toEqual([
			{ user_id: 'u1', query: 'optimisers' },
			{ user_id: 'u2', query: 'graph' },
		]);
		expect(openSubscriptions(state).list('g2', 'u1')).toEqual([{ user_id: 'u1', query: 'graph' }]);
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
		const ids = [...index.ids];
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
		openDigestMarks(state).recordFirstSeen(['2401.00001'], t('2025-06-01T08:00:00Z'));
		openDigestMarks(state).recordFirstSeen(['2406.00001', '2406.00004'], t('2025-06-03T08:00:00Z'));
		openTopics(state).add('g1', 'diffusion');
		openSubscriptions(state).add('g1', 'u9', 'optimisers');
		const plan = planDigest(state, 'g1', t('2025-06-09T09:00:00Z'), matches);
		expect(plan.paperIds).toEqual(['2406.00001', '2406.00004']);
		expect(plan.sections.map((s) => [s.title, s.paperIds])).toEqual([
			['diffusion', ['2406.00001']],
			['Other', ['2406.00004']],
		]);
		expect(plan.mentionedUserIds).toEqual(['u9']);
	});
});
