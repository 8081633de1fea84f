import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/all.js';
import { consoleSession } from '../src/console/console.js';
import { envSchema } from '../src/env.js';
import { PERMISSION_BITS } from '../src/interaction/refusal.js';
import { shippedCorpusContext } from './commands/corpus.js';
import { commandLeaves } from '../src/interaction/command-usage.js';
import { type Run, runCliHere } from './run-entry.js';

const readme = await readFile('README.md', 'utf8');

/** The lines of every fenced block of this language in the README. */
function blockLines(language: string): string[] {
	const blocks = [...readme.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'gm'))];
	return blocks.flatMap((block) => block[1]!.split('\n').filter((line) => line.trim()));
}

describe('README', () => {
	it('gives the invite permission integer for exactly the permissions it lists, and a row for each one paperbot checks', () => {
		const { ViewChannel, SendMessages, EmbedLinks, CreatePublicThreads, SendMessagesInThreads, ReadMessageHistory, SendPolls } =
			PermissionFlagsBits;
		const permissions =
			ViewChannel | SendMessages | EmbedLinks | CreatePublicThreads | SendMessagesInThreads | ReadMessageHistory | SendPolls;
		expect(readme.replace(/\s+/g, ' ')).toContain(
			'View Channels, Send Messages, Embed Links, Create Public Threads, Send Messages in Threads, Read Message History and Send Polls (permission integer',
		);
		expect(readme).toContain(`(permission integer \`${permissions}\`)`);
		const checked = Object.values(PERMISSION_BITS).reduce((all, bit) => all | bit, 0n);
		expect(checked).toBe(permissions);
		for (const name of Object.keys(PERMISSION_BITS))
			expect(readme).toMatch(new RegExp(`^ +\\| ${name} (\\(.*\\) )?\\| .+ \\| .+ \\|$`, 'm'));
	});

	it('documents every configuration variable, as .env.example does', async () => {
		const example = await readFile('.env.example', 'utf8');
		for (const name of Object.keys(envSchema.shape)) {
			expect(readme).toContain(`| \`${name}\` |`);
			expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
		}
	});
});

describe("the README's command tables", () => {
	/** Each code span in a table row's first cell, `\\|` read as `|`. */
	const spans = [...readme.matchAll(/^\| (.+?) \|/gm)].flatMap((row) =>
		[...row[1]!.matchAll(/`([^`]+)`/g)].map((span) => span[1]!.replace(/\\\|/g, '|')),
	);
	/** The paths a span names: `/paperbot topic add|remove|list [query:]` names three. */
	const pathsOf = (span: string) => {
		const words = span
			.replace(/^\//, '')
			.replace(/<[^>]*>/g, '')
			.split(' ')
			.filter((word) => !word.includes(':') && !word.startsWith('['));
		return words.reduce<string[][]>((paths, word) => paths.flatMap((path) => word.split('|').map((choice) => [...path, choice])), [[]]);
	};

	it('list every command, subcommand and group subcommand there is, with only options it has', () => {
		for (const command of commands) {
			for (const leaf of commandLeaves(command.data)) {
				const span = spans.find((candidate) => pathsOf(candidate).some((path) => path.join(' ') === leaf.path.join(' ')));
				expect(span, `/${leaf.path.join(' ')}`).toBeDefined();
				const named = [...span!.matchAll(/(?:^|[\s[])(\w+):/g)].map((match) => match[1]);
				// A span naming several subcommands (`topic add|remove|list [query:]`) may name an option some of them take.
				const spanPaths = pathsOf(span!).map((path) => path.join(' '));
				const names = commands
					.flatMap((other) => commandLeaves(other.data))
					.filter((other) => spanPaths.includes(other.path.join(' ')))
					.flatMap((other) => other.options.map((option) => option.name));
				for (const name of named) expect(names, `${span} names ${name}:`).toContain(name);
				for (const option of leaf.options) if ('required' in option && option.required) expect(named, span).toContain(option.name);
			}
		}
	});
});

describe("the README's console lines", () => {
	const lines = blockLines('text');

	it('are answered without an error, in order, paging included', async () => {
		expect(lines).toContain('next');
		const context = await shippedCorpusContext();
		const answerNext = consoleSession(commands, () => context);
		for (const line of lines) {
			const reply = await answerNext(line);
			expect({ line, error: reply.isError ? reply.message.content : undefined }).toEqual({ line, error: undefined });
		}
	});
});

/** Runs `command` with `sh -c`. */
function shell(command: string, env: NodeJS.ProcessEnv): Promise<Run> {
	return new Promise((resolve) => {
		execFile('sh', ['-c', command], { env, timeout: 30_000 }, (error, stdout, stderr) =>
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

/** The words of `text` as the shell splits and unquotes them, comments dropped. */
async function shellWords(text: string): Promise<string[]> {
	const { stdout } = await shell(`printf '%s\\0' ${text}`, {});
	return stdout.split('\0').slice(0, -1);
}

describe.concurrent("the README's CLI examples, run as written", () => {
	const examples = blockLines('sh').filter((line) => line.startsWith('npx paperbot '));
	let folder: string;
	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-readme-'));
		// The example run through npx gets a corpus of its own, so its first start writes an index cache no other example is reading.
		// The import example writes to a corpus of its own, so the others read the shipped corpus unchanged.
		for (const corpus of ['data', 'data-npx', 'data-import'])
			await cp('data', join(folder, corpus), { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		await writeFile(join(folder, 'ids.txt'), '2305.00054  # LAVA\nhttps://arxiv.org/abs/2304.14548v2\n');
		await cp('tests/fixtures/library/published-versions.bib', join(folder, 'refs.bib'));
	});
	afterAll(() => rm(folder, { recursive: true, force: true }));

	it('cover every CLI command and --json', ({ expect }) => {
		for (const command of ['search', 'show', 'random', 'similar', 'cite', 'share', 'add', 'import', '--help']) {
			expect(examples.some((line) => line.split(/\s+/)[2] === command)).toBe(true);
		}
		expect(examples.filter((line) => line.includes('--json')).length).toBeGreaterThanOrEqual(3);
	});

	it.for(examples)('%s', async (line, { expect }) => {
		// `ids.txt` stands for a list in a temp folder; every id in it, and in the examples, is in the shipped corpus, so nothing asks arXiv or Crossref.
		// `refs.bib` stands for the published versions of two shipped papers (tests/fixtures/library).
		const command = line.replace(' ids.txt', ` ${join(folder, 'ids.txt')}`).replace(' refs.bib', ` ${join(folder, 'refs.bib')}`);
		const corpus = join(folder, line.startsWith('npx paperbot import ') ? 'data-import' : 'data');
		const env = {
			ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
			CROSSREF_API_URL: 'http://127.0.0.1:9',
			OPENALEX_API_URL: 'http://127.0.0.1:9',
		};
		// The first example goes through npx, the package's bin and tsx, as written; the others are answered by the same CLI in this process, their words split by the shell.
		const result =
			line === examples[0]
				? await shell(command, {
						PATH: process.env.PATH,
						HOME: process.env.HOME,
						DISCORD_TOKEN: '',
						CORPUS_PATH: join(folder, 'data-npx'),
						LOG_LEVEL: 'warn',
						npm_config_offline: 'true',
						npm_config_update_notifier: 'false',
						...env,
					})
				: await runCliHere(await shellWords(command.replace(/^npx paperbot/, '')), corpus, { env });
		expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
		if (line.includes('--json')) expect(() => JSON.parse(result.stdout)).not.toThrow();
		else expect(result.stdout.trim()).not.toBe('');
	});
});
