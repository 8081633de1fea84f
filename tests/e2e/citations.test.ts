import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { citingWork, LAB_RECORDS, LAB_WORKS } from '../library/lab-citations.js';
import { startOpenAlexStandIn } from '../library/openalex-stand-in.js';
import { startBotForTest, startTestWorkspace, type BotProcess } from './bot-process.js';
import type { InteractionInput, OptionValue } from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const API_KEY = 'openalex-key-never-logged-42';
const DAY = (day: number) => new Date(`2026-11-${String(day).padStart(2, '0')}T09:30:00Z`);

/** A `/paperbot <group> <subcommand>` interaction from an admin, as Discord sends it. */
function paperbot(group: string, subcommand: string, options: Record<string, OptionValue> = {}): InteractionInput {
	const values = Object.entries(options).map(([name, value]) => ({ name, type: 3, value }));
	const inner = [{ name: subcommand, type: 1, options: values }];
	const path = group ? [{ name: group, type: 2, options: inner }] : inner;
	return { type: 2, data: { name: 'paperbot', type: 1, options: path }, permissions: ADMIN_PERMISSIONS };
}

const footerOf = (message: APIMessage) => (message.embeds as APIEmbed[])[0]?.footer?.text ?? '';
const descriptionOf = (message: APIMessage) => (message.embeds as APIEmbed[])[0]?.description ?? '';

describe('citation alerts through the real bot', () => {
	it('marks the lab’s papers, records earlier citations once, posts each new one once across a kill, and shows it all in the status', async () => {
		const { standin, folder, corpusPath } = await startTestWorkspace('citations');
		await writeFile(join(corpusPath, 'lab.jsonl'), `${LAB_RECORDS.map((record) => JSON.stringify(record)).join('\n')}\n`);
		const openAlex = await startOpenAlexStandIn([
			...LAB_WORKS,
			citingWork('W1', ['W10'], '2024-02-01'),
			citingWork('W2', ['W10', 'W11'], '2025-03-01'),
		]);
		onTestFinished(() => openAlex.close());
		const env = {
			TIMEZONE: 'UTC',
			LAB_AUTHORS: 'Ines Quarzwald; Nobody Else',
			OPENALEX_API_URL: openAlex.apiUrl,
			OPENALEX_API_KEY: API_KEY,
			CONTACT_EMAIL: 'lab@example.org',
			ARXIV_FEED_URL: 'http://127.0.0.1:9/atom',
			ARXIV_API_URL: 'http://127.0.0.1:9/api',
		};
		const startOn = async (day: number) => {
			const started = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: DAY(day) });
			await started.waitForLog((record) => record.msg === 'schedule: started');
			return started;
		};
		const ask = async (input: InteractionInput) => (await (await standin.sendInteraction(input)).waitForAnswer(10_000)).content;
		const citationPosts = () => standin.messages().filter((message) => footerOf(message).includes('Citation · '));
		let bot: BotProcess = await startOn(1);

		expect(await ask(paperbot('ours', 'list'))).toContain("`LAB_AUTHORS`: Ines Quarzwald; Nobody Else. The lab's 3 papers, newest first:");
		expect(await ask(paperbot('ours', 'list'))).toContain('Preprint of Quarzwald Dynamics (arXiv:2311.09999), by I. Quarzwald');
		expect(await ask(paperbot('ours', 'add', { id: '2305.00054' }))).toMatch(/^“.+” is now one of the lab's papers\.$/);
		expect(await ask(paperbot('ours', 'remove', { id: 'https://arxiv.org/abs/2305.00054' }))).toMatch(
			/is no longer one of the lab's papers\.$/,
		);
		expect(await ask(paperbot('ours', 'add', { id: '2999.99999' }))).toBe(
			'No paper "2999.99999" in the corpus; add it first with `/paper add`.',
		);

		expect(await ask(paperbot('citations', 'set', { channel: standin.channelId, time: '07:00' }))).toContain(
			`Citation alerts: <#${standin.channelId}>, looking daily at 07:00 UTC for works newly citing the lab's 3 papers.`,
		);
		await bot.waitForLog((record) => record.msg === 'citations: looked', 15_000);
		expect(citationPosts().map(descriptionOf)).toEqual(['3 earlier citations of 2 lab papers recorded; new ones will be posted here.']);
		await bot.stop();

		// The next day two works each cite both lab papers OpenAlex knows; OpenAlex first asks the bot to wait.
		openAlex.works.push(citingWork('W5', ['W10', 'W11'], '2026-10-20'), citingWork('W6', ['W11', 'W10'], '2026-10-25'));
		openAlex.rateLimit(1);
		bot = await startOn(2);
		await bot.waitForLog((record) => record.msg === 'citations: looked', 15_000);
		const alerts = citationPosts().slice(1);
		expect(alerts.map((message) => (message.embeds as APIEmbed[])[0]?.title)).toEqual(['Follow-up study W5', 'Follow-up study W6']);
		for (const alert of alerts)
			expect(descriptionOf(alert)).toMatch(
				/^Cites \[\*Preprint of Quarzwald Dynamics\*\]\(.+\) and \[\*Quarzwald Networks for Sparse Coding\*\]/,
			);
		const posted = standin.requests.filter(
			(request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Follow-up study'),
		);
		for (const request of posted)
			expect((request.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [] });
		expect(openAlex.received.filter((request) => request.status === 429)).toHaveLength(1);
		await bot.stop();

		// Killed while OpenAlex has not yet answered, then killed again as its alert reaches Discord (just before or
		// just after it is recorded), the bot started again posts the alert once.
		openAlex.works.push(citingWork('W7', ['W10'], '2026-11-02'));
		const held = openAlex.hold();
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: DAY(3) });
		await held.arrived;
		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		held.release();
		expect(citationPosts()).toHaveLength(3);
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: DAY(3) });
		await standin.waitForRequest(
			(request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes('Follow-up study W7'),
			15_000,
		);
		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		// The schedule starts once the day's look (if one is still owed) is done.
		bot = await startOn(3);
		expect(citationPosts().map((message) => (message.embeds as APIEmbed[])[0]?.title ?? descriptionOf(message))).toEqual([
			'3 earlier citations of 2 lab papers recorded; new ones will be posted here.',
			'Follow-up study W5',
			'Follow-up study W6',
			'Follow-up study W7',
		]);

		const status = await standin.sendInteraction(paperbot('', 'status'));
		const fields = ((await status.waitForAnswer()).embeds as APIEmbed[])[0]?.fields ?? [];
		const citations = fields.find((field) => field.name === 'Citation alerts')?.value ?? '';
		expect(citations).toContain('Lab papers: 3 (2 found in OpenAlex)');
		expect(citations).toContain('Citations posted: 5; 3 earlier ones recorded');
		expect(citations).toContain('Not found in OpenAlex: bib:quarzwald2021');
		expect(openAlex.received.every((request) => request.query.api_key === API_KEY && request.query.mailto === 'lab@example.org')).toBe(
			true,
		);
		expect(bot.stderr()).not.toContain(API_KEY);

		expect(await ask(paperbot('citations', 'off'))).toBe('Citation alerts: off.');
		const after = await standin.sendInteraction(paperbot('', 'status'));
		const shown = ((await after.waitForAnswer()).embeds as APIEmbed[])[0]?.fields?.find((field) => field.name === 'Citation alerts')?.value;
		expect(shown?.split('\n')[0]).toBe('off');
	}, 120_000);
});
