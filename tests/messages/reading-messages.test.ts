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
	pollAnswers,
	pollPreviewText,
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
			expect(answer.poll_media.text).toMatch(/^A remarkably long title about spiking( neural)?… title \d$/);
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

	it('marks its slot as a Discord timestamp, never as an ISO time; a poll marked the earlier way is still found', () => {
		expect(message.content).toContain('-# Reading poll · <t:1772445600:f>');
		expect(message.content).not.toContain('2026-03-02T');
		const earlier = { id: 'm0', authorId: 'bot', footers: [], content: `…\n-# Reading poll · ${SLOT}` };
		expect(findMarkedPost([earlier], 'bot', 'reading_poll', SLOT)).toBe('m0');
	});

	it('quotes each proposer’s note and says how many proposals did not fit', () => {
		const noted = [entry(1, 'Dive into the Power of Neuronal Heterogeneity'), entry(2, 'LAVA')].map((proposed, index) => ({
			...proposed,
			proposal: { ...proposed.proposal, note: index === 0 ? 'short and *clear*' : null },
		}));
		const full = buildPollMessage(noted, SLOT, 24, 'UTC', new Date('2026-03-03T10:00:00Z'), 3);
		expect(full.content).toContain('— proposed by @\u200beveryone Member 1 with a very… — “short and \\*clear\\*”');
		expect(full.content).toContain('3 more proposals did not fit in this poll (at most 2) and stay on the list for the next.');
		expect(buildPollMessage(noted, SLOT, 24, 'UTC', new Date('2026-03-03T10:00:00Z'), 1).content).toContain('1 more proposal did not fit');
		expect(buildPollMessage(noted, SLOT, 24, 'UTC', new Date('2026-03-03T10:00:00Z')).content).not.toContain('did not fit');
	});
});

describe('pollAnswers', () => {
	it('keeps answers distinct when cut titles would be the same, each within 55 characters', () => {
		const series = [1, 2, 3].map((part) => `Scaling Spiking Neural Networks to Neuromorphic Hardware: Part ${part}`);
		const answers = pollAnswers([...series, 'A short title']);
		expect(answers).toEqual([
			'Scaling Spiking Neural Networks to… Part 1',
			'Scaling Spiking Neural Networks to… Part 2',
			'Scaling Spiking Neural Networks to… Part 3',
			'A short title',
		]);
	});

	it('falls back to each answer’s place when even the ends are the same', () => {
		const same = `${LONG_TITLE} again`;
		const answers = pollAnswers([same, same]);
		expect(new Set(answers).size).toBe(2);
		for (const answer of answers) expect(answer.length).toBeLessThanOrEqual(POLL_LIMITS.answer);
		expect(answers[1]).toMatch(/ \(2\)$/);
	});
});

describe('buildPickMessage', () => {
	const polled = (n: number, title: string, name: string) => {
		const { paper, proposal } = entry(n, title, name);
		return { paperId: proposal.paperId, paper, proposal };
	};

	it('heads the winner’s card, names its votes and its proposer, and carries the result’s marker with its slot as the embed’s time', () => {
		const winner = polled(1, 'Dive into the Power of Neuronal Heterogeneity', 'Bo');
		const message = buildPickMessage(winner, [], { winner: winner.paperId, votes: 7, total: 12, tiedWith: [] }, SLOT);
		expect(message.content).toBe('**Next reading: Dive into the Power of Neuronal Heterogeneity 1** — 7 of 12 votes. Proposed by Bo.');
		expect(message.embeds[0]?.author?.name).toBe('Reading group pick');
		expect(message.embeds[0]?.footer?.text).toBe('arXiv:2401.00001 · Reading pick');
		expect(message.embeds[0]?.timestamp).toBe(SLOT);
		expect(message.mentionedUserIds).toEqual([]);
		expect(embedLimitViolations(message.embeds)).toEqual([]);
		const posted = { id: 'm1', authorId: 'bot', footers: ['arXiv:2401.00001 · Reading pick'], timestamps: ['2026-03-02T10:00:00+00:00'] };
		expect(findMarkedPost([posted], 'bot', 'reading_result', SLOT)).toBe('m1');
		expect(findMarkedPost([posted], 'bot', 'reading_result', '2026-03-09T10:00:00.000Z')).toBeNull();
	});

	it('says so when the winner tied, naming the papers it tied with', () => {
		const winner = polled(1, 'Dive into the Power of Neuronal Heterogeneity', 'Bo');
		const tied = [polled(2, 'LAVA', 'Ada')];
		const message = buildPickMessage(winner, tied, { winner: winner.paperId, votes: 1, total: 2, tiedWith: ['2401.00002'] }, SLOT);
		expect(message.content).toBe(
			'**Next reading: Dive into the Power of Neuronal Heterogeneity 1** — 1 of 2 votes. Tied 1–1 with *LAVA 2*; the earlier proposal goes first. Proposed by Bo.',
		);
		const three = buildPickMessage(
			winner,
			[...tied, polled(3, 'Spiking GAN', 'Cy')],
			{ winner: winner.paperId, votes: 2, total: 6, tiedWith: ['2401.00002', '2401.00003'] },
			SLOT,
		);
		expect(three.content).toContain('Tied 2–2–2 with *LAVA 2* and *Spiking GAN 3*; the earliest proposal goes first.');
	});

	it('names a winner that left the corpus by its arXiv link', () => {
		const message = buildPickMessage(
			{ paperId: '2401.99999', paper: null, proposal: null },
			[],
			{ winner: '2401.99999', votes: 1, total: 1, tiedWith: [] },
			SLOT,
		);
		expect(message.content).toContain('arXiv:2401.99999** — 1 of 1 vote.');
		expect(message.embeds[0]?.url).toBe('https://arxiv.org/abs/2401.99999');
	});
});

describe('buildNoVotesMessage', () => {
	it('says the list is kept, marked with the result’s slot', () => {
		const message = buildNoVotesMessage(SLOT);
		expect(message.embeds[0]?.description).toContain('every proposal stays on the list');
		expect(message.embeds[0]?.footer?.text).toBe('Reading pick');
		expect(message.embeds[0]?.timestamp).toBe(SLOT);
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
			'Reading list: 3 proposals',
			'Open poll: [vote](https://discord.com/channels/g1/c9/m1), ends 2026-03-03 10:00 (Europe/London); its pick is posted then',
			'Next poll: 2026-03-09 10:00 (Europe/London)',
		]);
		const off = labSettings({ timezone: 'Europe/London', reading_channel_id: null });
		expect(readingStatusLines({ settings: off, proposals: 1, openPoll, nextPoll: null })).toEqual([
			'off',
			'Reading list: 1 proposal',
			'Open poll: [vote](https://discord.com/channels/g1/c9/m1), ends 2026-03-03 10:00 (Europe/London); its pick is posted then',
		]);
	});

	it('says there will be no poll with fewer than two proposals', () => {
		expect(readingStatusLines({ settings, proposals: 1, openPoll: null, nextPoll: new Date('2026-03-09T10:00:00Z') }).at(-1)).toBe(
			'Next poll: 2026-03-09 10:00 (Europe/London); no poll unless at least two papers are proposed (1 now)',
		);
	});
});

describe('pollPreviewText', () => {
	const entries = [entry(1, 'Dive into the Power of Neuronal Heterogeneity'), entry(2, 'LAVA')];
	const message = buildPollMessage(entries, SLOT, 24, 'UTC', new Date('2026-03-03T10:00:00Z'));

	it('names the poll time while polls are on', () => {
		expect(
			pollPreviewText({ on: true, at: new Date(SLOT), entries, message }, 'UTC')
				.split('\n')
				.slice(0, 2),
		).toEqual(['Next reading poll: 2026-03-02 10:00 (UTC), open 24 h', 'Reading group, week of 2026-03-02: which paper next?']);
	});

	it('names no time while polls are off, and who can turn them on', () => {
		const off = pollPreviewText({ on: false, at: null, entries, message }, 'UTC');
		expect(off.split('\n')[0]).toBe(
			'No reading poll is coming: reading polls are off here (a member with Manage Server turns them on with /paperbot reading set). Once they are on, a poll open 24 h would offer:',
		);
		expect(off).not.toMatch(/\d{2}:\d{2}|2026-/);
		expect(pollPreviewText({ on: false, at: null, entries: entries.slice(0, 1), message: null }, 'UTC')).toBe(
			'No reading poll is coming: reading polls are off here (a member with Manage Server turns them on with /paperbot reading set). A poll also needs at least two proposals, and the list has 1.',
		);
	});
});
