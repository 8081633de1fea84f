/**
 * The real bot process over its life: registering its commands, riding out a dropped gateway
 * connection, restarting without re-registering, stopping on a signal, and refusing to start on
 * bad configuration.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PROJECT_ROOT,
	runBotProcess,
	SHUTDOWN_LIMIT_MS,
	startBotProcess,
	startStandinWithBot,
	type BotProcess,
	type BotUnderTest,
} from './bot-process.js';
import { button, slashCommand, type RecordedRequest, type Standin } from './discord-standin.js';

let lab: BotUnderTest;
let standin: Standin;
/** Every bot process this file started, for the check that none wrote the token. */
const bots: BotProcess[] = [];

beforeAll(async () => {
	lab = await startStandinWithBot();
	standin = lab.standin;
	bots.push(lab.bot);
});

afterAll(async () => {
	await lab?.close();
});

const commandsPath = () => `/applications/${standin.applicationId}/guilds/${standin.guildId}/commands`;
const commandRequests = (since = 0) =>
	standin.requests
		.filter((request: RecordedRequest) => request.at >= since && request.path === commandsPath())
		.map((request) => request.method);

describe('command registration at start-up', () => {
	it('puts /paper, /help and the Paper cards message command on the guild in one bulk overwrite', () => {
		const commands = standin.commands(standin.guildId);

		expect(commandRequests()).toEqual(['GET', 'PUT']);
		expect(standin.commands()).toEqual([]);
		expect(commands.map((command) => [command.name, command.type])).toEqual(
			expect.arrayContaining([
				['paper', 1],
				['Paper cards', 3],
				['help', 1],
			]),
		);
	});

	it('gives /paper the six lookup subcommands with their options, ids completed as typed', () => {
		const paper = standin.commands(standin.guildId).find((command) => command.name === 'paper') as {
			options: { name: string; type: number; options?: Record<string, unknown>[] }[];
		};
		const subcommand = (name: string) => paper.options.find((option) => option.name === name);
		const idOption = { name: 'id', type: 3, required: true, autocomplete: true };

		const lookups = paper.options.filter((option) => ['search', 'show', 'random', 'similar', 'cite', 'share'].includes(option.name));
		expect(lookups.map((option) => [option.name, option.type])).toEqual([
			['search', 1],
			['show', 1],
			['random', 1],
			['similar', 1],
			['cite', 1],
			['share', 1],
		]);
		expect(subcommand('search')?.options).toMatchObject([
			{ name: 'query', type: 3, required: true, max_length: 300 },
			{ name: 'author', type: 3 },
			{ name: 'year', type: 4 },
			{ name: 'category', type: 3 },
		]);
		for (const name of ['show', 'similar', 'cite']) expect(subcommand(name)?.options).toMatchObject([idOption]);
		expect(subcommand('share')?.options).toMatchObject([idOption, { name: 'note', type: 3 }]);
		expect(subcommand('random')?.options ?? []).toEqual([]);
	});
});

describe('a dropped gateway connection', () => {
	it('is resumed, and the next command is answered', async () => {
		const identifies = standin.gatewayFrames.filter((frame) => frame.op === 2).length;

		await standin.dropConnection(4000);
		await standin.waitForGatewayFrame((frame) => frame.op === 6, 10_000);
		const { callback } = await standin.sendInteraction(slashCommand('help'), { timeoutMs: 10_000 });

		expect(callback).toMatchObject({ type: 4, status: 204 });
		expect(standin.gatewayFrames.filter((frame) => frame.op === 2)).toHaveLength(identifies);
		await lab.bot.waitForLog((record) => record.msg === 'gateway session resumed');
	});
});

describe('stopping and restarting', () => {
	/** Private results pages answered before the restart, with their Next buttons. */
	let pageBeforeRestart: APIMessage;
	let longQueryPageBeforeRestart: APIMessage;
	/** Too long for a custom id, so its page buttons carry a key the bot keeps in memory. */
	const longQuery = Array(12).fill('spiking').join(' ');

	beforeAll(async () => {
		const search = async (query: string) => (await standin.sendInteraction(slashCommand('paper', 'search', { query }))).waitForAnswer();
		pageBeforeRestart = await search('spiking');
		longQueryPageBeforeRestart = await search(longQuery);
	});

	it('exits 0 within 5 seconds of SIGTERM, leaving no process behind', async () => {
		const exit = await lab.bot.stop('SIGTERM');

		expect(exit).toMatchObject({ code: 0, signal: null });
		expect(exit.ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
	});

	it('only reads the commands after a restart, as they have not changed, and keeps their ids', async () => {
		const idsBefore = standin.commands(standin.guildId).map((command) => command.id);
		const since = performance.now();

		lab.bot = await startBotProcess(standin, { corpusPath: lab.corpusPath, stateDir: lab.folder });
		bots.push(lab.bot);

		expect(commandRequests(since)).toEqual(['GET']);
		expect(standin.commands(standin.guildId).map((command) => command.id)).toEqual(idsBefore);
		expect(lab.bot.logs().find((record) => record.msg === 'connected to Discord')).toMatchObject({ commandsUpdated: false });
		expect(lab.bot.logs().find((record) => record.msg === 'corpus loaded')).toMatchObject({ index: 'cache' });
	});

	it('keeps page buttons from before the restart working', async () => {
		const click = await standin.sendInteraction(button('page:1:spiking', pageBeforeRestart));

		expect(click.callback).toMatchObject({ type: 7, status: 204 });
		expect((await click.waitForAnswer()).embeds[0]?.footer?.text).toMatch(/^Page 2 of 2/);
	});

	it('says politely that a long query’s results have expired, since their key did not survive', async () => {
		const next = JSON.stringify(longQueryPageBeforeRestart.components).match(/"(page:1:[^"]+)"/)?.[1];
		expect(next).toMatch(/^page:1:#/);

		const click = await standin.sendInteraction(button(next ?? '', longQueryPageBeforeRestart));

		expect(click.callback).toMatchObject({
			type: 4,
			status: 204,
			data: { content: 'These results have expired: run /paper search again.', flags: 64 },
		});
	});

	it('exits 0 within 5 seconds of SIGINT too', async () => {
		const exit = await lab.bot.stop('SIGINT');

		expect(exit).toMatchObject({ code: 0, signal: null });
		expect(exit.ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
	});

	it('never wrote the token to stdout or stderr', () => {
		expect(bots).toHaveLength(2);
		for (const bot of bots) expect(bot.stdout() + bot.stderr()).not.toContain(standin.token);
	});
});

describe.concurrent('start-up with bad configuration', () => {
	const unreachable = {
		token: 'MTAwMDAwMDAwMDAwMDAwMDAz.secret.looking-token-value-for-the-lifecycle-test',
		apiUrl: 'http://127.0.0.1:9/api',
		guildId: '1000000000000000003',
	};

	it('exits 1 naming every bad variable, and never the token', async () => {
		const { code, stdout, stderr } = await runBotProcess(unreachable, {
			corpusPath: join(PROJECT_ROOT, 'data'),
			env: { TIMEZONE: 'Mars/Olympus', POTD_TIME: '25:00', DISCORD_GUILD_ID: 'the-lab' },
		});

		expect(code).toBe(1);
		for (const name of ['TIMEZONE', 'POTD_TIME', 'DISCORD_GUILD_ID']) expect(stderr).toContain(`  ${name}: `);
		expect(stderr).toMatch(/^paperbot: bad configuration:\n/);
		expect(stdout + stderr).not.toContain(unreachable.token);
	});

	it('names a malformed token as bad without showing it', async () => {
		const token = 'Bot not a token';
		const { code, stderr } = await runBotProcess({ ...unreachable, token }, { corpusPath: join(PROJECT_ROOT, 'data') });

		expect(code).toBe(1);
		expect(stderr).toContain('DISCORD_TOKEN: ');
		expect(stderr).not.toContain(token);
	});

	it('exits 1 with the path when the corpus path does not exist', async () => {
		const corpusPath = join(lab.folder, 'no-such-corpus');

		const { code, stderr } = await runBotProcess(unreachable, { corpusPath });

		expect(code).toBe(1);
		expect(stderr).toContain(`${corpusPath} (CORPUS_PATH)`);
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	it('names STATE_PATH when its folder would be under a file', async () => {
		const blocker = join(lab.folder, 'a-file');
		await writeFile(blocker, 'not a folder');

		const { code, stderr } = await runBotProcess(unreachable, { corpusPath: lab.corpusPath, stateDir: join(blocker, 'state') });

		expect(code).toBe(1);
		expect(stderr).toContain(
			`\nstate: cannot create the folder of STATE_PATH (${join(blocker, 'state')}): ${blocker} is a file, not a folder\n`,
		);
		expect(stderr).not.toMatch(/\n\s+at /);
	});
});
