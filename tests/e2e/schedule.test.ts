import Database from 'better-sqlite3';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { runBotProcess, startBotForTest, startTestWorkspace, type BotProcess } from './bot-process.js';
import { selectMenu, type InteractionInput, type OptionValue, type Standin } from './discord-standin.js';
import { MEMBER_PERMISSIONS, ADMIN_PERMISSIONS } from './standin/world.js';

const NEW_PAPERS = [
	{
		id: '2401.00001',
		title: 'Quokka embeddings for sparse retrieval',
		authors: ['Ada Quill'],
		abstract: 'We embed quokka things for retrieval.',
		categories: ['cs.IR'],
		published: '2024-01-01',
	},
	{
		id: '2401.00002',
		title: 'Wombat burrows as graphs',
		authors: ['Bo Digger'],
		abstract: 'Burrow structure seen as graph search.',
		categories: ['cs.DS'],
		published: '2024-01-02',
	},
];

/** A `/paperbot` or `/paper` interaction, with an optional subcommand group, as Discord sends it. */
function command(name: string, path: string[], options: Record<string, OptionValue>, permissions = ADMIN_PERMISSIONS): InteractionInput {
	const values = Object.entries(options).map(([option, value]) => ({ name: option, type: typeof value === 'boolean' ? 5 : 3, value }));
	const nested = path.reduceRight<unknown[]>(
		(inner, part, index) => [{ name: part, type: index === 0 && path.length === 2 ? 2 : 1, options: inner }],
		values,
	);
	return { type: 2, data: { name, type: 1, options: nested }, permissions };
}

/** When the paper of the day and the digest are due; the bot's clock stands a second before it until the test starts it. */
const DUE = new Date('2026-03-02T09:00:00Z');

const footers = (message: APIMessage) => (message.embeds as APIEmbed[]).map((embed) => embed.footer?.text ?? '');
const potdPosts = (standin: Standin) =>
	standin.messages().filter((message) => footers(message).some((text) => text.includes('Paper of the day ·')));
const digestPosts = (standin: Standin) =>
	standin.messages().filter((message) => footers(message).some((text) => text.includes('Digest ·')));
const answerText = (message: APIMessage) =>
	[message.content, ...(message.embeds as APIEmbed[]).map((embed) => JSON.stringify(embed))].join('\n');

describe('paper of the day and digests through the real bot', () => {
	it('posts the paper of the day and the digest once each, pinging only the subscriber, and not again after a crash', async () => {
		const { standin, folder, corpusPath } = await startTestWorkspace('schedule');
		const env = {
			POTD_CHANNEL_ID: standin.channelId,
			POTD_TIME: '09:00',
			TIMEZONE: 'UTC',
			DIGEST_CHANNEL_ID: standin.channelId,
			DIGEST_SCHEDULE: '0 9 * * *',
		};
		let bot: BotProcess = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: new Date(DUE.getTime() - 1_000) });
		await bot.waitForLog((record) => record.msg === 'schedule: started');

		const subscribed = await standin.sendInteraction(command('paper', ['subscribe'], { query: 'quokka' }, MEMBER_PERMISSIONS));
		expect((await subscribed.waitForAnswer()).content).toContain('Subscribed to `quokka`');
		const misspelled = await standin.sendInteraction(command('paper', ['subscribe'], { query: 'wasserstien' }, MEMBER_PERMISSIONS));
		expect((await misspelled.waitForAnswer()).content).toBe(
			'Subscribed to `wasserstien`: the digest will mention you beside new papers that match every word of it.\nNo paper in the corpus has the word `wasserstien`, so this matches nothing now; a saved search takes its words as written. Did you mean `wasserstein`? `/paper subscribe query:wasserstein` adds that spelling too.',
		);
		const listed = await standin.sendInteraction(command('paper', ['subscriptions'], {}, MEMBER_PERMISSIONS));
		expect((await listed.waitForAnswer()).content).toContain('• `wasserstien`');

		const badTime = await standin.sendInteraction(
			command('paperbot', ['potd'], { channel: standin.channelId, time: '25:00', timezone: 'Europe/London' }),
		);
		const badAnswer = await badTime.waitForAnswer();
		expect(badAnswer.content).toContain('time must be HH:MM (00:00–23:59), e.g. 09:00');
		expect(badAnswer.content).toContain('Nothing was saved.');
		expect(badAnswer.flags).toBe(64);

		const refused = await standin.sendInteraction(command('paperbot', ['status'], {}, MEMBER_PERMISSIONS));
		expect((await refused.waitForAnswer()).content).toBe('/paperbot needs the Manage Server permission.');

		// Added after the first start, so these two are first seen now and are the digest's news.
		const loads = () => bot.logs().filter((record) => record.msg === 'corpus loaded').length;
		const loadsBefore = loads();
		await writeFile(join(corpusPath, 'new-papers.jsonl'), `${NEW_PAPERS.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
		await bot.waitForLog(() => loads() > loadsBefore, 10_000);

		const status = await standin.sendInteraction(command('paperbot', ['status'], {}));
		const statusText = answerText(await status.waitForAnswer());
		expect(statusText).toContain('2026-03-02 09:00 (UTC)');
		expect(statusText).not.toContain('paperbot cannot see');
		expect([...potdPosts(standin), ...digestPosts(standin)]).toEqual([]);

		bot.startClock();
		// Logged once the post, its thread included, is out and in the post log.
		const posted = (kind: string) => bot.waitForLog((record) => record.msg === 'schedule: posted' && record.kind === kind, 10_000);
		await Promise.all([posted('potd'), posted('digest')]);

		const [potd, ...morePotd] = potdPosts(standin);
		expect(morePotd).toEqual([]);
		expect(potd?.embeds[0]?.author?.name).toBe('Paper of the day');
		expect(JSON.stringify(potd?.components)).toContain('discuss:');
		expect(standin.threads().map((thread) => thread.id)).toContain(potd?.id);

		const [digest, ...moreDigests] = digestPosts(standin);
		expect(moreDigests).toEqual([]);
		const digestRequest = standin.requests.find(
			(request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Digest ·'),
		);
		expect((digestRequest!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [standin.memberUser.id] });
		const digestText = answerText(digest as APIMessage);
		expect(digestText).toContain('Quokka embeddings for sparse retrieval');
		expect(digestText).toContain('Wombat burrows as graphs');
		expect(digest?.content).toContain(`<@${standin.memberUser.id}>`);
		expect((digest?.embeds[0]?.description ?? '').split('\n').filter((line) => line.includes(`<@${standin.memberUser.id}>`))).toHaveLength(
			1,
		);

		const shown = await standin.sendInteraction(selectMenu('open', ['2401.00002'], digest));
		expect((await shown.waitForAnswer()).embeds[0]?.title).toBe('Wombat burrows as graphs');

		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: new Date(DUE.getTime() + 30_000) });
		// The service logs this after settling today's slots, so a post owed or repeated would be out by now.
		await bot.waitForLog((record) => record.msg === 'schedule: started');
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
	}, 60_000);

	it('refuses to start on a state file that is not a paperbot database, leaving it untouched', async () => {
		const { standin, folder, corpusPath } = await startTestWorkspace('state');
		const statePath = join(folder, 'paperbot.db');
		await writeFile(statePath, 'lab notes, not a database\n');
		const { code, stderr } = await runBotProcess(standin, { corpusPath, stateDir: folder });
		expect(code).toBe(1);
		expect(stderr).toContain(`state: ${statePath} is not a paperbot database (not an SQLite file); refusing to use it`);
		expect(await readFile(statePath, 'utf8')).toBe('lab notes, not a database\n');
	});
});
