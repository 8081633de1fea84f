/**
 * Adding papers through the real bot process: `/paper add` by arXiv id and by DOI, and the Paper
 * cards "Add to corpus" button, against the loopback Discord, arXiv, Crossref and OpenAlex
 * stand-ins, and the added papers after a restart.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { type ServiceStandIn, startCrossrefStandIn, startOpenAlexStandIn } from '../library/library-stand-ins.js';
import { copyCorpus, startBotProcess, type BotProcess } from './bot-process.js';
import { button, messageCommand, slashCommand, startDiscordStandin, type InteractionTrace, type Standin } from './discord-standin.js';
import { MEMBER_PERMISSIONS } from './standin/world.js';

const EPHEMERAL = 64;
const MAX_ACK_MS = 3_000;
/** The stand-in member's permissions plus Manage Server (0x20). */
const CURATOR_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 0x20n).toString();
const MALDACENA = { id: 'hep-th/9711200', title: 'The Large N Limit of Superconformal Field Theories and Supergravity' };
const LECUN = '10.1038/nature14539';
const SSD = '10.1007/978-3-319-46448-0_2';
const DIEHL = '10.3389/fncom.2015.00099';
const OPTUNA = '10.1145/3292500.3330701';

let standin: Standin;
let arxiv: Awaited<ReturnType<typeof startArxivStandIn>>;
let crossref: ServiceStandIn;
let openAlex: ServiceStandIn;
let bot: BotProcess;
let folder: string;
let corpusPath: string;

// Both arXiv addresses are the stand-in's, so it may be asked without arXiv's 3 s between requests (the spacing itself is tested in tests/arxiv/queue.test.ts).
const startBot = () =>
	startBotProcess(standin, {
		corpusPath,
		stateDir: folder,
		env: {
			ARXIV_API_URL: arxiv.apiUrl,
			ARXIV_FEED_URL: `${arxiv.apiUrl}/no-feed`,
			ARXIV_REQUEST_INTERVAL: '0',
			CROSSREF_API_URL: crossref.apiUrl,
			OPENALEX_API_URL: openAlex.apiUrl,
			CONTACT_EMAIL: 'lab@example.org',
		},
	});

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-add-'));
	corpusPath = await copyCorpus(folder);
	arxiv = await startArxivStandIn({ [MALDACENA.id]: { fixture: 'several-papers.xml' }, '2101.00001': { fixture: 'withdrawn.xml' } });
	crossref = await startCrossrefStandIn({
		[LECUN]: 'lecun-bengio-hinton-2015.json',
		[SSD]: 'liu-ssd-2016.json',
		[DIEHL]: 'diehl-cook-2015.json',
		[OPTUNA]: 'akiba-optuna-2019.json',
	});
	openAlex = await startOpenAlexStandIn({ [LECUN]: 'lecun-bengio-hinton-2015.json', [SSD]: 'liu-ssd-2016.json' });
	standin = await startDiscordStandin();
	bot = await startBot();
}, 30_000);

afterAll(async () => {
	if (bot?.isAlive()) await bot.stop();
	await standin?.close();
	await arxiv?.close();
	await crossref?.close();
	await openAlex?.close();
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

const addedIds = async () =>
	(await addedFile())
		?.split('\n')
		.filter(Boolean)
		.map((line) => (JSON.parse(line) as { id: string }).id);

describe('/paper add by DOI', () => {
	it('adds a paper from Crossref by its doi.org link, its abstract from OpenAlex, and posts its card linking to the DOI', async () => {
		const { answer, trace } = await add(`https://doi.org/${LECUN}`, CURATOR_PERMISSIONS);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe(`Added doi:${LECUN} to the corpus; its card is posted in the channel.`);
		const card = await waitForFollowUp(trace);
		expect(isEphemeral(card)).toBe(false);
		expect(card.embeds[0]).toMatchObject({ title: 'Deep learning', url: `https://doi.org/${LECUN}` });
		expect(card.embeds[0]!.description).toContain('Deep learning allows computational models');
		expect(JSON.stringify(card.embeds[0])).toContain('Nature');
		expect(await addedIds()).toEqual([MALDACENA.id, `doi:${LECUN}`]);
		expect(crossref.received.at(-1)?.headers['user-agent']).toMatch(/^paperbot\/\d+\.\d+\.\d+ \(.*mailto:lab@example\.org\)$/);
		expect(crossref.received.at(-1)?.query.get('mailto')).toBe('lab@example.org');
	});

	it('finds the DOI paper with /paper search at once', async () => {
		expect((await searchTitles('backpropagation convolutional nets recurrent'))[0]).toBe('Deep learning');
	});

	it('adds a paper no service has an abstract for, and its card says no abstract is known', async () => {
		const { trace } = await add(SSD, CURATOR_PERMISSIONS);
		const card = await waitForFollowUp(trace);
		expect(card.embeds[0]).toMatchObject({ title: 'SSD: Single Shot MultiBox Detector', url: `https://doi.org/${SSD}` });
		expect(card.embeds[0]!.description).toContain('No abstract is known for this paper.');
		expect((await searchTitles('single shot multibox detector'))[0]).toBe('SSD: Single Shot MultiBox Detector');
	});

	it('answers a DOI Crossref does not know privately, in words, and leaves added.jsonl unchanged', async () => {
		const before = await addedFile();
		const { answer, trace } = await add('10.1234/abc', CURATOR_PERMISSIONS);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe('Crossref has no record of 10.1234/abc.');
		expect(trace.followUps).toEqual([]);
		expect(await addedFile()).toBe(before);
	});

	it('offers a curator an Add button for a DOI a message names, which adds it', async () => {
		const target = standin.postUserMessage(`The published version: https://doi.org/${DIEHL}.`);
		const cards = await standin.sendInteraction({ ...messageCommand('Paper cards', target), permissions: CURATOR_PERMISSIONS });
		expect(JSON.stringify(cards.callback.data)).toContain(`"add:doi:${DIEHL}"`);
		const click = await standin.sendInteraction({ ...button(`add:doi:${DIEHL}`), permissions: CURATOR_PERMISSIONS });
		await click.waitForAnswer(10_000);
		const card = await waitForFollowUp(click.trace);
		expect(card.embeds[0]).toMatchObject({
			title: 'Unsupervised learning of digit recognition using spike-timing-dependent plasticity',
			url: `https://doi.org/${DIEHL}`,
		});
	});
});

describe('/paper propose by DOI', () => {
	it('adds a DOI the corpus lacks for a curator, then puts it on the reading list', async () => {
		const result = await standin.sendInteraction({
			...slashCommand('paper', 'propose', { id: `doi:${OPTUNA}` }),
			permissions: CURATOR_PERMISSIONS,
		});
		const answer = await result.waitForAnswer(10_000);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe(
			`Proposed [Optuna: A Next-generation Hyperparameter Optimization Framework](<https://doi.org/${OPTUNA}>) for the reading group: 1 of 25 on the list. No poll will offer it yet: reading polls are off here (a member with Manage Server turns them on with /paperbot reading set).`,
		);
		expect(await addedIds()).toContain(`doi:${OPTUNA}`);
	});
});

describe('after a restart', () => {
	it('still finds the added papers', async () => {
		await bot.stop();
		bot = await startBot();
		expect((await searchTitles('large N limit superconformal'))[0]).toBe(MALDACENA.title);
		expect((await searchTitles('backpropagation convolutional nets recurrent'))[0]).toBe('Deep learning');
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
