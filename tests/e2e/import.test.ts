/**
 * `/paperbot import file:` through the real bot process: the member attaches a `.bib`, the loopback
 * Discord serves the attachment on 127.0.0.1, the bot downloads and imports it, and the papers are
 * in the index it swapped in.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, PROJECT_ROOT, startBotProcess, type BotProcess } from './bot-process.js';
import { slashCommand, startDiscordStandin, type Standin } from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const EPHEMERAL = 64;
/** The stand-in member's permissions plus Manage Server (0x20). */
const fixture = (name: string) => readFile(join(PROJECT_ROOT, 'tests/fixtures/library', name), 'utf8');

let standin: Standin;
let bot: BotProcess;
let folder: string;
let corpusPath: string;

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-import-'));
	corpusPath = await copyCorpus(folder);
	standin = await startDiscordStandin();
	bot = await startBotProcess(standin, { corpusPath, stateDir: folder });
}, 30_000);

afterAll(async () => {
	if (bot?.isAlive()) await bot.stop();
	await standin?.close();
	await rm(folder, { recursive: true, force: true });
});

const importedFile = () => readFile(join(corpusPath, 'imported.jsonl'), 'utf8').catch(() => null);
const attachmentRequests = () => standin.requests.filter((request) => request.path.startsWith('/attachments/'));

async function importFile(name: string, permissions?: string): Promise<{ answer: APIMessage; callbackType: number }> {
	const file = standin.attach(name, await fixture(name));
	const { callback, waitForAnswer } = await standin.sendInteraction({
		...slashCommand('paperbot', 'import', { file }),
		...(permissions ? { permissions } : {}),
	});
	return { answer: await waitForAnswer(20_000), callbackType: callback.type };
}

async function command(subcommand: string, options: Record<string, string>, name = 'paper'): Promise<APIMessage> {
	const { waitForAnswer } = await standin.sendInteraction({ ...slashCommand(name, subcommand, options), permissions: ADMIN_PERMISSIONS });
	return waitForAnswer(10_000);
}

describe('/paperbot import', () => {
	it('refuses a member without Manage Server or the curator role, without downloading the file', async () => {
		const { answer } = await importFile('published-versions.bib');
		expect(answer.content).toBe(
			'Sorry, only members with Manage Server or the curator role can import papers; ask one of them to import the file.',
		);
		expect(attachmentRequests()).toEqual([]);
		expect(await importedFile()).toBeNull();
	});

	it("downloads an attached .bib of two shipped papers' published versions and answers privately with what it did", async () => {
		const { answer, callbackType } = await importFile('published-versions.bib', ADMIN_PERMISSIONS);
		expect(callbackType).toBe(5);
		expect((answer.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
		expect(answer.content).toBe(
			[
				'Imported **published-versions.bib**: 0 papers added, 2 entries merged with papers in the corpus, 0 entries imported before, 0 entries not read.',
				'',
				'Merged:',
				'- doi:10.1016/j.neunet.2024.106423 → 2305.10246',
				'- doi:10.1038/s41598-023-43488-x → 2304.01015',
			].join('\n'),
		);
		expect(attachmentRequests()).toHaveLength(1);
		expect(attachmentRequests()[0]).toMatchObject({ method: 'GET', status: 200 });
		expect((await importedFile())?.trim().split('\n')).toHaveLength(2);
	});

	it('shows one card for each paper, with its arXiv page and its DOI', async () => {
		const card = (await command('show', { id: 'https://doi.org/10.1016/j.neunet.2024.106423' })).embeds[0];
		expect(card).toMatchObject({
			title: 'Spiking Generative Adversarial Network with Attention Scoring Decoding',
			url: 'https://arxiv.org/abs/2305.10246',
		});
		expect(card?.fields).toContainEqual({
			name: 'Published version',
			value: '[10.1016/j.neunet.2024.106423](https://doi.org/10.1016/j.neunet.2024.106423)',
			inline: true,
		});
		const results = await command('search', { query: 'adaptive structure evolution synaptic plasticity' });
		expect(results.embeds[0]?.url).toBe('https://arxiv.org/abs/2304.01015');
		expect(JSON.stringify(results)).not.toContain('doi:10.1038/s41598-023-43488-x');
	});

	it('adds nothing when the same file is imported again', async () => {
		const before = await importedFile();
		const { answer } = await importFile('published-versions.bib', ADMIN_PERMISSIONS);
		expect(answer.content).toBe(
			'Imported **published-versions.bib**: 0 papers added, 0 entries merged with papers in the corpus, 2 entries imported before, 0 entries not read.',
		);
		expect(await importedFile()).toBe(before);
	});

	it("imports the lab's .bib, names the entry it could not read by file and line, and finds the new papers at once", async () => {
		const { answer } = await importFile('lab-library.bib', ADMIN_PERMISSIONS);
		expect(answer.content).toContain('Imported **lab-library.bib**: 48 papers added, 1 entry merged with papers in the corpus');
		expect(answer.content).toContain('1 entry not read.');
		expect(answer.content).toContain('Not read:\n```\nlab-library.bib:516: @inproceedings{mikolov2013distributed}: Token mismatch');
		const card = (await command('show', { id: 'bib:sutskever2013training' })).embeds[0];
		expect(card).toMatchObject({ title: 'Training Recurrent Neural Networks', description: '*No abstract is known for this paper.*' });
		const cite = await command('cite', { id: '10.1162/neco.1997.9.8.1735' });
		expect(cite.content).toContain('@article{hochreiter1997long,');
	});

	it('counts imported papers and merged records in /paperbot status', async () => {
		const status = await command('status', {}, 'paperbot');
		const corpus = status.embeds[0]?.fields?.find((field) => field.name === 'Corpus')?.value ?? '';
		// 48 added, LAVA's entry (merged into the shipped paper) and the two published versions: 51 keep a cite key.
		expect(corpus.split('\n')[1]).toBe('51 imported from BibTeX; 2 records merged into another record of the same paper');
	});
});
