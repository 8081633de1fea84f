import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotForTest, startTestWorkspace } from './bot-process.js';
import { autocomplete, slashCommand, type InteractionInput, type OptionValue } from './discord-standin.js';
import { MEMBER_PERMISSIONS, ADMIN_PERMISSIONS } from './standin/world.js';

const CREATE_PUBLIC_THREADS = (1n << 35n).toString();
/** A Monday, 10:00 UTC: the default reading schedule's time. */
const DUE = new Date('2026-03-02T10:00:00Z');
/** A raw ISO 8601 time, which no message shows people. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const ADA = { id: '300000000000000001', username: 'ada', global_name: 'Ada' };
const BO = { id: '300000000000000002', username: 'bo', global_name: 'Bo' };
const CY = { id: '300000000000000003', username: 'cy', global_name: 'Cy' };
/** Three papers whose titles share their first 55 characters, added to the shipped ten. */
const SERIES = [1, 2, 3].map((part) => ({
	id: `2401.0000${part}`,
	title: `Scaling Spiking Neural Networks to Neuromorphic Hardware: Part ${part}`,
	authors: ['Ada Lovelace'],
	abstract: `Part ${part} of a series on spiking networks on neuromorphic chips.`,
}));
const SHIPPED = [
	'2306.02368',
	'2305.18439',
	'2305.14174',
	'2305.11484',
	'2305.10246',
	'2305.00054',
	'2304.14548',
	'2304.10749',
	'2304.06540',
];

function asMember(input: InteractionInput, member: typeof ADA): InteractionInput {
	return { ...input, user: member, permissions: MEMBER_PERMISSIONS };
}

function readingAdmin(subcommand: string, options: Record<string, OptionValue> = {}): InteractionInput {
	const values = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value }));
	return {
		type: 2,
		data: { name: 'paperbot', type: 1, options: [{ name: 'reading', type: 2, options: [{ name: subcommand, type: 1, options: values }] }] },
		permissions: ADMIN_PERMISSIONS,
	};
}

const textOf = (message: APIMessage) =>
	[message.content, ...(message.embeds as APIEmbed[]).map((embed) => JSON.stringify(embed))].join('\n');
const field = (message: APIMessage, name: string) =>
	(message.embeds[0] as APIEmbed | undefined)?.fields?.find((f) => f.name === name)?.value ?? '';

describe('the reading poll through the real bot: polls off, the open poll, ties and a pick without its thread', () => {
	it('says polls are off, keeps a polled paper on the list, shows the open poll after off, and says what the pick tied with and what failed', async () => {
		const { standin, folder, corpusPath } = await startTestWorkspace('reading-poll');
		await writeFile(join(corpusPath, 'series.jsonl'), `${SERIES.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
		const bot = await startBotForTest(standin, {
			corpusPath,
			stateDir: folder,
			env: { TIMEZONE: 'UTC' },
			clock: new Date(DUE.getTime() - 1_000),
		});
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		const ask = async (input: InteractionInput) => (await standin.sendInteraction(input)).waitForAnswer(15_000);

		// Polls are off: proposing and previewing say so, and name no poll time.
		const offProposal = await ask(asMember(slashCommand('paper', 'propose', { id: SERIES[0]!.id, note: 'start here' }), ADA));
		expect(offProposal.content).toContain(
			'1 of 25 on the list. No poll will offer it yet: reading polls are off here (a member with Manage Server turns them on with /paperbot reading set).',
		);
		const offPreview = (await ask({ ...slashCommand('paperbot', 'post', { kind: 'reading' }), permissions: ADMIN_PERMISSIONS })).content;
		expect(offPreview).toContain('Preview only: no poll is coming, since reading polls are off here');
		expect(offPreview).not.toMatch(/\d{2}:\d{2} \(UTC\)/);

		await ask(readingAdmin('set', { channel: standin.channelId }));
		const members = [BO, CY, ADA];
		const ids = [SERIES[1]!.id, SERIES[2]!.id, ...SHIPPED];
		for (const [index, id] of ids.entries()) {
			const proposed = await ask(asMember(slashCommand('paper', 'propose', { id }), members[index % 3]!));
			expect(proposed.content).toContain(`${index + 2} of 25 on the list. The next poll is 2026-03-02 10:00 (UTC).`);
		}

		// /paper withdraw offers the reading list, the member's own proposals first.
		const offered = await standin.sendInteraction(asMember(autocomplete('paper', 'withdraw', { id: 'scaling' }, 'id'), BO));
		expect((offered.callback.data as { choices: { value: string }[] }).choices.map((choice) => choice.value)).toEqual([
			SERIES[1]!.id,
			SERIES[0]!.id,
			SERIES[2]!.id,
		]);
		const everything = await standin.sendInteraction(asMember(autocomplete('paper', 'withdraw', { id: '' }, 'id'), CY));
		const choices = (everything.callback.data as { choices: { value: string }[] }).choices.map((choice) => choice.value);
		expect(choices).toHaveLength(12);
		expect(choices.slice(0, 4)).toEqual([SERIES[2]!.id, SHIPPED[2], SHIPPED[5], SHIPPED[8]]);

		bot.startClock();
		await bot.waitForLog((record) => record.msg === 'reading: poll posted', 10_000);
		const poll = standin.messages().find((message) => (message as { poll?: unknown }).poll !== undefined) as APIMessage & {
			poll: { answers: { poll_media: { text: string } }[] };
		};
		const answers = poll.poll.answers.map((answer) => answer.poll_media.text);
		expect(answers).toHaveLength(10);
		expect(new Set(answers).size).toBe(10);
		expect(answers.slice(0, 3)).toEqual([1, 2, 3].map((part) => `Scaling Spiking Neural Networks to… Part ${part}`));
		expect(poll.content).toContain('proposed by Ada — “start here”');
		expect(poll.content).toContain('2 more proposals did not fit in this poll (at most 10) and stay on the list for the next.');
		expect(poll.content).not.toMatch(ISO_TIME);

		// A paper the open poll offers stays on the list: it cannot win with nobody named as its proposer.
		const withdrawn = await ask(asMember(slashCommand('paper', 'withdraw', { id: SERIES[1]!.id }), BO));
		expect(withdrawn.content).toContain('is in the reading poll that is open now, so it stays on the list until the poll');
		expect(textOf(await ask(asMember(slashCommand('paper', 'proposals'), BO)))).toContain(SERIES[1]!.id);

		standin.votePoll(poll.id, 1, BO);
		standin.votePoll(poll.id, 2, CY);

		const off = await ask(readingAdmin('off'));
		expect(off.content).toBe(
			'Reading polls: off. The reading list is kept. The poll open now stays open until 2026-03-03 10:00 (UTC), and its pick is posted then.',
		);
		const status = await ask({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS });
		const reading = field(status, 'Reading group');
		expect(reading).toContain('off\nReading list: 12 proposals\nOpen poll: [vote](');
		expect(reading).toContain(`/${poll.id}), ends 2026-03-03 10:00 (UTC); its pick is posted then`);
		expect(textOf(status)).not.toContain('(s)');
		expect(textOf(status)).not.toMatch(ISO_TIME);
		expect(field(status, 'Last posts')).toContain('Reading poll 2026-03-02 10:00 (UTC): [posted](');

		// Discord refuses the pick's thread: the pick promises none, and the admin who closes the poll is told why.
		standin.setPermissionOverwrites(standin.channelId, [{ id: standin.botUser.id, type: 1, allow: '0', deny: CREATE_PUBLIC_THREADS }]);
		const closed = await ask(readingAdmin('close'));
		expect(closed.content).toBe(
			`The reading poll is closed and its result is posted, but not all of it went out. Posted, but could not start a thread in <#${standin.channelId}>: a server admin should give paperbot *Create Public Threads* there.`,
		);
		const pick = standin.messages().find((message) => message.content.startsWith('**Next reading:'));
		expect(pick?.content).toBe(
			'**Next reading: Scaling Spiking Neural Networks to Neuromorphic Hardware: Part 1** — 1 of 2 votes. Tied 1–1 with *Scaling Spiking Neural Networks to Neuromorphic Hardware: Part 2*; the earlier proposal goes first. Proposed by Ada.',
		);
		expect(standin.threads()).toEqual([]);
		const card = pick?.embeds[0] as APIEmbed;
		expect(card.footer?.text).toBe(`arXiv:${SERIES[0]!.id} · Reading pick`);
		expect(Date.parse(card.timestamp ?? '')).toBe(DUE.getTime());
	}, 90_000);
});
