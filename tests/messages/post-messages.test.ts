import { describe, expect, it } from 'vitest';
import { componentLimitViolations, embedLimitViolations } from '../../src/cards/index.js';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { groupDigest } from '../../src/schedule/digest.js';
import { buildDigestMessages, buildPotdMessage, findMarkedPost, postMarker } from '../../src/messages/post-messages.js';

function paper(n: number, title = `Paper number ${n} about ${n % 2 ? 'spiking networks' : 'graphs'}`): Paper {
	return paperSchema.parse({
		id: `2401.${String(n).padStart(5, '0')}`,
		title,
		authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
		abstract: 'An abstract.',
		categories: ['cs.LG'],
		published: '2024-01-01',
	});
}

const SLOT = '2024-05-06T09:00:00.000Z';

describe('buildPotdMessage', () => {
	it('heads the card "Paper of the day", marks its date in the footer and carries Discuss', () => {
		const message = buildPotdMessage(paper(1), '2024-05-06');
		expect(message.embeds[0]?.author?.name).toBe('Paper of the day');
		expect(message.embeds[0]?.footer?.text).toBe('arXiv:2401.00001 · Paper of the day · 2024-05-06');
		expect(message.components[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : c.type))).toContain('discuss:2401.00001');
		expect(message.mentionedUserIds).toEqual([]);
	});
});

describe('findMarkedPost', () => {
	const messages = [
		{ id: '1', authorId: 'someone', footers: [postMarker('potd', '2024-05-06')] },
		{ id: '2', authorId: 'bot', footers: [`arXiv:1 · ${postMarker('potd', '2024-05-05')}`] },
		{ id: '3', authorId: 'bot', footers: [`arXiv:2 · ${postMarker('potd', '2024-05-06')}`] },
	];

	it("finds the bot's own post of the slot, not another author's copy nor another day's", () => {
		expect(findMarkedPost(messages, 'bot', 'potd', '2024-05-06')).toBe('3');
	});

	it('answers null when the slot was never posted', () => {
		expect(findMarkedPost(messages, 'bot', 'digest', SLOT)).toBeNull();
	});
});

describe('buildDigestMessages', () => {
	it('groups papers under topics and "Other", mentioning a subscriber beside matching papers only', () => {
		const papers = [paper(1), paper(2), paper(3)];
		const byId = new Map(papers.map((p) => [p.id, p]));
		const matches = (query: string, id: string) => (byId.get(id)?.title ?? '').includes(query);
		const plan = groupDigest(
			papers.map((p) => p.id),
			['spiking'],
			[{ user_id: '111', query: 'graphs' }],
			matches,
		);
		const [message, ...rest] = buildDigestMessages(plan, byId, SLOT, 'New papers');
		expect(rest).toEqual([]);
		expect(message?.embeds.map((embed) => embed.title)).toEqual(['spiking', 'Other']);
		expect(message?.embeds[0]?.description?.split('\n')).toHaveLength(2);
		expect(message?.embeds[1]?.description).toContain('Paper number 2 about graphs');
		expect(message?.embeds[1]?.description).toContain('<@111>');
		expect(message?.embeds[0]?.description).not.toContain('<@111>');
		expect(message?.content).toBe('New papers · for <@111>');
		expect(message?.mentionedUserIds).toEqual(['111']);
		expect(message?.embeds.at(-1)?.footer?.text).toBe(`Digest · ${SLOT}`);
		expect(JSON.stringify(message?.components)).toContain('"custom_id":"open"');
	});

	it('splits a long digest over messages within the embed, size and menu limits, each part marked', () => {
		const papers = Array.from({ length: 120 }, (_, i) => paper(i + 1, `A long and winding title number ${i + 1} `.repeat(3).trim()));
		const byId = new Map(papers.map((p) => [p.id, p]));
		const plan = groupDigest(
			papers.map((p) => p.id),
			[],
			[],
			() => false,
		);
		const messages = buildDigestMessages(plan, byId, SLOT, 'New papers');
		expect(messages.length).toBeGreaterThanOrEqual(5);
		for (const [index, message] of messages.entries()) {
			expect(embedLimitViolations(message.embeds)).toEqual([]);
			expect(componentLimitViolations(message.components)).toEqual([]);
			expect(message.embeds.at(-1)?.footer?.text).toBe(`Digest · ${SLOT} · part ${index + 1} of ${messages.length}`);
		}
		const listed = messages.flatMap((message) => message.embeds.flatMap((embed) => embed.description?.split('\n') ?? []));
		expect(listed).toHaveLength(120);
		const menuValues = messages.flatMap((message) => JSON.stringify(message.components).match(/"value":"[^"]+"/g) ?? []);
		expect(new Set(menuValues).size).toBe(120);
	});
});
