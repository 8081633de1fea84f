import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFeedClient } from '../../src/arxiv/feed-client.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { buildPaperCard } from '../../src/cards/index.js';
import type { Paper } from '../../src/corpus/paper.js';
import { parseEnv, scheduleDefaults } from '../../src/env.js';
import { createDiscordPoster } from '../../src/discord/schedule-posts.js';
import { openDigestMarks } from '../../src/store/digest-marks.js';
import { startScheduleService, type ScheduleService } from '../../src/services/schedule-service.js';
import { openSubscriptions } from '../../src/store/saved-searches.js';
import { openPostLog } from '../../src/store/post-log.js';
import { getGuildSettings } from '../../src/store/settings.js';
import { openState, type State } from '../../src/store/state.js';
import { ScheduleSettingError } from '../../src/store/setting-values.js';
import { openLibrary, type Library } from '../../src/search/library.js';
import { paperIds } from '../../src/search/paper-index.js';
import { openLabDesk } from '../../src/services/lab-desk.js';
import { createOpenAlexCitations } from '../../src/library/openalex-citations.js';
import { connectClient, recordingLogger, type ConnectedClient } from '../discord/standin-client.js';

const SEND_MESSAGES = (1n << 11n).toString();
const OTHER_GUILD = '100000000000000777';
/** A Monday, half an hour after the 09:00 UTC posting time. */
const NOW = new Date('2024-03-11T09:30:00Z');
const QUOKKA = {
	id: '2401.00001',
	title: 'Quokka embeddings for sparse retrieval',
	authors: ['Ada Quill'],
	abstract: 'We embed quokka things for retrieval.',
};

let connected: ConnectedClient;
beforeAll(async () => {
	connected = await connectClient();
});
afterAll(() => connected?.close());

interface Harness {
	state: State;
	library: Library;
	corpusPath: string;
	/** Starts a service over this folder's state and corpus, as the bot does after connecting. */
	start: (variables?: Record<string, string>, now?: Date) => Promise<ScheduleService>;
	records: Record<string, unknown>[];
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A temp folder with a copy of the shipped corpus and a fresh state database, first load recorded as the bot records it. */
async function harness(): Promise<Harness> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-service-'));
	const corpusPath = join(folder, 'data');
	await cp('data', corpusPath, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	const state = openState(join(folder, 'paperbot.db'));
	cleanups.push(
		() => rm(folder, { recursive: true, force: true }),
		() => state.close(),
	);
	const { log, records } = recordingLogger();
	const library = await openLibrary(corpusPath, log);
	library.onLoad((_corpus, index) => openDigestMarks(state).recordFirstSeen(paperIds(index), NOW));
	const start = async (variables: Record<string, string> = {}, now = NOW) => {
		const env = parseEnv({ DISCORD_GUILD_ID: connected.standin.guildId, CORPUS_PATH: corpusPath, ...variables });
		// No test here turns the feed on; were one to, it would reach nothing but a closed local port.
		const feedClient = createFeedClient({
			feedUrl: 'http://127.0.0.1:9/atom',
			userAgent: 'paperbot-tests/0.1',
			queue: createRequestQueue(0),
		});
		const service = await startScheduleService({
			state,
			library,
			poster: createDiscordPoster(connected.client, log),
			defaults: scheduleDefaults(env),
			log,
			now: () => now,
			feedClient,
			lab: openLabDesk({ state, library, authors: env.LAB_AUTHORS ?? [] }),
			// No test here sets citation alerts; were one to, it would reach nothing but a closed local port.
			openAlex: createOpenAlexCitations({ apiUrl: 'http://127.0.0.1:9', userAgent: 'paperbot-tests/0.1' }),
		});
		cleanups.push(() => service.stop());
		return service;
	};
	return { state, library, corpusPath, start, records };
}

const postsIn = (channelId: string) =>
	connected.standin.messages(channelId).filter((message) => message.author.id === connected.standin.botUser.id);
/** The title a paper's card shows: the paper's own, or its id and abstract when it has none (the stand-in's guild id, and so the day's pick, changes per run). */
const cardTitle = (paper: Paper | null) => (paper ? buildPaperCard(paper).title : undefined);
const fieldOf = (embed: APIEmbed, name: string) => embed.fields?.find((field) => field.name === name)?.value ?? '';

describe('startScheduleService', () => {
	it('posts today’s paper of the day on start when the posting time has passed, once across restarts', async () => {
		const { state, start } = await harness();
		const channel = await connected.addTextChannel('potd-catch-up');
		const service = await start({ POTD_CHANNEL_ID: channel.id });
		const [post, ...more] = postsIn(channel.id);
		expect(more).toEqual([]);
		expect(post?.embeds[0]?.footer?.text).toContain('Paper of the day · 2024-03-11');
		expect(post?.embeds[0]?.title).toBe(cardTitle(service.todaysPaper(connected.standin.guildId)));
		expect(connected.standin.threads().some((thread) => thread.id === post?.id)).toBe(true);
		expect(openPostLog(state).get(connected.standin.guildId, 'potd', '2024-03-11')).toMatchObject({
			status: 'sent',
			channel_id: channel.id,
			message_id: post?.id,
		});

		await service.stop();
		await start({ POTD_CHANNEL_ID: channel.id }, new Date(NOW.getTime() + 60_000));
		expect(postsIn(channel.id)).toHaveLength(1);
	});

	it('leaves a day’s missed post alone when catching up is off', async () => {
		const { state, start } = await harness();
		const channel = await connected.addTextChannel('potd-no-catch-up');
		await start({ POTD_CHANNEL_ID: channel.id, POTD_CATCH_UP: 'off' });
		expect(postsIn(channel.id)).toEqual([]);
		expect(openPostLog(state).get(connected.standin.guildId, 'potd', '2024-03-11')).toBeNull();
	});
});

describe('settings', () => {
	it('come from the environment for DISCORD_GUILD_ID and from the defaults for other guilds', async () => {
		const { start } = await harness();
		const service = await start({ POTD_TIME: '08:15', TIMEZONE: 'Europe/London', DIGEST_SCHEDULE: '0 17 * * 5' });
		expect(service.settingsFor(connected.standin.guildId)).toMatchObject({
			potd_channel_id: null,
			potd_time: '08:15',
			timezone: 'Europe/London',
			digest_cron: '0 17 * * 5',
		});
		const ownChannel = await start({ POTD_CHANNEL_ID: connected.standin.channelId, POTD_CATCH_UP: 'off' });
		expect(ownChannel.settingsFor(connected.standin.guildId).potd_channel_id).toBe(connected.standin.channelId);
		expect(ownChannel.settingsFor(OTHER_GUILD)).toMatchObject({
			guild_id: OTHER_GUILD,
			potd_channel_id: null,
			digest_channel_id: null,
			potd_time: '09:00',
			timezone: 'UTC',
		});
	});

	it('are saved checked by configure, and then win over the environment', async () => {
		const { state, start } = await harness();
		const service = await start();
		const saved = service.configure(connected.standin.guildId, { potd_time: '07:45', timezone: 'asia/tokyo' });
		expect(saved).toMatchObject({ potd_time: '07:45', timezone: 'Asia/Tokyo' });
		expect(getGuildSettings(state, connected.standin.guildId)).toEqual(saved);
		expect(service.settingsFor(connected.standin.guildId)).toEqual(saved);
	});

	it('refuse a channel the bot may not post in, naming what it lacks, and save nothing', async () => {
		const { state, start } = await harness();
		const service = await start();
		const muted = await connected.addTextChannel('muted', [{ id: connected.standin.botUser.id, type: 1, allow: '0', deny: SEND_MESSAGES }]);
		const configure = () => service.configure(connected.standin.guildId, { digest_channel_id: muted.id });
		expect(configure).toThrow(ScheduleSettingError);
		expect(configure).toThrow(
			`Digest: paperbot lacks *Send Messages* (nothing is posted there) in <#${muted.id}>; give it *Send Messages* there, or pick another channel.`,
		);
		expect(() => service.configure(connected.standin.guildId, { potd_time: '25:00' })).toThrow(
			'time must be HH:MM (00:00–23:59), e.g. 09:00',
		);
		expect(getGuildSettings(state, connected.standin.guildId)).toBeNull();
	});
});

describe('preview', () => {
	it('shows today’s paper until today’s post is out, then the next day’s, posting nothing', async () => {
		const { start } = await harness();
		const guildId = connected.standin.guildId;
		const before = await start({ POTD_CATCH_UP: 'off' });
		const today = before.todaysPaper(guildId);
		const [message] = before.preview(guildId, 'potd');
		expect(message?.embeds[0]?.title).toBe(cardTitle(today));
		expect(message?.embeds[0]?.footer?.text).toContain('Paper of the day · 2024-03-11');
		expect(before.todaysPaper(guildId)?.id).toBe(today?.id);

		const channel = await connected.addTextChannel('potd-preview');
		const after = await start({ POTD_CHANNEL_ID: channel.id });
		expect(postsIn(channel.id)[0]?.embeds[0]?.title).toBe(cardTitle(today));
		const [next] = after.preview(guildId, 'potd');
		expect(next?.embeds[0]?.footer?.text).toContain('Paper of the day · 2024-03-12');
		expect(postsIn(channel.id)).toHaveLength(1);
	});

	it('lists the papers new since the first load, mentioning the subscriber beside a match', async () => {
		const { state, corpusPath, library, start } = await harness();
		const guildId = connected.standin.guildId;
		const service = await start();
		expect(service.preview(guildId, 'digest')[0]?.embeds[0]?.description).toBe('No new papers since the last digest.');
		openSubscriptions(state).add(guildId, connected.standin.memberUser.id, 'quokka');
		await writeFile(join(corpusPath, 'new-papers.jsonl'), `${JSON.stringify(QUOKKA)}\n`);
		expect((await library.reload()).ok).toBe(true);
		const [digest] = service.preview(guildId, 'digest');
		expect(digest?.content).toContain('**New papers** since the last digest: 1');
		expect(digest?.embeds[0]?.description).toContain(QUOKKA.title);
		expect(digest?.embeds[0]?.description).toContain(`<@${connected.standin.memberUser.id}>`);
		expect(digest?.mentionedUserIds).toEqual([connected.standin.memberUser.id]);
	});
});

describe('status', () => {
	it('shows the settings in force and the next post times in the guild’s zone', async () => {
		const { start } = await harness();
		const service = await start({ POTD_CHANNEL_ID: connected.standin.channelId, POTD_CATCH_UP: 'off', TIMEZONE: 'Europe/London' });
		const embed = service.status(connected.standin.guildId);
		expect(fieldOf(embed, 'Corpus')).toMatch(
			/^\d+ papers, loaded \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/London\)\n0 imported from BibTeX; 0 records merged into another record of the same paper$/,
		);
		expect(fieldOf(embed, 'Paper of the day')).toContain(
			`<#${connected.standin.channelId}> at 09:00, with a thread\nNext: 2024-03-12 09:00 (Europe/London)`,
		);
		expect(fieldOf(embed, 'Digest')).toBe('off\nNext: off');
		expect(fieldOf(embed, 'Problems')).toBe('none');
	});

	it('counts only the records skipped as a corpus problem, not those kept with a note', async () => {
		const { corpusPath, library, start } = await harness();
		const service = await start();
		await writeFile(
			join(corpusPath, 'more.jsonl'),
			[
				'{"id": "2305.00054", "abstract": "A second copy: the later record wins."}',
				'{"id": "2399.99999", "title": "Overlay for no paper"}',
				'{broken',
			].join('\n'),
		);
		expect((await library.reload()).ok).toBe(true);
		expect(library.notes).toHaveLength(2);
		expect(fieldOf(service.status(connected.standin.guildId), 'Problems')).toBe(
			`• Corpus: 1 record skipped, e.g. ${join(corpusPath, 'more.jsonl')}:3: not valid JSON`,
		);
	});

	it('lists a failed post, a channel the bot cannot use, and a corpus edit that could not be read', async () => {
		const { corpusPath, library, start } = await harness();
		const gone = '100000000000000999';
		const service = await start({ POTD_CHANNEL_ID: gone });
		await writeFile(join(corpusPath, 'papers-meta.json'), '{ not json');
		await rm(join(corpusPath, 'seed-papers.txt'));
		expect((await library.reload()).ok).toBe(false);
		const problems = fieldOf(service.status(connected.standin.guildId), 'Problems').split('\n');
		expect(problems[0]).toMatch(
			new RegExp(
				`^• Paper of the day 2024-03-11: .*${gone}.* \\(failed 1 time so far, last 2024-03-11 09:30 \\(UTC\\); trying again 2024-03-11 09:30 \\(UTC\\)\\)$`,
			),
		);
		expect(problems[1]).toBe(
			`• Paper of the day: paperbot cannot see a text channel <#${gone}> in this server; pick a text or announcement channel it can see.`,
		);
		expect(problems[2]).toMatch(/^• Corpus reload failed; the previous corpus stays in service: /);
	});
});
