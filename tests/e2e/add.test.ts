/**
 * Adding papers through the real bot process: `/paper add` and the Paper cards "Add to corpus"
 * button, against the loopback Discord and arXiv stand-ins, and the added paper after a restart.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { copyCorpus, startBotProcess, type BotProcess } from './bot-process.js';
import { button, messageCommand, slashCommand, startDiscordStandin, type InteractionTrace, type Standin } from './discord-standin.js';
import { MEMBER_PERMISSIONS } from './standin/world.js';

const EPHEMERAL = 64;
const MAX_ACK_MS = 3_000;
/** The stand-in member's permissions plus Manage Server (0x20). */
const CURATOR_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 0x20n).toString();
const MALDACENA = { id: 'hep-th/9711200', title: 'The Large N Limit of Superconformal Field Theories and Supergravity' };

let standin: Standin;
let arxiv: Awaited<ReturnType<typeof startArxivStandIn>>;
let bot: BotProcess;
let folder: string;
let corpusPath: string;

// Both arXiv addresses are the stand-in's, so it may be asked without arXiv's 3 s between requests (the spacing itself is tested in tests/arxiv/queue.test.ts).
const startBot = () =>
	startBotProcess(standin, {
		corpusPath,
		stateDir: folder,
		env: { ARXIV_API_URL: arxiv.apiUrl, ARXIV_FEED_URL: `${arxiv.apiUrl}/no-feed`, ARXIV_REQUEST_INTERVAL: '0' },
	});

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-add-'));
	corpusPath = await copyCorpus(folder);
	arxiv = await startArxivStandIn({ [MALDACENA.id]: { fixture: 'several-papers.xml' }, '2101.00001': { fixture: 'withdrawn.xml' } });
	standin = await startDiscordStandin();
	bot = await startBot();
}, 30_000);

afterAll(async () => {
	if (bot?.isAlive()) await bot.stop();
	await standin?.close();
	await arxiv?.close();
	await rm(folder, { recursive: true, force: true });
});

const addedFile = () => readFile(join(corpusPath, 'added.jsonl'), 'utf8').catch(() => null);
const isEphemeral = (message: { flags?: number }) => ((message.flags ?? 0) & EPHEMERAL) !== 0;

async function waitForFollowUp(trace: InteractionTrace, timeoutMs = 10_000): Promise<APIMessage> {
	const deadline = performance.now() + timeoutMs;
	while (!trace.followUps[0]) {
		if (performance.now() > deadline) throw new Error('add e2e: no follow-up arrived');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	return trace.followUps[0];
}

async function add(id: string, permissions?: string) {
	const result = await standin.sendInteraction({ ...slashCommand('paper', 'add', { id }), ...(permissions ? { permissions } : {}) });
	return { ...result, answer: await result.waitForAnswer(10_000) };
}

async function searchTitles(query: string): Promise<string[]> {
	const result = await standin.sendInteraction(slashCommand('paper', 'search', { query }));
	const message = await result.waitForAnswer();
	return message.embeds.map((embed) => embed.title ?? '');
}

describe('/paper add', () => {
	it('refuses a member without Manage Server or the curator role, privately, without asking arXiv', async () => {
		const { callback, answer } = await add(MALDACENA.id);
		expect(callback).toMatchObject({ type: 5, status: 204 });
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe('Sorry, only members with Manage Server or the curator role can add papers; ask one of them to add it.');
		expect(arxiv.received).toEqual([]);
		expect(await addedFile()).toBeNull();
	});

	it('adds a paper for a member with Manage Server and posts its card for everyone', async () => {
		const { callback, latencyMs, answer, trace } = await add(`https://arxiv.org/abs/${MALDACENA.id}v3`, CURATOR_PERMISSIONS);
		expect(callback).toMatchObject({ type: 5, status: 204 });
		expect(latencyMs).toBeLessThan(MAX_ACK_MS);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe(`Added arXiv:${MALDACENA.id} to the corpus; its card is posted in the channel.`);

		const card = await waitForFollowUp(trace);
		expect(isEphemeral(card)).toBe(false);
		expect(card.embeds[0]).toMatchObject({ title: MALDACENA.title, url: `https://arxiv.org/abs/${MALDACENA.id}` });
		expect(JSON.stringify(card.components)).toContain(`"discuss:${MALDACENA.id}"`);
		expect(standin.messages().map((message) => message.id)).toContain(card.id);
		expect(arxiv.received.at(-1)?.headers['user-agent']).toMatch(/^paperbot\/\d+\.\d+\.\d+ \(/);
		expect(
			(await addedFile())
				?.split('\n')
				.filter(Boolean)
				.map((line) => (JSON.parse(line) as { id: string }).id),
		).toEqual([MALDACENA.id]);
	});

	it('finds the added paper with /paper search at once', async () => {
		expect((await searchTitles('large N limit superconformal'))[0]).toBe(MALDACENA.title);
	});

	it('answers an unknown id privately with the cause and leaves added.jsonl unchanged', async () => {
		const before = await addedFile();
		const { answer, trace } = await add('2305.99999', CURATOR_PERMISSIONS);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe('arXiv has no paper with id 2305.99999.');
		expect(trace.followUps).toEqual([]);
		expect(await addedFile()).toBe(before);
	});

	it('answers an id already in the corpus without asking arXiv', async () => {
		const requests = arxiv.received.length;
		const { answer } = await add(MALDACENA.id, CURATOR_PERMISSIONS);
		expect(answer.content).toBe(`arXiv:${MALDACENA.id} is already in the corpus: \`/paper show id:${MALDACENA.id}\` posts it.`);
		expect(arxiv.received.length).toBe(requests);
	});
});

describe('after a restart', () => {
	it('still finds the added paper', async () => {
		await bot.stop();
		bot = await startBot();
		expect((await searchTitles('large N limit superconformal'))[0]).toBe(MALDACENA.title);
	}, 30_000);
});

describe('Paper cards "Add to corpus"', () => {
	it('offers no button to a member who may not add papers', async () => {
		const target = standin.postUserMessage('Withdrawn since: arXiv:2101.00001');
		const { callback } = await standin.sendInteraction(messageCommand('Paper cards', target));
		expect(JSON.stringify(callback.data)).not.toContain('add:2101.00001');
	});

	it('offers a curator the button, and a click answers privately with the cause when arXiv cannot give the paper', async () => {
		const target = standin.postUserMessage('Withdrawn since: arXiv:2101.00001');
		const cards = await standin.sendInteraction({ ...messageCommand('Paper cards', target), permissions: CURATOR_PERMISSIONS });
		expect(JSON.stringify(cards.callback.data)).toContain('"add:2101.00001"');

		const before = await addedFile();
		const click = await standin.sendInteraction({ ...button('add:2101.00001'), permissions: CURATOR_PERMISSIONS });
		expect(click.callback).toMatchObject({ type: 5, status: 204 });
		const answer = await click.waitForAnswer(10_000);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe('arXiv paper 2101.00001 has been withdrawn by its authors.');
		expect(await addedFile()).toBe(before);
	});
});
