import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import potdCommand from '../../commands/potd.js';
import { answer } from '../../src/interaction/answer.js';
import { EPHEMERAL_FLAG, type Reply } from '../../src/interaction/reply.js';
import type { ScheduleService } from '../../src/services/schedule-service.js';
import { getPaper } from '../../src/search/paper-index.js';
import { invocation, shippedCorpusContext } from './corpus.js';

const potd: AnyCommand = potdCommand;
const run = (reply: () => Reply | Promise<Reply>) =>
	answer(reply, (error) => {
		throw error;
	});

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

/** A schedule whose paper of the day is `paperId` (null: none), noting which guild asked. */
function scheduleShowing(paperId: string | null): { schedule: ScheduleService; askedFor: string[] } {
	const askedFor: string[] = [];
	const todaysPaper = (guildId: string) => {
		askedFor.push(guildId);
		return paperId === null ? null : (getPaper(shipped.index, paperId) ?? null);
	};
	return { schedule: { todaysPaper } as ScheduleService, askedFor };
}

describe('/potd', () => {
	it('is registered for servers only', () => {
		expect(potdCommand.data.contexts).toEqual([0]);
	});

	it('shows the asking server’s paper of the day privately, headed as the post is, with Share', async () => {
		const { schedule, askedFor } = scheduleShowing('2305.00054');
		const input = invocation(undefined);
		const { message } = await run(() => potd.execute(input, { ...shipped, schedule }));
		expect(askedFor).toEqual([input.guildId]);
		expect(message.flags).toBe(EPHEMERAL_FLAG);
		expect(message.embeds[0]).toMatchObject({ author: { name: 'Paper of the day' }, url: 'https://arxiv.org/abs/2305.00054' });
		expect(JSON.stringify(message.components)).toContain('"share:2305.00054"');
		expect(JSON.stringify(message.components)).not.toContain('discuss:');
	});

	it('says so when the corpus is empty and there is no paper of the day', async () => {
		const { schedule } = scheduleShowing(null);
		const reply = await run(() => potd.execute(invocation(undefined), { ...shipped, schedule }));
		expect(reply).toMatchObject({
			isError: true,
			message: { content: 'The corpus is empty, so there is no paper of the day.', flags: EPHEMERAL_FLAG },
		});
	});

	it('answers in the console, or outside a server, that it works only in a Discord server', async () => {
		const { schedule, askedFor } = scheduleShowing('2305.00054');
		for (const [input, context] of [
			[invocation(undefined), shipped],
			[
				{ ...invocation(undefined), guildId: undefined },
				{ ...shipped, schedule },
			],
		] as const) {
			const reply = await run(() => potd.execute(input, context));
			expect(reply).toMatchObject({
				isError: true,
				message: { content: 'This works only in a Discord server where paperbot is running.' },
			});
		}
		expect(askedFor).toEqual([]);
	});
});
