import Database from 'better-sqlite3';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { copyCorpus, runBotProcess, startBotProcess, type BotProcess } from './bot-process.js';
import { selectMenu, startDiscordStandin, type InteractionInput, type OptionValue, type Standin } from './discord-standin.js';
import { MEMBER_PERMISSIONS } from './standin/world.js';

const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 32n).toString();
const NEW_PAPERS = [
	{ id: '2401.00001', title: 'Quokka embeddings for sparse retrieval', authors: ['Ada Quill'], abstract: 'We embed quokka things for retrieval.', categories: ['cs.IR'], published: '2024-01-01' },
	{ id: '2401.00002', title: 'Wombat burrows as graphs', authors: ['Bo Digger'], abstract: 'Burrow structure seen as graph search.', categories: ['cs.DS'], published: '2024-01-02' },
];

/** A `/paperbot` or `/paper` interaction, with an optional subcommand group, as Discord sends it. */
function command(name: string, path: string[], options: Record<string, OptionValue>, permissions = ADMIN_PERMISSIONS): InteractionInput {
	const values = Object.entries(options).map(([option, value]) => ({ name: option, type: typeof value === 'boolean' ? 5 : 3, value }));
	const nested = path.reduceRight<unknown[]>((inner, part, index) => [{ name: part, type: index === 0 && path.length === 2 ? 2 : 1, options: inner }], values);
	return { type: 2, data: { name, type: 1, options: nested }, permissions };
}

/** `HH:MM` and the cron pattern of the first UTC minute at least `leadMs` from now. */
function minuteAhead(leadMs: number): { at: Date; time: string; cron: string } {
	const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
	const hh = at.getUTCHours();
	const mm = at.getUTCMinutes();
	return { at, time: `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`, cron: `${mm} ${hh} * * *` };
}

const footers = (message: APIMessage) => (message.embeds as APIEmbed[]).map((embed) => embed.footer?.text ?? '');
const potdPosts = (standin: Standin) => standin.messages().filter((message) => footers(message).some((text) => text.includes('Paper of the day ·')));
const digestPosts = (standin: Standin) => standin.messages().filter((message) => footers(message).some((text) => text.includes('Digest ·')));
const answerText = (message: APIMessage) => [message.content, ...(message.embeds as APIEmbed[]).map((embed) => JSON.stringify(embed))].join('\n');

describe('paper of the day and digests through the real bot', () => {
	const cleanups: (() => Promise<unknown>)[] = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
	});

	it('posts the paper of the day and the digest once each, pinging only the subscriber, and not again after a crash', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-schedule-'));
		cleanups.push(() => rm(folder, { recursive: true, force: true }));
		const standin = await startDiscordStandin();
		cleanups.push(() => standin.close());
		const corpusPath = await copyCorpus(folder);
		const due = minuteAhead(20_000);
		const env = {
			POTD_CHANNEL_ID: standin.channelId,
			POTD_TIME: due.time,
			TIMEZONE: 'UTC',
			DIGEST_CHANNEL_ID: standin.channelId,
			DIGEST_SCHEDULE: due.cron,
		};
		let bot: BotProcess = await startBotProcess(standin, { corpusPath, stateDir: folder, env });
		cleanups.push(() => (bot.isAlive() ? bot.stop() : Promise.resolve()));
		await bot.waitForLog((record) => record.msg === 'schedule: started');

		const subscribed = await standin.sendInteraction(command('paper', ['subscribe'], { query: 'quokka' }, MEMBER_PERMISSIONS));
		expect((await subscribed.waitForAnswer()).content).toContain('Subscribed to `quokka`');

		const badTime = await standin.sendInteraction(command('paperbot', ['potd'], { channel: standin.channelId, time: '25:00', timezone: 'Europe/London' }));
		const badAnswer = await badTime.waitForAnswer();
		expect(badAnswer.content).toContain('time must be HH:MM (00:00–23:59), e.g. 09:00');
		expect(badAnswer.content).toContain('Nothing was saved.');
		expect(badAnswer.flags).toBe(64);

		const refused = await standin.sendInteraction(command('paperbot', ['status'], {}, MEMBER_PERMISSIONS));
		expect((await refused.waitForAnswer()).content).toBe('/paperbot needs the Manage Server permission.');

		// Added after the first start, so these two are first seen now and are the digest's news.
		const loads = () => bot.logs().filter((record) => record.msg === 'corpus loaded').length;
		const loadsBefore = loads();
		await writeFile(join(corpusPath, 'new-papers.jsonl'), NEW_PAPERS.map((paper) => JSON.stringify(paper)).join('\n') + '\n');
		await bot.waitForLog(() => loads() > loadsBefore, 10_000);

		const status = await standin.sendInteraction(command('paperbot', ['status'], {}));
		const statusText = answerText(await status.waitForAnswer());
		expect(statusText).toContain(`${due.time} (UTC)`);
		expect(statusText).not.toContain('paperbot cannot see');

		const waitMs = due.at.getTime() - Date.now() + 15_000;
		await standin.waitForRequest((request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Digest ·'), waitMs);
		await standin.waitForRequest((request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Paper of the day ·'), 5_000);
		await new Promise((resolve) => setTimeout(resolve, 1_500));

		const [potd, ...morePotd] = potdPosts(standin);
		expect(morePotd).toEqual([]);
		expect(potd?.embeds[0]?.author?.name).toBe('Paper of the day');
		expect(JSON.stringify(potd?.components)).toContain('discuss:');
		expect(standin.threads().map((thread) => thread.id)).toContain(potd?.id);

		const [digest, ...moreDigests] = digestPosts(standin);
		expect(moreDigests).toEqual([]);
		const digestRequest = standin.requests.find((request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Digest ·'));
		expect((digestRequest?.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [standin.memberUser.id] });
		const digestText = answerText(digest as APIMessage);
		expect(digestText).toContain('Quokka embeddings for sparse retrieval');
		expect(digestText).toContain('Wombat burrows as graphs');
		expect(digest?.content).toContain(`<@${standin.memberUser.id}>`);
		expect((digest?.embeds[0]?.description ?? '').split('\n').filter((line) => line.includes(`<@${standin.memberUser.id}>`))).toHaveLength(1);

		const shown = await standin.sendInteraction(selectMenu('open', ['2401.00002'], digest));
		expect((await shown.waitForAnswer()).embeds[0]?.title).toBe('Wombat burrows as graphs');

		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		bot = await startBotProcess(standin, { corpusPath, stateDir: folder, env });
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(potdPosts(standin)).toHaveLength(1);
		expect(digestPosts(standin)).toHaveLength(1);

		const db = new Database(join(folder, 'paperbot.db'), { readonly: true });
		try {
			expect(db.prepare('SELECT COUNT(*) AS count FROM guild_settings').get()).toEqual({ count: 0 });
			expect(db.prepare(`SELECT kind, status FROM post_log ORDER BY kind`).all()).toEqual([
				{ kind: 'digest', status: 'sent' },
				{ kind: 'potd', status: 'sent' },
			]);
		} finally {
			db.close();
		}
	}, 150_000);

	it('refuses to start on a state file that is not a paperbot database, leaving it untouched', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-state-'));
		cleanups.push(() => rm(folder, { recursive: true, force: true }));
		const standin = await startDiscordStandin();
		cleanups.push(() => standin.close());
		const statePath = join(folder, 'paperbot.db');
		await writeFile(statePath, 'lab notes, not a database\n');
		const { code, stderr } = await runBotProcess(standin, { corpusPath: await copyCorpus(folder), stateDir: folder });
		expect(code).toBe(1);
		expect(stderr).toContain(`state: ${statePath} is not a paperbot database (not an SQLite file); refusing to use it`);
		expect(await readFile(statePath, 'utf8')).toBe('lab notes, not a database\n');
	});
});
