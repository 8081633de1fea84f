import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotForTest, startTestWorkspace, type BotProcess } from './bot-process.js';
import { slashCommand, type InteractionInput, type OptionValue, type Standin } from './discord-standin.js';
import { MEMBER_PERMISSIONS, ADMIN_PERMISSIONS } from './standin/world.js';

/** A Monday, 10:00 UTC: the default reading schedule's time. */
const DUE = new Date('2026-03-02T10:00:00Z');
const SEND_POLLS = 1n << 49n;
const CREATE_PUBLIC_THREADS = 1n << 35n;

const MEMBERS = [
	{ id: '300000000000000001', username: 'ada', global_name: 'Ada' },
	{ id: '300000000000000002', username: 'bo', global_name: 'Bo' },
	{ id: '300000000000000003', username: 'cy', global_name: 'Cy' },
];
/** Proposed in this order: LAVA by Ada, the heterogeneity paper by Bo, the spiking GAN by Cy. */
const PAPERS = [
	{ id: '2305.00054', title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms' },
	{ id: '2305.11484', title: 'Dive into the Power of Neuronal Heterogeneity' },
	{ id: '2305.10246', title: 'Spiking Generative Adversarial Network with Attention Scoring Decoding' },
];

function asMember(input: InteractionInput, member: (typeof MEMBERS)[number], permissions = MEMBER_PERMISSIONS): InteractionInput {
	return { ...input, user: member, permissions };
}

/** `/paperbot reading …`, as Discord nests a subcommand in its group. */
function readingAdmin(subcommand: string, options: Record<string, OptionValue> = {}): InteractionInput {
	const values = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value }));
	return {
		type: 2,
		data: { name: 'paperbot', type: 1, options: [{ name: 'reading', type: 2, options: [{ name: subcommand, type: 1, options: values }] }] },
		permissions: ADMIN_PERMISSIONS,
	};
}

const polls = (standin: Standin) => standin.messages().filter((message) => (message as { poll?: unknown }).poll !== undefined);
const picks = (standin: Standin) =>
	standin.messages().filter((message) => (message.embeds as APIEmbed[]).some((embed) => embed.footer?.text?.endsWith('Reading pick')));
const textOf = (message: APIMessage) =>
	[message.content, ...(message.embeds as APIEmbed[]).map((embed) => JSON.stringify(embed))].join('\n');

describe('the reading group through the real bot', () => {
	it('polls the proposals once at the scheduled minute, posts the pick once when an admin closes it, and repeats nothing after a crash', async () => {
		const { standin, folder, corpusPath } = await startTestWorkspace('reading');
		const env = { READING_CHANNEL_ID: standin.channelId, TIMEZONE: 'UTC' };
		let bot: BotProcess = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: new Date(DUE.getTime() - 1_000) });
		await bot.waitForLog((record) => record.msg === 'schedule: started');

		const tooFew = await standin.sendInteraction({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS });
		expect(textOf(await tooFew.waitForAnswer())).toContain('no poll unless at least two papers are proposed (0 now)');

		// Without Send Polls the reading group cannot work: refused, naming every missing permission, what each stops, and the fix.
		const deny = (bits: bigint) => [{ id: standin.botUser.id, type: 1 as const, allow: '0', deny: String(bits) }];
		const noPolls = standin.addTextChannel('no-polls', deny(SEND_POLLS | CREATE_PUBLIC_THREADS));
		const refusedChannel = await standin.sendInteraction(readingAdmin('set', { channel: noPolls.id }));
		expect((await refusedChannel.waitForAnswer()).content).toBe(
			`Reading group: paperbot lacks *Send Polls* (the reading polls cannot be posted) and *Create Public Threads* (picks go out without a discussion thread) in <#${noPolls.id}>; give it *Send Polls* and *Create Public Threads* there, or pick another channel.\nNothing was saved.`,
		);
		// Without threads it works less well: accepted, with a warning and the fix, and status names it.
		const noThreads = standin.addTextChannel('no-threads', deny(CREATE_PUBLIC_THREADS));
		const warned = await standin.sendInteraction(readingAdmin('set', { channel: noThreads.id }));
		const lacksThreads = `paperbot lacks *Create Public Threads* (picks go out without a discussion thread) in <#${noThreads.id}>; give it *Create Public Threads* there.`;
		const [accepted, warning] = (await warned.waitForAnswer()).content.split('\n');
		expect(accepted).toMatch(new RegExp(`^Reading polls: <#${noThreads.id}> on `));
		expect(warning).toBe(`Warning: ${lacksThreads}`);
		const warnedStatus = await standin.sendInteraction({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS });
		expect(textOf(await warnedStatus.waitForAnswer())).toContain(`Reading group: ${lacksThreads}`);
		const saved = await standin.sendInteraction(readingAdmin('set', { channel: standin.channelId, hours: 48 }));
		expect((await saved.waitForAnswer()).content).toBe(
			`Reading polls: <#${standin.channelId}> on \`0 10 * * 1\` (UTC), each open 48 h. Next poll: 2026-03-02 10:00 (UTC).`,
		);

		for (const [index, paper] of PAPERS.entries()) {
			const member = MEMBERS[index]!;
			const proposed = await standin.sendInteraction(
				asMember(slashCommand('paper', 'propose', { id: paper.id, note: 'worth a week' }), member),
			);
			expect((await proposed.waitForAnswer()).content).toContain(`${index + 1} of 25 on the list`);
		}
		const again = await standin.sendInteraction(asMember(slashCommand('paper', 'propose', { id: PAPERS[0]!.id }), MEMBERS[2]!));
		expect((await again.waitForAnswer()).content).toContain('is already on the reading list: proposed by Ada on 2026-03-02');

		const preview = await standin.sendInteraction({
			...slashCommand('paperbot', 'post', { kind: 'reading' }),
			permissions: ADMIN_PERMISSIONS,
		});
		const previewText = (await preview.waitForAnswer()).content;
		expect(previewText).toContain('Preview only');
		expect(previewText).toContain('Dive into the Power of Neuronal Heterogeneity');
		expect(polls(standin)).toEqual([]);

		bot.startClock();
		await bot.waitForLog((record) => record.msg === 'reading: poll posted', 10_000);
		const [poll, ...morePolls] = polls(standin);
		expect(morePolls).toEqual([]);
		const answers = (poll as unknown as { poll: { answers: { answer_id: number; poll_media: { text: string } }[] } }).poll.answers;
		expect(answers).toHaveLength(3);
		for (const [index, answer] of answers.entries()) {
			expect(answer.poll_media.text.length).toBeLessThanOrEqual(55);
			expect({ answer: answer.poll_media.text, fits: PAPERS[index]!.title.startsWith(answer.poll_media.text.replace(/…$/, '')) }).toEqual({
				answer: answer.poll_media.text,
				fits: true,
			});
		}
		expect(answers[1]?.poll_media.text).toBe(PAPERS[1]!.title);
		expect(poll?.content).toContain('proposed by Bo');
		expect(poll?.content).toContain('oldest proposals first');
		const pollRequest = standin.requests.find((request) => request.method === 'POST' && (request.body as { poll?: unknown })?.poll);
		expect(pollRequest?.body).toMatchObject({ allowed_mentions: { parse: [] } });

		const status = await standin.sendInteraction({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS });
		const statusText = textOf(await status.waitForAnswer());
		expect(statusText).toContain('Reading list: 3 proposals');
		expect(statusText).toContain(`/${poll?.id})`);

		// Bo and Cy pick the heterogeneity paper, Ada picks her own: 2 of 3.
		standin.votePoll(poll!.id, 2, MEMBERS[1]);
		standin.votePoll(poll!.id, 2, MEMBERS[2]);
		standin.votePoll(poll!.id, 1, MEMBERS[0]);

		const refused = await standin.sendInteraction({ ...readingAdmin('close'), permissions: MEMBER_PERMISSIONS });
		expect((await refused.waitForAnswer()).content).toBe('/paperbot needs the Manage Server permission.');
		const closed = await standin.sendInteraction(readingAdmin('close'));
		expect((await closed.waitForAnswer(15_000)).content).toBe('The reading poll is closed and its result is posted.');
		expect(
			standin.requests.filter((request) => request.method === 'POST' && request.path.endsWith(`/polls/${poll?.id}/expire`)),
		).toHaveLength(1);

		const [pick, ...morePicks] = picks(standin);
		expect(morePicks).toEqual([]);
		expect(pick?.content).toContain('Dive into the Power of Neuronal Heterogeneity');
		expect(pick?.content).toContain('2 of 3 votes');
		expect(pick?.content).toContain('Proposed by Bo');
		expect(pick?.mentions).toEqual([]);
		expect(standin.threads().map((thread) => thread.id)).toContain(pick?.id);

		const listed = await standin.sendInteraction(asMember(slashCommand('paper', 'proposals'), MEMBERS[0]!));
		const listedAnswer = await listed.waitForAnswer();
		expect(listedAnswer.flags ?? 0).toBe(0);
		const listedText = textOf(listedAnswer);
		expect(listedText).not.toContain(PAPERS[1]!.id);
		expect(listedText).toContain(PAPERS[0]!.id);
		expect(listedText).toContain(PAPERS[2]!.id);

		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: new Date(DUE.getTime() + 30_000) });
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		expect(polls(standin)).toHaveLength(1);
		expect(picks(standin)).toHaveLength(1);

		const db = new Database(join(folder, 'paperbot.db'), { readonly: true });
		try {
			expect(db.prepare(`SELECT kind, status FROM post_log ORDER BY kind`).all()).toEqual([
				{ kind: 'reading_poll', status: 'sent' },
				{ kind: 'reading_result', status: 'sent' },
			]);
			expect(db.prepare(`SELECT paper_id FROM reading_proposal ORDER BY proposed_at`).all()).toEqual([
				{ paper_id: PAPERS[0]!.id },
				{ paper_id: PAPERS[2]!.id },
			]);
		} finally {
			db.close();
		}
	}, 90_000);
});
