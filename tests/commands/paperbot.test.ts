import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import type { Reply } from '../../src/interaction/reply.js';
import paperCommand from '../../commands/paper.js';
import paperbotCommand from '../../commands/paperbot.js';
import { answer } from '../../src/interaction/answer.js';
import { openSubscriptions, openTopics } from '../../src/store/saved-searches.js';
import type { ScheduleService } from '../../src/services/schedule-service.js';
import { openState, type State } from '../../src/store/state.js';
import { CURATOR_ROLE, curationAnswering, invocation, shippedCorpusContext } from './corpus.js';
import { openLabDesk } from '../../src/services/lab-desk.js';

const paper: AnyCommand = paperCommand;
const paperbot: AnyCommand = paperbotCommand;

const ADMIN = 32n;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A context whose schedule holds a real state database in a temp folder (topics and subscriptions touch nothing else). */
async function contextWithState(): Promise<{ context: CommandContext; state: State }> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-commands-'));
	const state = openState(join(folder, 'paperbot.db'));
	cleanups.push(
		() => rm(folder, { recursive: true, force: true }),
		() => state.close(),
	);
	const schedule = { subscriptions: openSubscriptions(state), topics: openTopics(state) } as ScheduleService;
	return { context: { ...(await shippedCorpusContext()), schedule }, state };
}

const run = (reply: () => Reply | Promise<Reply>) =>
	answer(reply, (error) => {
		throw error;
	});
const content = async (reply: () => Reply | Promise<Reply>) => (await run(reply)).message.content;

describe('paperbot', () => {
	it('is registered for guilds only, for Manage Server by default', () => {
		expect(paperbot.data.default_member_permissions).toBe('32');
		expect(paperbot.data.contexts).toEqual([0]);
	});

	it('refuses a member without Manage Server even when Discord let the command through', async () => {
		const { context, state } = await contextWithState();
		const input = { ...invocation('add', { query: 'spiking' }), subcommandGroup: 'topic', memberPermissions: 1n << 11n };
		expect(await content(() => paperbot.execute(input, context))).toBe('/paperbot needs the Manage Server permission.');
		expect(openTopics(state).list(input.guildId as string)).toEqual([]);
	});

	it("lets the curator role, beside Manage Server, mark the lab's papers, but not list them or set anything else", async () => {
		const { context, state } = await contextWithState();
		const lab = openLabDesk({ state, library: { current: () => context.index }, authors: [] });
		const curating = { ...context, lab, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const curator = { memberPermissions: 1n << 11n, memberRoles: [CURATOR_ROLE] };
		const add = { ...invocation('add', { id: '2305.00054' }), subcommandGroup: 'ours', ...curator };
		expect(await content(() => paperbot.execute(add, curating))).toMatch(/^“.+” is now one of the lab's papers\.$/);
		expect(lab.papers().map((labPaper) => labPaper.paper.id)).toEqual(['2305.00054']);
		for (const [group, subcommand] of [
			['ours', 'list'],
			['topic', 'list'],
		])
			expect(await content(() => paperbot.execute({ ...invocation(subcommand), subcommandGroup: group, ...curator }, curating))).toBe(
				'/paperbot needs the Manage Server permission.',
			);
		const member = { ...add, memberRoles: [] };
		expect(await content(() => paperbot.execute({ ...member, subcommand: 'remove' }, curating))).toBe(
			'/paperbot needs the Manage Server permission.',
		);
	});

	it('answers outside a Discord server that it works only there', async () => {
		const context = await shippedCorpusContext();
		const input = { ...invocation('status'), guildId: undefined, memberPermissions: undefined };
		expect(await content(() => paperbot.execute(input, context))).toBe('This works only in a Discord server where paperbot is running.');
	});

	it('adds, lists and removes digest topics through the topic group', async () => {
		const { context, state } = await contextWithState();
		const topic = (subcommand: string, query?: string) => ({
			...invocation(subcommand, query ? { query } : {}),
			subcommandGroup: 'topic',
			memberPermissions: ADMIN,
		});
		expect(await content(() => paperbot.execute(topic('add', '  spiking   networks '), context))).toBe('Topic `spiking networks` saved.');
		expect(await content(() => paperbot.execute(topic('list'), context))).toBe('Digest topics:\n• `spiking networks`');
		expect(await content(() => paperbot.execute(topic('remove', 'spiking networks'), context))).toBe('Topic `spiking networks` removed.');
		expect(await content(() => paperbot.execute(topic('remove', 'spiking networks'), context))).toBe(
			'There is no topic `spiking networks`; see `/paperbot topic list`.',
		);
		expect(openTopics(state).list('100000000000000001')).toEqual([]);
	});
});

describe('/paper subscribe, unsubscribe and subscriptions', () => {
	it('subscribes, lists and unsubscribes the asker privately', async () => {
		const { context } = await contextWithState();
		const reply = await run(() => paper.execute(invocation('subscribe', { query: 'diffusion' }), context));
		expect(reply.message.flags).toBe(64);
		expect(reply.message.content).toBe(
			'Subscribed to `diffusion`: the digest will mention you beside new papers that match every word of it.\nNo paper in the corpus has the word `diffusion`, so this matches nothing now; a saved search takes its words as written: check its spelling.',
		);
		expect(await content(() => paper.execute(invocation('subscribe', { query: 'diffusion' }), context))).toBe(
			'You are already subscribed to `diffusion`.',
		);
		expect(await content(() => paper.execute(invocation('subscriptions'), context))).toBe('Your subscriptions:\n• `diffusion`');
		expect(await content(() => paper.execute(invocation('unsubscribe'), context))).toBe('Removed all 1 of your subscriptions.');
		expect(await content(() => paper.execute(invocation('unsubscribe', { query: 'diffusion' }), context))).toBe(
			'You have no subscription `diffusion`; see /paper subscriptions.',
		);
	});

	it('refuses an empty query with the expected form', async () => {
		const { context } = await contextWithState();
		expect(await content(() => paper.execute(invocation('subscribe', { query: '   ' }), context))).toBe(
			'query must be 1–100 characters, e.g. "diffusion models"',
		);
	});
});
