import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../src/discord/schedule-posts.js';
import { createOpenAlexCitations } from '../../src/library/openalex-citations.js';
import type { Poster } from '../../src/services/poster.js';
import { createCitationService } from '../../src/services/citation-service.js';
import { openLabDesk } from '../../src/services/lab-desk.js';
import { openLibrary, type Library } from '../../src/search/library.js';
import { openState, type State } from '../../src/store/state.js';
import { labSettings } from '../schedule/lab-settings.js';
import { connectClient, recordingLogger, type ConnectedClient } from '../discord/standin-client.js';
import { startOpenAlexStandIn, type OpenAlexStandIn } from '../library/openalex-stand-in.js';
import { citingWork, LAB_RECORDS, LAB_WORKS } from '../library/lab-citations.js';

const DAY = (day: number) => new Date(`2026-11-${String(day).padStart(2, '0')}T09:30:00Z`);

let connected: ConnectedClient;
beforeAll(async () => {
	connected = await connectClient();
});
afterAll(() => connected?.close());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
	state: State;
	library: Library;
	openAlex: OpenAlexStandIn;
	/** A citation service as a bot process would start it on `day`, posting through `poster` (discord.js by default). */
	start: (day: number, poster?: Poster, claimant?: string) => Promise<ReturnType<typeof createCitationService>>;
}

async function harness(): Promise<Harness> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-citations-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	await writeFile(join(folder, 'lab.jsonl'), `${LAB_RECORDS.map((record) => JSON.stringify(record)).join('\n')}\n`);
	const state = openState(join(folder, 'paperbot.db'));
	cleanups.push(() => state.close());
	const { log } = recordingLogger();
	const library = await openLibrary(join(folder, 'lab.jsonl'), log);
	const openAlex = await startOpenAlexStandIn([
		...LAB_WORKS,
		citingWork('W1', ['W10'], '2024-02-01'),
		citingWork('W2', ['W10', 'W11'], '2025-03-01'),
	]);
	cleanups.push(() => openAlex.close());
	const client = createOpenAlexCitations({ apiUrl: openAlex.apiUrl, userAgent: 'paperbot-tests/0.1' });
	const start = async (day: number, poster: Poster = createDiscordPoster(connected.client, log), claimant?: string) => {
		const desk = openLabDesk({ state, library, authors: ['Ines Quarzwald'] });
		const service = createCitationService({ state, desk, client, poster, now: () => DAY(day), log, ...(claimant ? { claimant } : {}) });
		cleanups.push(() => service.scheduler.stop());
		await service.scheduler.start([guild()]);
		return service;
	};
	return { state, library, openAlex, start };
}

const guild = () =>
	labSettings({ guild_id: connected.standin.guildId, citations_channel_id: connected.standin.channelId, citations_time: '09:00' });
const description = (message: APIMessage) => (message.embeds as APIEmbed[])[0]?.description ?? '';
const citationPosts = () =>
	connected.standin
		.messages(connected.standin.channelId)
		.filter((message) => (message.embeds as APIEmbed[]).some((embed) => embed.footer?.text.includes('Citation · ')));

describe('citation alerts', () => {
	it('records earlier citations on the first look, then posts each new citing work once, naming every lab paper it cites', async () => {
		const { openAlex, start } = await harness();
		const before = citationPosts().length;
		const first = await start(1);
		const [summary, ...others] = citationPosts().slice(before);
		expect(others).toEqual([]);
		expect(description(summary!)).toBe('3 earlier citations of 2 lab papers recorded; new ones will be posted here.');
		expect(first.statusLines(guild())).toEqual([
			`<#${connected.standin.channelId}> at 09:00`,
			'Lab papers: 3 (2 found in OpenAlex)',
			'Citations posted: 0; 3 earlier ones recorded',
			'Next look: 2026-11-02 09:00 (UTC)',
			'Not found in OpenAlex: bib:quarzwald2021',
		]);
		// The lab papers were looked up once: by DOI, by arXiv DOI, and the third by DOI-less title search.
		const lookups = openAlex.received.filter((request) => request.path !== '/works' || request.query.filter?.startsWith('title.search'));
		expect(lookups.map((request) => request.path)).toEqual([
			'/works/doi:10.48550/arxiv.2311.09999',
			'/works/doi:10.1000/jnl.2023.7',
			'/works',
		]);
		await first.scheduler.stop();

		openAlex.works.push(citingWork('W5', ['W10', 'W11'], '2026-10-20'), citingWork('W6', ['W11', 'W10', 'W99'], '2026-10-25'));
		openAlex.rateLimit(1);
		const seen = openAlex.received.length;
		const second = await start(2);
		const alerts = citationPosts().slice(before + 1);
		expect(alerts.map((message) => (message.embeds as APIEmbed[])[0]?.title)).toEqual(['Follow-up study W5', 'Follow-up study W6']);
		for (const alert of alerts) {
			expect(description(alert)).toBe(
				'Cites [*Preprint of Quarzwald Dynamics*](<https://arxiv.org/abs/2311.09999>) and [*Quarzwald Networks for Sparse Coding*](<https://doi.org/10.1000/jnl.2023.7>)\nAnn Citer, Bo Citer\nJournal of Citing · ' +
					(alert === alerts[0] ? '2026-10-20' : '2026-10-25'),
			);
			expect(alert.mentions).toEqual([]);
		}
		// No lab paper is looked up again; one request for the citations, after the 429 and its Retry-After.
		const asked = openAlex.received.slice(seen);
		expect(asked.map((request) => request.status)).toEqual([429, 200, 200]);
		expect(asked[1]!.query.filter).toBe('cites:W11|W10,from_publication_date:2026-05-06');
		expect(second.statusLines(guild())[2]).toBe('Citations posted: 4; 3 earlier ones recorded');
		await second.scheduler.stop();

		const third = await start(3);
		expect(citationPosts().slice(before)).toHaveLength(3);
		await third.scheduler.stop();
	}, 30_000);

	it('posts nothing twice when the bot stops between sending an alert and recording it', async () => {
		const { openAlex, start } = await harness();
		const before = citationPosts().length;
		(await start(1)).scheduler.stop();
		openAlex.works.push(citingWork('W7', ['W10', 'W11'], '2026-10-30'));

		const { log } = recordingLogger();
		const discord = createDiscordPoster(connected.client, log);
		let sent: () => void = () => undefined;
		const reached = new Promise<void>((resolve) => (sent = resolve));
		let stopHere: (error: Error) => void = () => undefined;
		// The first process's alert reaches Discord, and the process stops before it records it.
		const stopping: Poster = {
			...discord,
			async send(...args) {
				await discord.send(...args);
				sent();
				return new Promise((_, reject) => (stopHere = reject));
			},
		};
		// The first process is one on this host that is no longer running.
		const crashed = start(2, stopping, `${hostname()}:${spawnSync(process.execPath, ['-e', '']).pid}`);
		await reached;
		expect(citationPosts().slice(before + 1)).toHaveLength(1);

		// A second process on the same state file finds the alert in the channel instead of posting it again.
		const restarted = await start(2);
		stopHere(new Error('the first process stopped'));
		await (await crashed).scheduler.stop();
		const alerts = citationPosts().slice(before + 1);
		expect(alerts.map((message) => (message.embeds as APIEmbed[])[0]?.title)).toEqual(['Follow-up study W7']);
		expect(restarted.statusLines(guild())[2]).toBe('Citations posted: 2; 3 earlier ones recorded');
		await restarted.scheduler.stop();
		await (await start(3)).scheduler.stop();
		expect(citationPosts().slice(before + 1)).toHaveLength(1);
	}, 30_000);
});
