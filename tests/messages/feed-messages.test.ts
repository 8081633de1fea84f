import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { componentLimitViolations, embedLimitViolations } from '../../src/cards/limits.js';
import { buildFeedMessages, feedCardReply } from '../../src/messages/feed-messages.js';
import type { FeedPlan } from '../../src/feed/plan.js';

const paper = (n: number, extra: Partial<Paper> = {}): Paper =>
	paperSchema.parse({
		id: `2603.${String(n).padStart(5, '0')}`,
		title: `A long title about spiking neural networks and their many temporal dynamics, number ${n}, with $\\alpha$-synapses`,
		authors: ['André Müller', 'Zoë Smith', 'Third Author', 'Fourth Author'],
		abstract: 'Spikes.',
		categories: ['cs.NE', 'cs.LG', 'q-bio.NC'],
		published: '2026-03-02',
		...extra,
	});
const corpusPaper = paper(99999, { id: '2305.11484', title: 'Dive into the Power of Neuronal Heterogeneity' });

function plan(count: number, mentions: Record<string, string[]> = {}): FeedPlan {
	const picks = Array.from({ length: count }, (_, n) => ({
		paper: paper(n + 1),
		score: 1,
		standing: 0.97,
		reason:
			n % 2
				? { kind: 'topic' as const, topic: 'spiking' }
				: { kind: 'corpus' as const, paper: corpusPaper, shared: ['neuronal heterogeneity', 'spiking'] },
	}));
	return { date: '2026-03-02', newCount: 40, picks, standingOut: count, mentions };
}

describe('buildFeedMessages', () => {
	it('lists each paper with its linked title, authors, categories and reason, marked with the announcement date', () => {
		const [message, ...more] = buildFeedMessages(plan(2), ['cs.NE', 'cs.LG']);
		expect(more).toEqual([]);
		const [embed] = message!.embeds;
		expect(embed?.title).toBe('New on arXiv in cs.NE, cs.LG: 2 of 40 closest to the lab');
		expect(embed?.description?.split('\n')).toEqual([
			'**1.** [A long title about spiking neural networks and their many temporal dynamics, number 1, with α-synapses](https://arxiv.org/abs/2603.00001) — André Müller et al. · cs.NE, cs.LG, q-bio.NC',
			"↳ close to “Dive into the Power of Neuronal Heterogeneity” · shares *neuronal heterogeneity*, *spiking* · closer to the lab than 97% of today's papers",
			'**2.** [A long title about spiking neural networks and their many temporal dynamics, number 2, with α-synapses](https://arxiv.org/abs/2603.00002) — André Müller et al. · cs.NE, cs.LG, q-bio.NC',
			'↳ matches topic `spiking`',
		]);
		expect(embed?.footer?.text).toBe('arXiv feed · 2026-03-02');
		expect(message?.mentionedUserIds).toEqual([]);
		expect(message?.content).toBeUndefined();
	});

	it('mentions subscribers beside their papers and allows exactly those pings', () => {
		const [message] = buildFeedMessages(plan(3, { '2603.00002': ['u1', 'u2'], '2603.00003': ['u2'] }), ['cs.NE']);
		expect(message?.mentionedUserIds).toEqual(['u1', 'u2']);
		expect(message?.content).toBe('For <@u1> <@u2>');
		expect(message?.embeds[0]?.description).toContain('↳ matches topic `spiking` · <@u1> <@u2>');
	});

	it('splits a long list over messages within Discord’s limits, each with a menu for its own papers', () => {
		const messages = buildFeedMessages(plan(25), ['cs.NE']);
		expect(messages.length).toBeGreaterThan(1);
		for (const message of messages) {
			expect(embedLimitViolations(message.embeds)).toEqual([]);
			expect(componentLimitViolations(message.components)).toEqual([]);
		}
		const options = messages.flatMap((message) =>
			(message.components[0]!.components[0] as { options: { value: string }[] }).options.map((option) => option.value),
		);
		expect(options).toHaveLength(25);
		expect(new Set(options).size).toBe(25);
		expect(messages.at(-1)?.embeds.at(-1)?.footer?.text).toBe(`arXiv feed · 2026-03-02 · part ${messages.length} of ${messages.length}`);
	});

	it('posts nothing when no paper stood out from the day', () => {
		expect(buildFeedMessages(plan(0), ['cs.NE'])).toEqual([]);
	});
});

describe('feedCardReply', () => {
	it('offers Add to corpus to a curator for a paper not in the corpus, and Share, Discuss and Not for us to everyone', () => {
		const ids = (reply: ReturnType<typeof feedCardReply>) => JSON.stringify(reply.message.components);
		expect(ids(feedCardReply(paper(1), { inCorpus: false, mayAdd: true }))).toContain('"add:2603.00001"');
		expect(ids(feedCardReply(paper(1), { inCorpus: false, mayAdd: false }))).not.toContain('add:');
		expect(ids(feedCardReply(paper(1), { inCorpus: true, mayAdd: true }))).not.toContain('add:');
		expect(ids(feedCardReply(paper(1), { inCorpus: false, mayAdd: false }))).toContain('"feed-share:2603.00001"');
		expect(ids(feedCardReply(paper(1), { inCorpus: false, mayAdd: false }))).toContain('"feed-discuss:2603.00001"');
		expect(ids(feedCardReply(paper(1), { inCorpus: false, mayAdd: false }))).toContain('"feed-dismiss:2603.00001"');
		expect(feedCardReply(paper(1), { inCorpus: false, mayAdd: true }).message.flags).toBe(64);
	});

	it('keeps every button of the fullest card within one action row of five', () => {
		const { components } = feedCardReply(paper(1), { inCorpus: false, mayAdd: true }).message;
		expect(componentLimitViolations(components)).toEqual([]);
		const labels = components.flatMap((row) => row.components.map((button) => ('label' in button ? button.label : undefined)));
		expect(labels).toEqual(['Add to corpus', 'Share', 'Discuss', 'Not for us', 'PDF']);
	});
});
