import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/all.js';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import paperCommand from '../../commands/paper.js';
import { consoleSession, runConsole } from '../../src/console/console.js';
import { answer } from '../../src/interaction/answer.js';
import type { Reply } from '../../src/interaction/reply.js';
import { invocation, shippedCorpusContext } from '../commands/corpus.js';
import { runEntry } from '../run-entry.js';

const paper: AnyCommand = paperCommand;
let context: CommandContext;
let corpus: string;
beforeAll(async () => {
	context = await shippedCorpusContext();
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-console-'));
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
});
afterAll(() => rm(corpus, { recursive: true, force: true }));

/** The papers a results reply shows: its card, then its menu's choices. */
function shownIds(reply: Reply): string[] {
	const menu = reply.message.components.flatMap((row) => row.components).find((component) => 'options' in component);
	const listed = menu && 'options' in menu ? menu.options.map((option) => option.value) : [];
	return [reply.message.embeds[0]?.url ?? '', ...listed];
}

describe('search filters typed at the console', () => {
	it.each([
		['/paper search author:Zeng', { query: 'author:Zeng' }],
		['/paper search spiking year:2022..2023', { query: 'spiking year:2022..2023' }],
		['/paper search spiking year:2023 category:cs.NE', { query: 'spiking', year: 2023, category: 'cs.NE' }],
		['/paper search data valuation author:"Yi Zeng"', { query: 'data valuation', author: 'Yi Zeng' }],
		['/paper search networks author:"Yi Zeng" year:2023', { query: 'networks', author: 'Yi Zeng', year: 2023 }],
	])('%s finds what Discord finds with %j', async (line, options) => {
		const typed = await consoleSession(commands, () => context)(line);
		const discord = await answer(() => paper.execute(invocation('search', options), context));
		expect(typed.isError).toBeUndefined();
		expect(shownIds(typed)).toEqual(shownIds(discord));
	});
});

/** What the console writes for `typed`, read in this process as `npm start` without a token reads its stdin. */
async function consoleOutput(typed: string): Promise<string> {
	let written = '';
	const output = new Writable({
		write(chunk: Buffer, _encoding, done) {
			written += chunk.toString();
			done();
		},
	});
	await runConsole(commands, () => context, Readable.from([typed]), output);
	return written;
}

describe('the console', () => {
	it('says next has nothing to page before any search', async () => {
		expect(await consoleOutput('next\n')).toContain('No results to page through yet: search first, e.g. /paper search spiking gan');
	});

	it('shows a share’s note as the thread’s first message, not as a message “console” wrote', async () => {
		const shared = await consoleOutput('/paper share 2305.00054 note:"for Friday"\n');
		expect(shared).toContain('🧵 Thread: LAVA: Data Valuation without Pre-Specified Learning Algorithms\n   for Friday\n');
		expect(shared).not.toContain('wrote');
	});

	it('answers an arXiv id that is not in the corpus with how to add it at the console', async () => {
		expect(await consoleOutput('/paper search https://arxiv.org/abs/2401.00001v2\n')).toBe(
			'arXiv:2401.00001 is not in the corpus; add it from arXiv with /paper add 2401.00001.\n\n',
		);
	});
});

describe('the console through a real process', () => {
	it('pages the last search with next and prev typed alone', async () => {
		const lines = ['/paper search author:Zeng', 'next', '/paper show 2305.00054', 'next', 'prev', 'prev'];
		const result = await runEntry('src/main.ts', [], corpus, { stdin: `${lines.join('\n')}\n` });
		expect(result.code).toBe(0);
		const headings = result.stdout.split('\n').filter((line) => /^(Best match for|Page \d|That was|LAVA)/.test(line));
		expect(headings).toEqual([
			'Best match for “author:Zeng” · 9 results',
			'Page 1 of 2 · 9 results',
			'Page 2 of 2 · 9 results',
			'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
			'That was the last page of results.',
			'Best match for “author:Zeng” · 9 results',
			'Page 1 of 2 · 9 results',
			'That was the first page of results.',
		]);
	});

	it('exits 1 saying the token is missing when stdin is /dev/null, as under systemd', async () => {
		const result = await runEntry('src/main.ts', [], corpus, { stdin: null });
		expect(result).toEqual({
			code: 1,
			stdout: '',
			stderr:
				'paperbot: DISCORD_TOKEN is not set, and there is no terminal or piped input to answer at the console; set DISCORD_TOKEN in .env to connect to Discord.\n',
		});
	});
});
