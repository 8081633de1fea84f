import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/interaction/answer.js';
import { embedLimitViolations, threadName } from '../../src/cards/index.js';
import { decodeCustomId } from '../../src/interaction/custom-ids.js';
import { queryFromPageArgument } from '../../src/interaction/query-keys.js';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import { EPHEMERAL_FLAG, type Reply } from '../../src/interaction/reply.js';
import { searchPage } from '../../src/replies/paper-replies.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import paperCommand from '../../commands/paper.js';
import { invocation, shippedCorpusContext } from './corpus.js';

const paper: AnyCommand = paperCommand;

let context: CommandContext;
beforeAll(async () => {
	context = await shippedCorpusContext();
});

const run = (subcommand: string, options: Record<string, string | number> = {}) =>
	answer(
		() => paper.execute(invocation(subcommand, options), context),
		(error) => {
			throw error;
		},
	);

function customIds(reply: Reply): string[] {
	return reply.message.components.flatMap((row) =>
		row.components.map((component) => ('custom_id' in component ? component.custom_id : '')).filter(Boolean),
	);
}

describe('/paper search', () => {
	it('answers privately with the best match as a full card', async () => {
		const reply = await run('search', { query: 'spiking GAN' });
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.embeds[0]?.url).toBe('https://arxiv.org/abs/2305.10246');
		expect(reply.message.allowed_mentions).toEqual({ parse: [] });
		expect(embedLimitViolations(reply.message.embeds)).toEqual([]);
	});

	it('writes the option filters into the query its page buttons carry', async () => {
		const reply = await run('search', { query: 'spiking', author: 'Yi Zeng', year: 2023, category: 'cs.NE' });
		const next = customIds(reply)
			.map(decodeCustomId)
			.find((action) => action?.kind === 'page' && action.page === 1);
		expect(next).toEqual({ kind: 'page', page: 1, query: 'spiking author:"Yi Zeng" year:2023 cat:cs.NE' });
	});

	it('pages through results with the query its Next button carries', async () => {
		const first = await run('search', { query: 'neural' });
		const next = customIds(first)
			.map(decodeCustomId)
			.find((action) => action?.kind === 'page' && action.page === 1);
		expect(next?.kind).toBe('page');
		const second = searchPage(next!.kind === 'page' ? next!.query : '', 1, context);
		expect(second.message.embeds[0]?.url).not.toBe(first.message.embeds[0]?.url);
		expect(JSON.stringify(second.message.embeds)).toContain('6.');
	});

	it('keeps a long query behind a short key, within the 100-character custom id', async () => {
		const query = 'spiking neural networks '.repeat(8).trim();
		const reply = await run('search', { query });
		for (const id of customIds(reply)) expect(id.length).toBeLessThanOrEqual(100);
		const page = customIds(reply)
			.map(decodeCustomId)
			.find((action) => action?.kind === 'page');
		expect(page?.kind === 'page' && queryFromPageArgument(page.query)).toBe(query);
	});

	it('says when more papers match than the best 100 it pages through', async () => {
		const papers = Array.from({ length: 120 }, (_, n) =>
			paperSchema.parse({ id: `2301.${String(n).padStart(5, '0')}`, title: `Spiking study ${n}`, abstract: 'Spiking networks.' }),
		);
		const many: CommandContext = { index: buildSearchIndex(papers), random: () => 0 };
		const reply = await paper.execute(invocation('search', { query: 'spiking' }), many);
		expect(JSON.stringify(reply.message.embeds)).toContain('more than 100 results; the best 100 are shown');
		expect(JSON.stringify(reply.message.embeds)).toContain('Page 1 of 20');
	});

	it.each([
		['', 'Type some words to search for'],
		['   ', 'Type some words to search for'],
		['x'.repeat(6000), 'That query is 6000 characters long; keep it under 300.'],
		['zzqqxx', 'No paper matches “zzqqxx”.'],
	])('answers %j with a helpful private message', async (query, message) => {
		const reply = await run('search', { query });
		expect(reply.isError).toBe(true);
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.content).toContain(message);
	});

	it.each([
		['hep-th/9901001', 'hep-th/9901001'],
		['https://arxiv.org/abs/2401.00001v2', '2401.00001'],
		['arXiv:2401.00001 year:2024', '2401.00001'],
	])('answers %s, an id not in the corpus, with how to add it instead of unrelated papers', async (query, id) => {
		const reply = await run('search', { query });
		expect(reply.isError).toBe(true);
		expect(reply.message.content).toBe(`arXiv:${id} is not in the corpus; add it from arXiv with \`/paper add id:${id}\`.`);
	});

	it('shows an @everyone query as text, never as a ping', async () => {
		const reply = await run('search', { query: '@everyone' });
		expect(reply.message.allowed_mentions).toEqual({ parse: [] });
		expect(JSON.stringify(reply.message)).not.toMatch(/(?<!\\u200b)@everyone/);
	});
});

describe('/paper show', () => {
	it('posts the card publicly with a Discuss button', async () => {
		const reply = await run('show', { id: 'https://arxiv.org/abs/2305.00054v2' });
		expect(reply.message.flags).toBeUndefined();
		expect(reply.message.embeds[0]?.title).toContain('LAVA');
		expect(customIds(reply)).toContain('discuss:2305.00054');
	});

	it('says plainly when the id is not in the corpus, and how to add it', async () => {
		const reply = await run('show', { id: '9999.99999' });
		expect(reply).toMatchObject({ isError: true, message: { flags: EPHEMERAL_FLAG } });
		expect(reply.message.content).toBe('arXiv:9999.99999 is not in the corpus; add it from arXiv with `/paper add id:9999.99999`.');
	});

	it('says that text which is not an arXiv id is not one, rather than missing from the corpus', async () => {
		const reply = await run('show', { id: 'notanid' });
		expect(reply.message.content).toBe(
			'“notanid” is not an arXiv id or a DOI (e.g. 2305.00054, arXiv:2305.00054v2 or 10.1145/3292500.3330701). Type part of a title and pick from the list.',
		);
	});
});

describe('/paper search with a filter that does not read', () => {
	it.each([
		['spiking year:abc', '“year:abc” is not a filter paperbot can read: write year:2023, year:2022..2023, year:2022.. or year:..2021.'],
		['author:', '“author:” is not a filter paperbot can read: write author:Zeng or author:"Yi Zeng".'],
	])('answers %j privately with the filter and its expected form, rather than searching its words', async (query, message) => {
		const reply = await run('search', { query });
		expect(reply).toMatchObject({ isError: true, message: { flags: EPHEMERAL_FLAG } });
		expect(reply.message.content).toBe(message);
	});
});

describe('/paper random', () => {
	it('posts a paper chosen by the context’s randomness', async () => {
		const reply = await run('random');
		expect(reply.message.embeds[0]?.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
	});
});

describe('/paper similar', () => {
	it('lists other papers, never the paper itself', async () => {
		const reply = await run('similar', { id: '2305.10246' });
		const text = JSON.stringify(reply.message.embeds);
		expect(text).toContain('arxiv.org/abs/');
		expect(text).not.toContain('arxiv.org/abs/2305.10246');
	});

	it('names the paper by its title', async () => {
		const reply = await run('similar', { id: '2305.10246' });
		expect(reply.message.embeds[0]?.author?.name).toMatch(
			/^Similar to “Spiking Generative Adversarial Network with Attention Scoring Decoding” · \d results?$/,
		);
	});

	it('says so, privately, when no paper is close enough: the YbOH molecule paper has no neighbour', async () => {
		const reply = await run('similar', { id: '2304.14548' });
		expect(reply.message.flags).toBe(64);
		expect(reply.message.embeds ?? []).toEqual([]);
		expect(reply.message.content).toBe(
			'No other paper in the corpus is close enough to “arXiv:2304.14548 — We have developed and demonstrated a scheme to achieve rotationally-closed…” to call similar.',
		);
	});
});

describe('/paper cite', () => {
	it('answers with BibTeX in a code block', async () => {
		const reply = await run('cite', { id: '2305.00054' });
		expect(reply.message.content).toMatch(/^```bibtex\n@misc\{[^,]+,\n[\s\S]*eprint = \{2305\.00054\}[\s\S]*\n```$/);
	});

	it('gives two papers that would share a key different keys within the corpus', async () => {
		const twin = (id: string) =>
			paperSchema.parse({ id, title: 'Spiking networks', authors: ['Yi Zeng'], abstract: 'An abstract.', published: '2023-01-02' });
		const twins: CommandContext = { index: buildSearchIndex([twin('2301.00002'), twin('2301.00001')]), random: () => 0 };
		const keys = await Promise.all(
			['2301.00001', '2301.00002'].map(
				async (id) => (await paper.execute(invocation('cite', { id }), twins)).message.content?.match(/@misc\{([^,]+),/)?.[1],
			),
		);
		expect(keys).toEqual(['zeng2023spiking', 'zeng2023spikinga']);
	});
});

describe('/paper share', () => {
	it('posts the card and asks for a thread named after the paper, with the note attributed', async () => {
		const reply = await run('share', { id: '2305.10246', note: 'read this before Friday' });
		expect(reply.message.flags).toBeUndefined();
		expect(reply.thread).toEqual({
			name: 'Spiking Generative Adversarial Network with Attention Scoring Decoding',
			firstMessage: '**Ada** wrote: read this before Friday',
		});
	});

	it('starts a thread without a first message when there is no note', async () => {
		const reply = await run('share', { id: '2304.14548' });
		expect(reply.thread).toEqual({ name: 'arXiv:2304.14548' });
	});
});

describe('threadName', () => {
	it('cuts a long title at a word within 100 characters', () => {
		const name = threadName({ id: '2305.00054', title: 'word '.repeat(40).trim() } as never);
		expect(name.length).toBeLessThanOrEqual(100);
		expect(name.endsWith('word…')).toBe(true);
	});
});

describe('id autocomplete', () => {
	it('suggests at most 25 choices of at most 100 characters', () => {
		const choices = paper.autocomplete!({ name: 'id', value: 'spik', subcommand: 'show' }, context, { user: { id: '1', name: 'Ada' } });
		expect(choices.length).toBeGreaterThan(0);
		expect(choices.length).toBeLessThanOrEqual(25);
		for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
	});
});
