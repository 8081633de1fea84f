import { describe, expect, it } from 'vitest';
import { labSettings } from '../schedule/lab-settings.js';
import { componentLimitViolations, embedLimitViolations } from '../../src/cards/index.js';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { findMarkedPost } from '../../src/messages/post-messages.js';
import {
	buildNoVotesMessage,
	buildPickMessage,
	buildPollMessage,
	buildProposalsMessage,
	POLL_LIMITS,
	readingStatusLines,
	type ProposedPaper,
} from '../../src/messages/reading-messages.js';

const SLOT = '2026-03-02T10:00:00.000Z';
const LONG_TITLE = 'A remarkably long title about spiking neural networks, surrogate gradients and everything else that fits in a title';

function entry(n: number, title = LONG_TITLE, proposerName = `@everyone Member ${n} with a very long display name indeed`): ProposedPaper {
	const id = `2401.${String(n).padStart(5, '0')}`;
	const paper: Paper = paperSchema.parse({ id, title: `${title} ${n}`, authors: ['Ada Lovelace'], abstract: 'An abstract.' });
	return {
		paper,
		proposal: { guildId: 'g1', paperId: id, proposerId: `u${n}`, proposerName, note: null, proposedAt: `2026-03-01T0${n % 10}:00:00.000Z` },
	};
}

describe('buildPollMessage', () => {
	const ten = Array.from({ length: 10 }, (_, n) => entry(n));
	const message = buildPollMessage(ten, SLOT, 24, 'Europe/London', new Date('2026-03-03T10:00:00Z'));

	it('asks about the week and offers each title cut at a word to fit 55 characters, in the order given', () => {
		expect(message.poll.question.text).toBe('Reading group, week of 2026-03-02: which paper next?');
		expect(message.poll.answers).toHaveLength(10);
		for (const answer of message.poll.answers) {
			expect(answer.poll_media.text.length).toBeLessThanOrEqual(POLL_LIMITS.answer);
			expect(answer.poll_media.text).toMatch(/^A remarkably long title about spiking( neural)?…$/);
		}
		expect(message.poll).toMatchObject({ duration: 24, allow_multiselect: false, layout_type: 1 });
	});

	it('lists the papers with unfurl-free links and proposers named, within 2,000 characters, marked with its slot', () => {
		expect(message.content.length).toBeLessThanOrEqual(2000);
		expect(message.content).toContain('1. [A remarkably long title');
		expect(message.content).toContain('(<https://arxiv.org/abs/2401.00009>)');
		expect(message.content).toContain('proposed by @\u200beveryone Member 9');
		expect(findMarkedPost([{ id: 'm1', authorId: 'bot', footers: [], content: message.content }], 'bot', 'reading_poll', SLOT)).toBe('m1');
	});
});

describe('buildPickMessage', () => {
	it('heads the winner’s card, names its votes and its proposer, and carries the result’s marker', () => {
		const { paper, proposal } = entry(1, 'Dive into the Power of Neuronal Heterogeneity', 'Bo');
		const message = buildPickMessage(proposal.paperId, paper, proposal, { winner: proposal.paperId, votes: 7, total: 12 }, SLOT);
		expect(message.content).toBe(
			'**Next reading: Dive into the Power of Neuronal Heterogeneity 1** — 7 of 12 votes. Proposed by Bo. Discuss it in the thread.',
		);
		expect(message.embeds[0]?.author?.name).toBe('Reading group pick');
		expect(message.embeds[0]?.footer?.text).toBe(`arXiv:2401.00001 · Reading pick · ${SLOT}`);
		expect(message.mentionedUserIds).toEqual([]);
		expect(embedLimitViolations(message.embeds)).toEqual([]);
	});

	it('names a winner that left the corpus by its arXiv link', () => {
		const message = buildPickMessage('2401.99999', null, null, { winner: '2401.99999', votes: 1, total: 1 }, SLOT);
		expect(message.content).toContain('arXiv:2401.99999** — 1 of 1 vote.');
		expect(message.embeds[0]?.url).toBe('https://arxiv.org/abs/2401.99999');
	});
});

describe('buildNoVotesMessage', () => {
	it('says the list is kept, marked with the result’s slot', () => {
		const message = buildNoVotesMessage(SLOT);
		expect(message.embeds[0]?.description).toContain('every proposal stays on the list');
		expect(message.embeds[0]?.footer?.text).toBe(`Reading pick · ${SLOT}`);
	});
});

describe('buildProposalsMessage', () => {
	it('lists 25 proposals within Discord’s limits, with a menu that opens each card', () => {
		const entries = Array.from({ length: 25 }, (_, n) => entry(n));
		const message = buildProposalsMessage(entries, 25);
		expect(message.embeds[0]?.title).toBe('Reading list: 25 of 25');
		expect(embedLimitViolations(message.embeds)).toEqual([]);
		expect(componentLimitViolations(message.components)).toEqual([]);
		const menu = message.components[0]?.components[0] as { options: { value: string }[] };
		expect(menu.options).toHaveLength(25);
	});
});

describe('readingStatusLines', () => {
	const settings = labSettings({ timezone: 'Europe/London', reading_channel_id: 'c9' });

	it('shows where and when, the list, the open poll with its end and link, and the next poll', () => {
		const openPoll = {
			guildId: 'g1',
			slot: SLOT,
			channelId: 'c9',
			paperIds: ['a', 'b'],
			endsAt: '2026-03-03T10:00:00.000Z',
			messageId: 'm1',
		};
		expect(readingStatusLines({ settings, proposals: 3, openPoll, nextPoll: new Date('2026-03-09T10:00:00Z') })).toEqual([
			'<#c9> on `0 10 * * 1`, each poll open 24 h',
			'Reading list: 3 proposal(s)',
			'Open poll: [vote](https://discord.com/channels/g1/c9/m1), ends 2026-03-03 10:00 (Europe/London)',
			'Next poll: 2026-03-09 10:00 (Europe/London)',
		]);
	});

	it('says there will be no poll with fewer than two proposals', () => {
		expect(readingStatusLines({ settings, proposals: 1, openPoll: null, nextPoll: new Date('2026-03-09T10:00:00Z') }).at(-1)).toBe(
			'Next poll: 2026-03-09 10:00 (Europe/London); no poll unless at least two papers are proposed (1 now)',
		);
	});
});
