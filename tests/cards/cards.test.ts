import { readFileSync } from 'node:fs';
import type { APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildHelpEmbed,
	buildPaperCard,
	buildResultsMessage,
	cardComponents,
	categoryColour,
	componentLimitViolations,
	defuseMentions,
	embedLimitViolations,
	escapeMarkdown,
	stripInvisibleControls,
	truncateAtWord,
} from '../../src/cards/index.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { decodeCustomId } from '../../src/interaction/custom-ids.js';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';

const fixture = (name: string) => new URL(`../fixtures/cards/${name}`, import.meta.url);
const hostileFixture = JSON.parse(readFileSync(fixture('hostile-paper.json'), 'utf8')) as Record<string, unknown> & {
	abstract_paragraph: string;
	author: string;
};

/** The hostile record: a 40 kB abstract, 2,000 authors, markdown, mentions, invisible characters, emoji. */
function hostilePaper(id = '2401.00001'): Paper {
	const { abstract_paragraph: paragraph, author, ...record } = hostileFixture;
	return paperSchema.parse({
		...record,
		id,
		abstract: Array.from({ length: Math.ceil(40_000 / paragraph.length) }, () => paragraph).join('\n\n'),
		authors: Array.from({ length: 2000 }, (_, index) => `${author} ${index}`),
	});
}

const DISCORD_URL = /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/g;
const MARKDOWN_SPECIALS = new Set(['*', '_', '~', '`', '|', '>', '[', ']', '(', ')', '<']);

/** Markdown characters that Discord would read as markup: unescaped and outside URLs. */
function unescapedMarkdown(text: string): string[] {
	const withoutUrls = text.replace(/<https?:\/\/[^\s>]+>/g, ' ').replace(DISCORD_URL, ' ');
	const found: string[] = [];
	for (let index = 0; index < withoutUrls.length; index++) {
		const character = withoutUrls[index]!;
		if (character === '\\') index++;
		else if (MARKDOWN_SPECIALS.has(character)) found.push(character);
	}
	if (/^[ \t]*(#{1,3} |-#? |\d+\. )/m.test(withoutUrls)) found.push('line-start marker');
	return found;
}

const LIVE_MENTION = /@(everyone|here)|<@[!&]?\d+>/;
const INVISIBLE = /[\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let seedPapers: Paper[];
beforeAll(async () => {
	seedPapers = (await loadCorpus(new URL('../../data', import.meta.url).pathname)).papers;
});
const seedPaper = (id: string) => seedPapers.find((paper) => paper.id === id)!;

describe('buildPaperCard', () => {
	it('builds the expected card for a seed paper', () => {
		const expected = JSON.parse(readFileSync(fixture('lava-card.json'), 'utf8')) as APIEmbed;
		expect(buildPaperCard(seedPaper('2305.00054'), { heading: 'Paper of the day' })).toEqual(expected);
	});

	it('shows the latest arXiv version beside the first date, and nothing of a first version', () => {
		const published = (paper: Paper) => buildPaperCard(paper).fields?.find((field) => field.name === 'Published')?.value;
		expect(published({ ...seedPaper('2305.00054'), version: 3 })).toMatch(/^\d{4}-\d{2}-\d{2} · v3/);
		expect(published({ ...seedPaper('2305.00054'), version: 1 })).not.toContain('v1');
	});

	it('titles an untitled paper with its id and the opening words of its abstract', () => {
		const card = buildPaperCard(seedPaper('2304.14548'));
		expect(card.title).toBe('arXiv:2304.14548 — We have developed and demonstrated a scheme to achieve rotationally-closed…');
		expect(card.fields?.find((field) => field.name === 'Authors')?.value).toBe('Unknown');
		expect(JSON.stringify(card)).not.toMatch(/undefined|null/);
	});

	it('shows LaTeX in the abstract as Unicode', () => {
		const card = buildPaperCard(seedPaper('2304.14548'));
		expect(card.description).toContain('specifically ¹⁷¹YbOH and ¹⁷³YbOH.');
		expect(card.description).not.toContain('$');
	});

	it('links the title to the abstract page and the PDF and code from fields', () => {
		const card = buildPaperCard(seedPaper('2306.02368'));
		expect(card.url).toBe('https://arxiv.org/abs/2306.02368');
		expect(card.fields).toContainEqual({ name: 'PDF', value: '[arXiv PDF](https://arxiv.org/pdf/2306.02368)', inline: true });
		expect(card.fields).toContainEqual({
			name: 'Code',
			value: '[github.com/illidanlab/ABD](https://github.com/illidanlab/ABD)',
			inline: true,
		});
	});

	it('keeps every seed paper card within Discord limits', () => {
		for (const paper of seedPapers) expect(embedLimitViolations([buildPaperCard(paper, { heading: 'Paper of the day' })])).toEqual([]);
	});

	it('keeps every limit for a hostile record', () => {
		const card = buildPaperCard(hostilePaper(), { heading: 'Paper of the day '.repeat(40) });
		expect(embedLimitViolations([card])).toEqual([]);
		expect(card.description!.length).toBeGreaterThan(3000);
		expect(card.description).toMatch(/…$/);
		const authors = card.fields!.find((field) => field.name === 'Authors')!.value;
		expect(authors).toMatch(/ and \d+ more$/);
	});

	it('lets nothing in a hostile record break the card markdown or mention anyone', () => {
		const card = buildPaperCard(hostilePaper());
		const ownLinks = new Set(['PDF']);
		const userText = [
			card.title!,
			card.description!,
			...card.fields!.filter((field) => !ownLinks.has(field.name)).map((field) => field.value),
		];
		for (const text of userText) {
			expect(unescapedMarkdown(text), text.slice(0, 80)).toEqual([]);
			expect(text).not.toMatch(LIVE_MENTION);
		}
	});

	it('strips zero-width and right-to-left controls from the title and keeps emoji', () => {
		const title = buildPaperCard(hostilePaper()).title!;
		expect(title).not.toMatch(INVISIBLE);
		expect(title.replace(/@\u200B(everyone|here)|<\u200B@/g, '')).not.toContain('\u200B');
		expect(title).toContain('🧪🔬');
		expect(title).toContain('👩‍💻');
		expect(title).toContain('evil');
	});

	it('does not link a code URL that is not http(s)', () => {
		const code = buildPaperCard(hostilePaper()).fields!.find((field) => field.name === 'Code')!;
		expect(code.value).not.toContain('](');
	});
});

describe('categoryColour', () => {
	it('colours by primary category, by archive, and grey when unknown', () => {
		expect(categoryColour(['cs.LG', 'cs.CV'])).not.toBe(categoryColour(['cs.CV', 'cs.LG']));
		expect(categoryColour(['physics.atom-ph'])).toBe(categoryColour(['quant-ph']));
		expect(categoryColour(['cs.DS'])).toBe(categoryColour(['cs.DB']));
		expect(categoryColour(null)).toBe(categoryColour(['q-bio.NC']));
	});
});

describe('buildResultsMessage', () => {
	it('shows the best match as a card and links every other match on page 0', () => {
		const results = seedPapers.slice(0, 5);
		const message = buildResultsMessage({ query: 'spiking gan', page: 0, pageSize: 5, results, total: 9 });
		expect(message.embeds).toHaveLength(2);
		expect(message.embeds[0]!.url).toBe(`https://arxiv.org/abs/${results[0]!.id}`);
		for (const paper of results.slice(1)) expect(message.embeds[1]!.description).toContain(`](https://arxiv.org/abs/${paper.id})`);
		expect(message.embeds[1]!.description).toMatch(/^\*\*2\.\*\* /);
		expect(message.embeds[1]!.footer?.text).toBe('Page 1 of 2 · 9 results');
	});

	it('shows later pages as a list alone, numbered from the page start', () => {
		const message = buildResultsMessage({ query: 'spiking gan', page: 1, pageSize: 5, results: seedPapers.slice(5, 9), total: 9 });
		expect(message.embeds).toHaveLength(1);
		expect(message.embeds[0]!.description).toMatch(/^\*\*6\.\*\* /);
	});

	it('gives Previous and Next buttons that decode to the neighbouring pages, disabled at the ends', () => {
		const first = buildResultsMessage({ query: 'gan', page: 0, pageSize: 5, results: seedPapers.slice(0, 5), total: 9 });
		const last = buildResultsMessage({ query: 'gan', page: 1, pageSize: 5, results: seedPapers.slice(5, 9), total: 9 });
		const buttons = (message: typeof first) => message.components[0]!.components.filter((component) => 'label' in component);
		const [previous, next, share] = buttons(first);
		expect(previous).toMatchObject({ label: 'Previous', disabled: true });
		expect(next).toMatchObject({ label: 'Next', disabled: false });
		expect(decodeCustomId((next as { custom_id: string }).custom_id)).toEqual({ kind: 'page', page: 1, query: 'gan' });
		expect(share).toMatchObject({ label: 'Share', custom_id: `share:${seedPapers[0]!.id}` });
		const [lastPrevious, lastNext] = buttons(last);
		expect(decodeCustomId((lastPrevious as { custom_id: string }).custom_id)).toEqual({ kind: 'page', page: 0, query: 'gan' });
		expect(lastPrevious).toMatchObject({ disabled: false });
		expect(lastNext).toMatchObject({ disabled: true });
	});

	it('carries the page key instead of the query when one is given', () => {
		const query = 'a very long query '.repeat(8);
		const message = buildResultsMessage({ query, page: 0, pageSize: 5, results: seedPapers.slice(0, 5), total: 9, pageKey: 'q1f2' });
		const next = message.components[0]!.components[1] as { custom_id: string };
		expect(decodeCustomId(next.custom_id)).toEqual({ kind: 'page', page: 1, query: 'q1f2' });
		expect(componentLimitViolations(message.components)).toEqual([]);
	});

	it('throws when a page button id would pass 100 characters and no page key is given', () => {
		const query = 'a very long query '.repeat(8);
		expect(() => buildResultsMessage({ query, page: 0, pageSize: 5, results: seedPapers.slice(0, 5), total: 9 })).toThrow(
			/^cards: the page button id "page:0:a very long query a very long que…" passes 100 characters; pass a shorter pageKey$/,
		);
	});

	it('offers every listed paper in the open menu, by id', () => {
		const message = buildResultsMessage({ query: 'spiking', page: 0, pageSize: 10, results: seedPapers, total: 10 });
		const menu = message.components.at(-1)!.components[0]!;
		expect(menu).toMatchObject({ type: 3, custom_id: 'open' });
		expect('options' in menu && menu.options.map((option) => option.value)).toEqual(seedPapers.map((paper) => paper.id));
		expect(componentLimitViolations(message.components)).toEqual([]);
	});

	it('keeps every limit for a page of hostile records', () => {
		const papers = Array.from({ length: 30 }, (_, index) => hostilePaper(`2401.${String(index).padStart(5, '0')}`));
		for (const page of [0, 1]) {
			const message = buildResultsMessage({
				query: '@everyone **x** '.repeat(5),
				page,
				pageSize: 30,
				results: papers,
				total: 60,
				pageKey: 'k',
			});
			expect(embedLimitViolations(message.embeds)).toEqual([]);
			expect(componentLimitViolations(message.components)).toEqual([]);
			for (const embed of message.embeds) expect(JSON.stringify(embed)).not.toMatch(LIVE_MENTION);
		}
	});

	it('leaves out the page buttons for lists that are not paged', () => {
		const message = buildResultsMessage({
			query: 'similar to 2305.00054',
			page: 0,
			pageSize: 5,
			results: seedPapers.slice(0, 5),
			total: 5,
			paging: false,
		});
		const labels = message.components.flatMap((row) => row.components).map((component) => ('label' in component ? component.label : null));
		expect(labels).not.toContain('Previous');
		expect(message.embeds[0]!.author?.name).toBe('Similar to 2305.00054 · 5 results');
	});

	it('says so when nothing matches', () => {
		const message = buildResultsMessage({ query: 'zzz', page: 0, pageSize: 5, results: [], total: 0 });
		expect(message).toEqual({ embeds: [{ description: 'No papers match “zzz”.' }], components: [] });
	});
});

describe('cardComponents', () => {
	it('carries Share and Discuss buttons as asked, and always a PDF link', () => {
		const paper = seedPaper('2305.00054');
		expect(cardComponents(paper, { share: true, discuss: true }).components).toEqual([
			{ type: 2, style: 1, label: 'Share', custom_id: 'share:2305.00054' },
			{ type: 2, style: 2, label: 'Discuss', custom_id: 'discuss:2305.00054' },
			{ type: 2, style: 5, label: 'PDF', url: 'https://arxiv.org/pdf/2305.00054' },
		]);
		expect(cardComponents(paper, { share: false, discuss: false }).components).toEqual([
			{ type: 2, style: 5, label: 'PDF', url: 'https://arxiv.org/pdf/2305.00054' },
		]);
	});
});

describe('buildHelpEmbed', () => {
	it('lists every command with its description', () => {
		const embed = buildHelpEmbed([
			{ name: '/paper search query:', description: 'Search the papers' },
			{ name: 'Apps → Paper cards', description: 'Show this **help**' },
		]);
		expect(embed.description).toBe('`/paper search query:` — Search the papers\n`Apps → Paper cards` — Show this \\*\\*help\\*\\*');
	});

	it('stays within the limits however many commands there are', () => {
		const commands = Array.from({ length: 300 }, (_, index) => ({ name: `command${index}`, description: 'x'.repeat(100) }));
		expect(embedLimitViolations([buildHelpEmbed(commands)])).toEqual([]);
	});
});

describe('embedLimitViolations', () => {
	it('names each limit an embed breaks', () => {
		const embed: APIEmbed = {
			title: 't'.repeat(257),
			description: 'd'.repeat(4097),
			fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })),
			footer: { text: 'f'.repeat(2049) },
		};
		expect(embedLimitViolations([embed])).toEqual([
			'embed 0: title is 257 characters (max 256)',
			'embed 0: description is 4097 characters (max 4096)',
			'embed 0: footer is 2049 characters (max 2048)',
			'embed 0: has 26 fields (max 25)',
			'embeds together is 6455 characters (max 6000)',
		]);
	});

	it('counts the characters of every embed of a message together', () => {
		const embeds = Array.from({ length: 11 }, () => ({ description: 'd'.repeat(600) }));
		expect(embedLimitViolations(embeds)).toEqual(['message has 11 embeds (max 10)', 'embeds together is 6600 characters (max 6000)']);
	});

	it('finds nothing wrong with an embed within the limits', () => {
		expect(embedLimitViolations([{ title: 'A', description: 'B', fields: [{ name: 'C', value: 'D' }] }])).toEqual([]);
	});
});

describe('componentLimitViolations', () => {
	it('reports custom ids that are too long or used twice', () => {
		const long = 'x'.repeat(101);
		expect(
			componentLimitViolations([
				{
					type: 1,
					components: [
						{ type: 2, style: 2, label: 'A', custom_id: long },
						{ type: 2, style: 2, label: 'B', custom_id: long },
					],
				},
			]),
		).toEqual([
			`row 0: custom_id "${long}" is 101 characters (max 100)`,
			`row 0: custom_id "${long}" is 101 characters (max 100)`,
			`row 0: custom_id "${long}" is used twice`,
		]);
	});
});

describe('truncateAtWord', () => {
	it('cuts at a word boundary and ends with an ellipsis', () => {
		expect(truncateAtWord('spiking neural networks are fast', 20)).toBe('spiking neural…');
	});

	it('leaves text that fits as it is', () => {
		expect(truncateAtWord('short', 5)).toBe('short');
	});

	it('never splits an emoji or leaves a dangling escape', () => {
		expect(truncateAtWord('🧪'.repeat(10), 6)).toBe('🧪🧪…');
		expect(truncateAtWord('abcdefgh\\*more', 10)).toBe('abcdefgh…');
	});
});

describe('escapeMarkdown', () => {
	it('escapes markdown and line-start markers but leaves URLs whole', () => {
		expect(escapeMarkdown('**a** _b_ `c` see https://x.org/a_b_(c)')).toBe('\\*\\*a\\*\\* \\_b\\_ \\`c\\` see https://x.org/a_b_(c)');
		expect(escapeMarkdown('# Title\n- item\n1. first')).toBe('\\# Title\n\\- item\n1\\. first');
	});
});

describe('defuseMentions', () => {
	it('breaks everyone, here, user and role mentions with a zero-width space', () => {
		expect(defuseMentions('@everyone @here <@1> <@&2>')).toBe('@\u200Beveryone @\u200Bhere <\u200B@1> <\u200B@&2>');
	});
});

describe('stripInvisibleControls', () => {
	it('removes zero-width and bidi controls and keeps emoji joiners', () => {
		expect(stripInvisibleControls('a\u200Bb\u202Ec\u2066d\u200De 👩‍💻')).toBe('abcde 👩‍💻');
	});
});
