import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHelpEmbed, buildPaperCard, buildResultsMessage, cardComponents } from '../../src/cards/index.js';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { markdownToPlain, renderMessageAsText } from '../../src/cards/render-text.js';

const lava: Paper = paperSchema.parse({
	id: '2305.00054',
	title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
	authors: ['Hoang Anh Just', 'Feiyang Kang', 'Ruoxi Jia'],
	abstract:
		'Traditionally, data valuation is posed as a problem of equitably splitting the validation performance of a learning algorithm among the training data. (1) We develop a proxy based on a class-wise Wasserstein distance for $^{171}$YbOH_x* data.',
	categories: ['cs.LG'],
	venue: 'ICLR 2023 (spotlight)',
	code_url: 'https://github.com/ruoxi-jia-group/LAVA',
	published: '2023-04-28',
});

describe('renderMessageAsText', () => {
	it('shows a card as heading, title, link, wrapped abstract, fields and footer, then its buttons', () => {
		const text = renderMessageAsText({
			embeds: [buildPaperCard(lava, { heading: 'Paper of the day' })],
			components: [cardComponents(lava, { share: true, discuss: true })],
		});
		expect(text).toBe(readFileSync(new URL('../fixtures/cards/lava-card.txt', import.meta.url), 'utf8').trimEnd());
	});

	it('lists results with their links, the page buttons and the open menu', () => {
		const second = paperSchema.parse({
			id: '2306.02368',
			title: 'Revisiting *Data-Free* KD',
			abstract: 'Poisoned teachers.',
			published: '2023-06-04',
		});
		const text = renderMessageAsText(buildResultsMessage({ query: 'data', page: 0, pageSize: 2, results: [lava, second], total: 3 }));
		expect(text).toContain('Best match for “data” · 3 results\nLAVA: Data Valuation');
		expect(text).toContain('2. Revisiting *Data-Free* KD <https://arxiv.org/abs/2306.02368> — 2023');
		expect(text).toContain('Page 1 of 2 · 3 results');
		expect(text).toContain('[Previous] [Next] [Share]\nOpen a paper:\n  • LAVA: Data Valuation');
	});

	it('keeps code blocks in the content as written and drops their fences', () => {
		const text = renderMessageAsText({ content: '```bibtex\n@misc{a,\n  title = {A \\& B},\n}\n```', embeds: [], components: [] });
		expect(text).toBe('@misc{a,\n  title = {A \\& B},\n}');
	});

	it('shows the help card as its command lines', () => {
		const text = renderMessageAsText({ embeds: [buildHelpEmbed([{ name: '/help', description: 'Show *this*' }])], components: [] });
		expect(text).toContain('paperbot commands\n\n/help — Show *this*');
	});
});

describe('markdownToPlain', () => {
	it('gives back a hostile title exactly as written, without its invisible characters', () => {
		const hostile = JSON.parse(readFileSync(new URL('../fixtures/cards/hostile-paper.json', import.meta.url), 'utf8')) as { title: string };
		const card = buildPaperCard(paperSchema.parse({ id: '2401.00001', title: hostile.title, abstract: 'x' }));
		const visible = hostile.title.replace(/[\u200B\u202A-\u202E\u2066-\u2069]/g, '');
		expect(markdownToPlain(card.title!)).toBe(visible);
	});

	it('undoes escapes and shows links as text and URL', () => {
		expect(markdownToPlain('**1.** [A \\[b\\]](https://x.org) \\*c\\* <https://y.org> @\u200Beveryone')).toBe(
			'1. A [b] <https://x.org> *c* https://y.org @everyone',
		);
	});
});
