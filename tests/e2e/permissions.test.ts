/**
 * When Discord says no, through the real bot process: a channel's permissions taken from the bot,
 * Discord refusing a thread, a note, a follow-up or a scheduled post, and rate limits. In each the
 * member or admin is told what paperbot could not do, where, and which permission to give it.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_MESSAGE } from '../../src/interaction/answer.js';
import { startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { announcementXml } from '../arxiv/feed-stand-in.js';
import { FEED_DATE, FEED_DAY } from '../feed/feed-day.js';
import { copyCorpus, startBotProcess, startFeedBot, type BotProcess } from './bot-process.js';
import {
	button,
	INTERACTION_DEADLINE_MS,
	slashCommand,
	startDiscordStandin,
	type InteractionInput,
	type InteractionTrace,
	type OptionValue,
	type Standin,
} from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const EPHEMERAL = 64;
const CREATE_PUBLIC_THREADS = (1n << 35n).toString();
const SPIKING_GAN = '2305.10246';
const MALDACENA = 'hep-th/9711200';
const THREAD_ROUTE = /^\/channels\/\d+\/messages\/\d+\/threads$/;

const isEphemeral = (message: { flags?: number }) => ((message.flags ?? 0) & EPHEMERAL) !== 0;
const denyBot = (standin: Standin, bits: string) => [{ id: standin.botUser.id, type: 1 as const, allow: '0', deny: bits }];

/** Every text the bot sent for an interaction: its callback, its `@original` and its follow-ups. */
function everythingSaid(trace: InteractionTrace): string {
	const callbacks = trace.callbacks.map((callback) => JSON.stringify(callback.data ?? ''));
	return [...callbacks, trace.original?.content ?? '', ...trace.followUps.map((message) => message.content)].join('\n');
}

async function waitFor<T>(found: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = found();
		if (value !== undefined) return value;
		if (performance.now() > deadline) throw new Error(`permissions e2e: timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** `/paperbot <path…>` as an admin sends it. */
function paperbot(path: string[], options: Record<string, OptionValue> = {}): InteractionInput {
	const values = Object.entries(options).map(([name, value]) => ({ name, type: 3, value }));
	const nested = path.reduceRight<unknown[]>((inner, part) => [{ name: part, type: 1, options: inner }], values);
	return { type: 2, data: { name: 'paperbot', type: 1, options: nested }, permissions: ADMIN_PERMISSIONS };
}

const statusField = (answer: APIMessage, name: string) =>
	(answer.embeds[0] as APIEmbed | undefined)?.fields?.find((candidate) => candidate.name === name)?.value ?? '';

describe('interactions Discord refuses', () => {
	let folder: string;
	let standin: Standin;
	let arxiv: Awaited<ReturnType<typeof startArxivStandIn>>;
	let bot: BotProcess;

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-permissions-'));
		arxiv = await startArxivStandIn({ [MALDACENA]: { fixture: 'several-papers.xml' } });
		standin = await startDiscordStandin();
		bot = await startBotProcess(standin, {
			corpusPath: await copyCorpus(folder),
			stateDir: folder,
			env: { ARXIV_API_URL: arxiv.apiUrl, ARXIV_FEED_URL: `${arxiv.apiUrl}/no-feed`, ARXIV_REQUEST_INTERVAL: '0' },
		});
	}, 30_000);

	afterAll(async () => {
		if (bot?.isAlive()) await bot.stop();
		await standin?.close();
		await arxiv?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	it('refuses /paper share at once where paperbot may not start threads, naming the permission and the channel, and posts nothing', async () => {
		const channel = standin.addTextChannel('no-threads', denyBot(standin, CREATE_PUBLIC_THREADS));
		const { callback, trace } = await standin.sendInteraction({
			...slashCommand('paper', 'share', { id: SPIKING_GAN, note: 'for Friday' }),
			channelId: channel.id,
		});
		const answer = callback.data as { content: string; flags: number };
		expect(callback.type).toBe(4);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe(
			`paperbot could not start a thread in <#${channel.id}>: a server admin should give paperbot *Create Public Threads* there. Nothing was posted.`,
		);
		expect(standin.messages(channel.id)).toEqual([]);
		expect(everythingSaid(trace)).not.toContain(FAULT_MESSAGE);
		const line = await bot.waitForLog((record) => record.msg === 'interaction' && record.interaction === trace.id);
		expect(line.outcome).toBe('refused');
	});

	it('says the card is posted but the thread is not when Discord refuses the thread (50013), and logs the code', async () => {
		standin.failRequests({ method: 'POST', path: THREAD_ROUTE }, { status: 403, code: 50013, message: 'Missing Permissions' });
		const { trace } = await standin.sendInteraction(slashCommand('paper', 'share', { id: SPIKING_GAN }));
		const notice = await waitFor(() => trace.followUps[0], 'the private notice');
		expect(isEphemeral(notice)).toBe(true);
		expect(notice.content).toBe(
			`I posted the card, but could not start a thread in <#${standin.channelId}>: a server admin should give paperbot *Create Public Threads* there.`,
		);
		expect(trace.original?.embeds[0]?.url).toBe(`https://arxiv.org/abs/${SPIKING_GAN}`);
		expect(standin.threads().some((thread) => thread.id === trace.original?.id)).toBe(false);
		expect(everythingSaid(trace)).not.toContain(FAULT_MESSAGE);
		const line = await bot.waitForLog((record) => record.interaction === trace.id && record.level === 40);
		expect(line).toMatchObject({ code: 50013, channel: standin.channelId, missing: ['Create Public Threads'] });
	});

	it('says the card and thread are there but the note is not when Discord refuses the note in the thread', async () => {
		const inThreads = new RegExp(`^/channels/(?!${standin.channelId}/)\\d+/messages$`);
		standin.failRequests({ method: 'POST', path: inThreads }, { status: 403, code: 50013, message: 'Missing Permissions' });
		const { trace } = await standin.sendInteraction(slashCommand('paper', 'share', { id: SPIKING_GAN, note: 'for Friday' }));
		const notice = await waitFor(() => trace.followUps[0], 'the private notice');
		const threadId = trace.original?.id;
		expect(standin.threads().some((thread) => thread.id === threadId)).toBe(true);
		expect(notice.content).toBe(
			`I posted the card and started <#${threadId}>, but could not post in the thread in <#${standin.channelId}>: a server admin should give paperbot *Send Messages in Threads* there.`,
		);
		expect(isEphemeral(notice)).toBe(true);
	});

	it('refuses Discuss at once where paperbot may not start threads, and names a cause no permission fixes (160006)', async () => {
		const channel = standin.addTextChannel('no-threads-either', denyBot(standin, CREATE_PUBLIC_THREADS));
		const shown = await standin.sendInteraction({ ...slashCommand('paper', 'show', { id: SPIKING_GAN }), channelId: channel.id });
		const card = await shown.waitForAnswer();
		const refused = await standin.sendInteraction({ ...button(`discuss:${SPIKING_GAN}`, card), channelId: channel.id });
		expect(refused.callback.data).toMatchObject({
			content: `paperbot could not start a thread in <#${channel.id}>: a server admin should give paperbot *Create Public Threads* there. Nothing was started.`,
			flags: EPHEMERAL,
		});

		const open = await standin.sendInteraction(slashCommand('paper', 'show', { id: SPIKING_GAN }));
		const openCard = await open.waitForAnswer();
		standin.failRequests(
			{ method: 'POST', path: THREAD_ROUTE },
			{ status: 400, code: 160006, message: 'Maximum number of active threads reached' },
		);
		const full = await standin.sendInteraction(button(`discuss:${SPIKING_GAN}`, openCard));
		expect(full.callback.data).toMatchObject({
			content: `paperbot could not start a thread in <#${standin.channelId}>: the channel has reached its maximum of active threads; archive some.`,
			flags: EPHEMERAL,
		});
		expect(everythingSaid(full.trace)).not.toContain(FAULT_MESSAGE);
	});

	it("says a curator's paper was added when Discord refuses to post its card", async () => {
		standin.failRequests(
			{ method: 'POST', path: /^\/webhooks\/\d+\/[^/]+$/ },
			{ status: 403, code: 50013, message: 'Missing Permissions' },
		);
		const added = await standin.sendInteraction({ ...slashCommand('paper', 'add', { id: MALDACENA }), permissions: ADMIN_PERMISSIONS });
		await added.waitForAnswer(10_000);
		// The private note first says the card is coming; once Discord refuses it, the note says so instead.
		const answer = await waitFor(
			() => (added.trace.original?.content.includes('could not') ? added.trace.original : undefined),
			'the corrected note',
		);
		expect(isEphemeral(answer)).toBe(true);
		expect(answer.content).toBe(
			`Added arXiv:${MALDACENA} to the corpus, but could not post in <#${standin.channelId}>: a server admin should give paperbot *Send Messages* and *Embed Links* there.`,
		);
		expect(everythingSaid(added.trace)).not.toContain(FAULT_MESSAGE);
	});

	it("refuses a member's 26th saved search with the cap and how to remove one, and lists the 25 within Discord's limits", async () => {
		const subscribe = async (query: string) =>
			(await (await standin.sendInteraction(slashCommand('paper', 'subscribe', { query }))).waitForAnswer()).content;
		for (let n = 1; n <= 25; n += 1) expect(await subscribe(`${'spiking networks '.repeat(5)}${n}`.slice(-100))).toContain('Subscribed to');
		expect(await subscribe('wasserstein')).toBe(
			'You already have 25 subscriptions here, the most paperbot keeps for one member. Remove one first with `/paper unsubscribe query:<words>` (`/paper subscriptions` lists them); `wasserstein` was not saved.',
		);
		const list = await (await standin.sendInteraction(slashCommand('paper', 'subscriptions'))).waitForAnswer();
		expect(list.content.length).toBeLessThanOrEqual(2000);
		expect(list.content.split('\n')).toHaveLength(26);
	});

	it('answers a burst of 50 interactions under a global 429 of half a second, each within 3 seconds and once', async () => {
		standin.failRequests({ method: 'POST', path: /\/callback$/ }, { status: 429, retryAfter: 0.5, global: true }, { forMs: 500 });
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, index) => standin.sendInteraction(slashCommand('paper', 'search', { query: `spiking ${index}` }))),
		);
		const limited = standin.requests.filter((request) => request.status === 429 && request.path.endsWith('/callback'));
		expect(limited.length).toBeGreaterThan(0);
		for (const { callback, latencyMs, trace } of results) {
			expect(callback.status).toBe(204);
			expect(latencyMs).toBeLessThan(INTERACTION_DEADLINE_MS);
			expect(trace.callbacks).toHaveLength(1);
			expect(everythingSaid(trace)).not.toContain(FAULT_MESSAGE);
		}
	}, 20_000);
});

/** When the paper of the day and the digest are due; the bot's clock stands a second before it until the test starts it. */
const DUE = new Date('2026-03-02T09:00:00Z');

describe('scheduled posts Discord refuses', () => {
	let folder: string;
	let standin: Standin;
	let bot: BotProcess;
	let digestChannelId: string;

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-permissions-schedule-'));
		standin = await startDiscordStandin();
		digestChannelId = standin.addTextChannel('digests').id;
		bot = await startBotProcess(standin, {
			corpusPath: await copyCorpus(folder),
			stateDir: folder,
			clock: new Date(DUE.getTime() - 1_000),
			env: {
				POTD_CHANNEL_ID: standin.channelId,
				POTD_TIME: '09:00',
				TIMEZONE: 'UTC',
				DIGEST_CHANNEL_ID: digestChannelId,
				DIGEST_SCHEDULE: '0 9 * * *',
				DIGEST_EMPTY: 'note',
			},
		});
		await bot.waitForLog((record) => record.msg === 'schedule: started');
	}, 30_000);

	afterAll(async () => {
		if (bot?.isAlive()) await bot.stop();
		await standin?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	async function status(): Promise<APIMessage> {
		return (await standin.sendInteraction(paperbot(['status']))).waitForAnswer();
	}

	function postLog(): unknown[] {
		const db = new Database(join(folder, 'paperbot.db'), { readonly: true });
		try {
			return db.prepare('SELECT kind, status, last_error FROM post_log ORDER BY kind').all();
		} finally {
			db.close();
		}
	}

	it('shows per channel what is missing and what it costs, posts without a thread once after a 429 and a 502, and keeps a refused digest for its retry', async () => {
		standin.setPermissionOverwrites(standin.channelId, denyBot(standin, CREATE_PUBLIC_THREADS));
		const missing = `Paper of the day: paperbot lacks *Create Public Threads* (posts go out without a thread) in <#${standin.channelId}>; give it *Create Public Threads* there (or turn threads off with \`thread:false\`).`;
		let before = '';
		// The bot learns of the change from CHANNEL_UPDATE on the gateway, a moment later.
		for (let tries = 0; tries < 20 && !before.includes(missing); tries += 1) before = statusField(await status(), 'Problems');
		expect(before).toContain(missing);
		expect(before).not.toContain('Digest:');

		const potdRoute = { method: 'POST', path: `/channels/${standin.channelId}/messages` };
		standin.failRequests(potdRoute, { status: 429, retryAfter: 0.3 });
		standin.failRequests(potdRoute, { status: 502, message: 'Bad Gateway' });
		standin.failRequests(
			{ method: 'POST', path: `/channels/${digestChannelId}/messages` },
			{ status: 403, code: 50013, message: 'Missing Permissions' },
		);
		bot.startClock();
		await bot.waitForLog((record) => record.msg === 'schedule: posted' && record.kind === 'potd', 15_000);
		const retry = await bot.waitForLog((record) => record.msg === 'schedule: post failed; will retry' && record.kind === 'digest', 15_000);
		expect(retry).toMatchObject({ code: 50013, retryAt: expect.any(String) });

		const potdAttempts = standin.requests.filter((request) => request.method === 'POST' && request.path === potdRoute.path);
		expect(potdAttempts.map((request) => request.status)).toEqual([429, 502, 200]);
		const potds = standin.messages().filter((message) => message.author.id === standin.botUser.id);
		expect(potds).toHaveLength(1);
		expect(standin.threads()).toEqual([]);
		expect(standin.messages(digestChannelId)).toEqual([]);
		const threadProblem = `Posted, but could not start a thread in <#${standin.channelId}>: a server admin should give paperbot *Create Public Threads* there.`;
		const digestProblem = `paperbot could not post in <#${digestChannelId}>: a server admin should give paperbot *Send Messages* and *Embed Links* there.`;
		expect(postLog()).toEqual([
			{ kind: 'digest', status: 'failed', last_error: digestProblem },
			{ kind: 'potd', status: 'sent', last_error: threadProblem },
		]);

		const after = await status();
		const problems = statusField(after, 'Problems');
		expect(problems).toContain(missing);
		expect(problems).toContain(
			`Digest 2026-03-02 09:00 (UTC): paperbot could not post in <#${digestChannelId}>: a server admin should give paperbot *Send Messages* and *Embed Links* there. (failed 1 time so far, last `,
		);
		expect(problems).toMatch(/; trying again 2026-03-02 \d\d:\d\d \(UTC\)\)/);
		expect(problems).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|\(s\)|\\\*/);
		const lastPosts = statusField(after, 'Last posts');
		expect(lastPosts).toContain(`[posted](https://discord.com/channels/${standin.guildId}/`);
		expect(lastPosts).toContain(`; ${threadProblem}`);
		expect(lastPosts).toMatch(/Digest 2026-03-02 09:00 \(UTC\): failed 1 time so far, last .*; trying again /);
		expect(JSON.stringify(after)).not.toContain(FAULT_MESSAGE);

		// Once the thread permission is back, the problem leaves status; the post it cost keeps its note.
		standin.setPermissionOverwrites(standin.channelId, []);
		let fixed = after;
		for (let tries = 0; tries < 20 && statusField(fixed, 'Problems').includes('Create Public Threads'); tries += 1) fixed = await status();
		expect(statusField(fixed, 'Problems')).not.toContain('Create Public Threads');
		expect(statusField(fixed, 'Last posts')).toContain(`; ${threadProblem}`);
	}, 60_000);
});

describe('the arXiv feed when Discord refuses its post', () => {
	it('posts nothing, names the permission in status, and keeps answering', async () => {
		const categories = 'cs.NE+cs.LG';
		const { standin, bot } = await startFeedBot('permissions-feed', {
			[categories]: { body: announcementXml(categories, FEED_DATE, FEED_DAY), etag: '"day-1"' },
		});

		standin.failRequests(
			{ method: 'POST', path: `/channels/${standin.channelId}/messages` },
			{ status: 403, code: 50001, message: 'Missing Access' },
			{ times: 10 },
		);
		// The feed time has passed today, so turning the feed on looks at once.
		const on = await standin.sendInteraction(
			paperbot(['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE cs.LG', time: '00:00' }),
		);
		expect((await on.waitForAnswer()).content).toContain('arXiv feed: <#');
		const failed = await bot.waitForLog((record) => record.msg === 'feed: look failed; will retry', 15_000);
		const refusal = `paperbot could not post in <#${standin.channelId}>: a server admin should give paperbot *View Channel* there.`;
		expect(failed.reason).toBe(refusal);
		expect(standin.messages().filter((message) => message.author.id === standin.botUser.id)).toEqual([]);

		const answer = await (await standin.sendInteraction(paperbot(['status']))).waitForAnswer();
		expect(statusField(answer, 'Problems')).toContain(
			`arXiv feed ${FEED_DATE}: paperbot could not post in <#${standin.channelId}>: a server admin should give paperbot *View Channel* there.`,
		);
		expect(JSON.stringify(answer)).not.toContain(FAULT_MESSAGE);
	}, 60_000);
});
