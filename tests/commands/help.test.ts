import { describe, expect, it } from 'vitest';
import type { AnyCommand } from '../../commands/index.js';
import helpCommand from '../../commands/help.js';
import paper from '../../commands/paper.js';
import paperbot from '../../commands/paperbot.js';
import { EMBED_LIMITS } from '../../src/cards/index.js';
import { EPHEMERAL_FLAG } from '../../src/interaction/reply.js';
import { invocation, shippedCorpusContext } from './corpus.js';

const help: AnyCommand = helpCommand;

async function helpLines(): Promise<string[]> {
	const reply = await help.execute(invocation(undefined), await shippedCorpusContext());
	return (reply.message.embeds[0]?.description ?? '').split('\n');
}

describe('/help', () => {
	it('answers privately with one embed, pinging no one', async () => {
		const { message } = await help.execute(invocation(undefined), await shippedCorpusContext());
		expect(message.flags).toBe(EPHEMERAL_FLAG);
		expect(message.allowed_mentions).toEqual({ parse: [] });
		expect(message.embeds).toHaveLength(1);
		expect(message.embeds[0]?.title).toBe('paperbot commands');
		expect(message.embeds[0]?.description?.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
	});

	it('lists every /paper subcommand in its registered order, required options bare and optional ones in brackets', async () => {
		const lines = await helpLines();
		const paperLines = lines.filter((line) => line.startsWith('`/paper '));
		expect(paperLines.map((line) => line.match(/^`\/paper ([^\s`]+)/)?.[1])).toEqual(
			paper.data.options.map((subcommand) => subcommand.name),
		);
		expect(lines).toContain(
			'`/paper search query: [author:] [year:] [category:]` — Search titles, authors and abstracts \\(only you see the results\\)',
		);
		expect(lines).toContain('`/paper random` — Post a random paper from the corpus');
		expect(lines).toContain('`/paper share id: [note:]` — Post a paper and start a discussion thread on it');
	});

	it('ends with /potd, Paper cards, /paperbot (for Manage Server) and /help itself', async () => {
		const lines = await helpLines();
		expect(lines.slice(-4).map((line) => line.split(' — ')[0])).toEqual([
			'`/potd`',
			'`Apps → Paper cards`',
			'`/paperbot potd|digest|topic|feed|reading|ours|citations|status|import|post`',
			'`/help`',
		]);
		const paperbotSubcommands = paperbot.data.options.map((option) => option.name);
		expect(lines.at(-2)).toContain(`/paperbot ${paperbotSubcommands.join('|')}\``);
		expect(lines.at(-2)).toMatch(/ \\\(Manage Server only\\\)$/);
		expect(lines.at(-1)).toBe('`/help` — What paperbot can do');
	});
});
