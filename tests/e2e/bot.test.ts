/**
 * The real bot process, answering a lab member in the stand-in's guild: searches, pages, cards,
 * shares, threads, the context menu, help, and input that should not get it in trouble.
 */
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREAD_INTERACTION_MESSAGE } from '../../src/discord/unread-interactions.js';
import { startStandinWithBot, type BotUnderTest } from './bot-process.js';
import {
	autocomplete,
	button,
	messageCommand,
	selectMenu,
	slashCommand,
	type CallbackRecord,
	type RecordedRequest,
	type Standin,
} from './discord-standin.js';

/** The message fields of a callback, follow-up or channel post as the bot sent them. */
interface SentMessage {
	content?: string;
	embeds?: APIEmbed[];
	components?: { components: { custom_id?: string; disabled?: boolean; options?: { value: string }[] }[] }[];
	flags?: number;
	allowed_mentions?: { parse?: string[] };
}

const EPHEMERAL = 64;
const SPIKING_GAN = { id: '2305.10246', title: 'Spiking Generative Adversarial Network with Attention Scoring Decoding' };

let lab: BotUnderTest;
let standin: Standin;

beforeAll(async () => {
	lab = await startStandinWithBot();
	standin = lab.standin;
});

afterAll(async () => {
	await lab?.close();
});

const sent = (callback: CallbackRecord) => callback.data as SentMessage;
const isEphemeral = (message: { flags?: number }) => ((message.flags ?? 0) & EPHEMERAL) !== 0;
const cardUrls = (message: { embeds?: APIEmbed[] }) => (message.embeds ?? []).map((embed) => embed.url).filter(Boolean);
const customIds = (message: SentMessage | APIMessage) =>
	((message.components ?? []) as SentMessage['components'] & object).flatMap((row) =>
		row.components.map((component) => component.custom_id),
	);

async function search(query: string) {
	const result = await standin.sendInteraction(slashCommand('paper', 'search', { query }));
	return { ...result, message: await result.waitForAnswer() };
}

describe('/paper search', () => {
	it('answers privately with the best match as a full card', async () => {
		const { callback, message } = await search('spiking gan');

		expect(callback).toMatchObject({ type: 4, status: 204 });
		expect(isEphemeral(sent(callback))).toBe(true);
		expect(message.embeds[0]).toMatchObject({ title: SPIKING_GAN.title, url: `https://arxiv.org/abs/${SPIKING_GAN.id}` });
		expect(customIds(message)).toContain(`share:${SPIKING_GAN.id}`);
	});

	it('logs one line per interaction with its command, duration and outcome', async () => {
		const { trace } = await search('spiking gan');

		const line = await lab.bot.waitForLog((record) => record.msg === 'interaction' && record.interaction === trace.id);
		expect(line).toMatchObject({ command: 'paper search', outcome: 'answered', user: standin.memberUser.id });
		expect(line.durationMs).toEqual(expect.any(Number));
	});
});

describe('id autocomplete', () => {
	it('suggests at most 25 papers, each name within 100 characters, well within 3 seconds', async () => {
		for (const typed of ['', 's', 'spik', '2305', 'x'.repeat(100)]) {
			const { callback, latencyMs } = await standin.sendInteraction(autocomplete('paper', 'show', { id: typed }, 'id'));
			const { choices } = callback.data as { choices: { name: string; value: string }[] };

			expect(callback).toMatchObject({ type: 8, status: 204 });
			expect(choices.length).toBeLessThanOrEqual(25);
			for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
			expect(latencyMs).toBeLessThan(500);
		}
	});

	it('offers the paper whose title starts with the typed text', async () => {
		const { callback } = await standin.sendInteraction(autocomplete('paper', 'share', { id: 'spiking gen' }, 'id'));

		expect((callback.data as { choices: { value: string }[] }).choices[0]).toMatchObject({ value: SPIKING_GAN.id });
	});
});

describe('result pages and their components', () => {
	it('turns to page 2 in place when Next is clicked', async () => {
		const first = await search('spiking');
		expect(customIds(first.message)).toContain('page:1:spiking');

		const click = await standin.sendInteraction(button('page:1:spiking', first.message));
		const updated = await click.waitForAnswer();

		expect(click.callback).toMatchObject({ type: 7, status: 204 });
		expect(updated.id).toBe(first.message.id);
		expect(updated.embeds[0]?.footer?.text).toMatch(/^Page 2 of 2/);
		expect(JSON.stringify(updated.components)).toContain('"value":"2305.11484"');
	});

	it('tells someone else who clicks a private result that it is not theirs, and leaves it alone', async () => {
		const first = await search('spiking');

		const click = await standin.sendInteraction({
			...button('page:1:spiking', first.message),
			user: { id: '1000000000000000001', username: 'someone-else' },
		});

		expect(click.callback.type).toBe(4);
		expect(isEphemeral(sent(click.callback))).toBe(true);
		expect(sent(click.callback).content).toContain('someone else');
		expect(standin.interactions().find((trace) => trace.id === first.trace.id)?.original?.embeds[0]?.footer?.text).not.toMatch(/^Page 2/);
	});

	it('opens the paper chosen in the menu as a private full card', async () => {
		const first = await search('spiking');

		const choice = await standin.sendInteraction(selectMenu('open', ['2305.11484'], first.message));

		expect(choice.callback.type).toBe(4);
		expect(isEphemeral(sent(choice.callback))).toBe(true);
		expect(cardUrls(sent(choice.callback))).toEqual(['https://arxiv.org/abs/2305.11484']);
	});

	it('posts the card for everyone when Share is clicked', async () => {
		const first = await search('spiking gan');

		const share = await standin.sendInteraction(button(`share:${SPIKING_GAN.id}`, first.message));
		const post = await share.waitForAnswer();

		expect(isEphemeral(sent(share.callback))).toBe(false);
		expect(standin.messages().map((message) => message.id)).toContain(post.id);
		expect(cardUrls(post)).toEqual([`https://arxiv.org/abs/${SPIKING_GAN.id}`]);
		expect(post.content).toBe(`Shared by <@${standin.memberUser.id}>`);
		expect(post.mentions).toEqual([]);
	});
});

describe('/paper share and Discuss', () => {
	it('posts the card and starts a thread named after the paper with the note inside, attributed', async () => {
		const { callback, waitForAnswer } = await standin.sendInteraction(
			slashCommand('paper', 'share', { id: SPIKING_GAN.id, note: 'Read this before Friday, @everyone' }),
		);
		const post = await waitForAnswer();
		const thread = await waitFor(() => standin.threads().find((candidate) => candidate.id === post.id));
		const notes = await waitFor(() => (standin.messages(thread.id).length ? standin.messages(thread.id) : undefined));

		expect(isEphemeral(sent(callback))).toBe(false);
		expect(cardUrls(post)).toEqual([`https://arxiv.org/abs/${SPIKING_GAN.id}`]);
		expect(thread).toMatchObject({ name: SPIKING_GAN.title, parent_id: standin.channelId });
		expect(notes).toHaveLength(1);
		expect(notes[0]?.content).toMatch(/^\*\*Lab Member\*\* wrote: Read this before Friday, @.?everyone$/u);
		expect(notes[0]).toMatchObject({ mention_everyone: false, mentions: [] });
	});

	it('starts one thread from a public card however often Discuss is clicked, pointing the second click to it', async () => {
		const show = await standin.sendInteraction(slashCommand('paper', 'show', { id: SPIKING_GAN.id }));
		const card = await show.waitForAnswer();
		expect(customIds(card)).toContain(`discuss:${SPIKING_GAN.id}`);

		const first = await standin.sendInteraction(button(`discuss:${SPIKING_GAN.id}`, card));
		await waitFor(() => standin.threads().find((thread) => thread.id === card.id));
		const second = await standin.sendInteraction(button(`discuss:${SPIKING_GAN.id}`, card));

		expect(sent(first.callback)).toMatchObject({ content: `Thread started: <#${card.id}>`, flags: EPHEMERAL });
		expect(sent(second.callback)).toMatchObject({ content: `The discussion is already here: <#${card.id}>`, flags: EPHEMERAL });
		expect(standin.threads().filter((thread) => thread.id === card.id)).toHaveLength(1);
	});
});

describe('the Paper cards context menu', () => {
	it('answers a message holding an arXiv link with that paper’s card', async () => {
		const target = standin.postUserMessage(`Has anyone read https://arxiv.org/abs/${SPIKING_GAN.id} yet?`);

		const { callback } = await standin.sendInteraction(messageCommand('Paper cards', target));

		expect(isEphemeral(sent(callback))).toBe(true);
		expect(cardUrls(sent(callback))).toEqual([`https://arxiv.org/abs/${SPIKING_GAN.id}`]);
	});

	it('names an id that is not in the corpus', async () => {
		const target = standin.postUserMessage('Classic: arXiv:1706.03762');

		const { callback } = await standin.sendInteraction(messageCommand('Paper cards', target));

		expect(isEphemeral(sent(callback))).toBe(true);
		expect(sent(callback).content).toContain('arXiv:1706.03762');
		expect(sent(callback).content).toContain('Not in the corpus');
	});
});

describe('/help and the other /paper subcommands', () => {
	it('explains every command in one embed', async () => {
		const { callback } = await standin.sendInteraction(slashCommand('help'));

		expect(sent(callback).embeds).toHaveLength(1);
		expect(JSON.stringify(sent(callback).embeds)).toContain('/paper search');
		const [help] = sent(callback).embeds as { description: string; footer: { text: string } }[];
		expect(help?.footer.text).toContain('propose them to the reading group');
		expect(help?.description).toContain('Set up the paper of the day, digests, the arXiv feed and the reading group in this server');
	});

	it('cites a paper as BibTeX in a code block', async () => {
		const { callback } = await standin.sendInteraction(slashCommand('paper', 'cite', { id: SPIKING_GAN.id }));

		expect(sent(callback).content).toMatch(/^```bibtex\n@\w+\{/);
	});

	it('lists papers similar to one and posts a random one publicly', async () => {
		const similar = await standin.sendInteraction(slashCommand('paper', 'similar', { id: SPIKING_GAN.id }));
		const random = await standin.sendInteraction(slashCommand('paper', 'random'));

		expect(sent(similar.callback).embeds?.length).toBeGreaterThan(0);
		expect(isEphemeral(sent(random.callback))).toBe(false);
		expect(cardUrls(sent(random.callback))).toHaveLength(1);
	});
});

describe('bad input', () => {
	async function privateAnswer(input: Parameters<Standin['sendInteraction']>[0]): Promise<string> {
		const { callback, waitForAnswer } = await standin.sendInteraction(input);
		const message = await waitForAnswer();
		expect(callback.status).toBe(204);
		expect(isEphemeral(message)).toBe(true);
		expect(message).toMatchObject({ mention_everyone: false, mentions: [], mention_roles: [] });
		return message.content;
	}

	it('asks for words when the query is blank', async () => {
		expect(await privateAnswer(slashCommand('paper', 'search', { query: '   ' }))).toContain('Type some words to search for');
	});

	it('refuses a 6,000-character query, saying how long it may be', async () => {
		expect(await privateAnswer(slashCommand('paper', 'search', { query: 'x'.repeat(6_000) }))).toBe(
			'That query is 6000 characters long; keep it under 300.',
		);
	});

	it('shows @everyone and a role mention in a query without pinging anyone', async () => {
		expect(await privateAnswer(slashCommand('paper', 'search', { query: '@everyone' }))).toMatch(/No paper matches “@.?everyone”/u);
		expect(await privateAnswer(slashCommand('paper', 'search', { query: '<@&1000000000000000002>' }))).toContain('1000000000000000002');
	});

	it('says an unknown id is not in the corpus', async () => {
		expect(await privateAnswer(slashCommand('paper', 'show', { id: '9999.99999' }))).toMatch(
			/^arXiv:9999\.99999 is not in the corpus; add it from arXiv with .\/paper add id:9999\.99999./,
		);
	});

	it('says a button from an unknown version belongs to an older paperbot', async () => {
		const { message } = await search('spiking');

		expect(await privateAnswer(button('bookmark:2305.10246', message))).toContain('older version of paperbot');
	});

	it('answers a payload without data privately, and an autocomplete without data with no choices', async () => {
		const base = {
			application_id: standin.applicationId,
			channel_id: standin.channelId,
			guild_id: standin.guildId,
			member: { user: standin.memberUser, roles: [] },
			version: 1,
		};
		const command = standin.sendRawInteraction({ ...base, id: '1000000000000000010', token: 'malformed-command', type: 2, data: null });
		const suggestion = standin.sendRawInteraction({
			...base,
			id: '1000000000000000011',
			token: 'malformed-autocomplete',
			type: 4,
			data: null,
		});

		await waitFor(() => (command?.callbacks.length && suggestion?.callbacks.length ? true : undefined));
		expect(command?.callbacks).toMatchObject([{ type: 4, status: 204, data: { content: UNREAD_INTERACTION_MESSAGE, flags: EPHEMERAL } }]);
		expect(suggestion?.callbacks).toMatchObject([{ type: 8, status: 204, data: { choices: [] } }]);
		expect(lab.bot.isAlive()).toBe(true);
	});

	it('keeps answering afterwards', async () => {
		const { message } = await search('spiking gan');

		expect(message.embeds[0]?.url).toBe(`https://arxiv.org/abs/${SPIKING_GAN.id}`);
		expect(lab.bot.isAlive()).toBe(true);
	});
});

describe('everything the bot sent in this session', () => {
	it('let no message ping anyone: allowed_mentions.parse is empty on every one', () => {
		const messages = standin.requests.flatMap(sentMessage);

		expect(messages.length).toBeGreaterThan(25);
		for (const message of messages) expect(message.allowed_mentions, JSON.stringify(message).slice(0, 200)).toEqual({ parse: [] });
	});

	it('acknowledged every interaction once, in time', () => {
		const traces = standin.interactions();

		expect(traces.length).toBeGreaterThan(25);
		for (const trace of traces)
			expect(
				trace.callbacks.map((callback) => callback.status < 400),
				`interaction ${trace.id}`,
			).toEqual([true]);
	});

	it('stayed within the routes Discord has and never wrote the token to its output', () => {
		expect(standin.unknownRequests()).toEqual([]);
		expect(lab.bot.stdout() + lab.bot.stderr()).not.toContain(standin.token);
	});
});

/** The message a request carries, if it carries one: a reply, update, follow-up, edit or post. */
function sentMessage(request: RecordedRequest): SentMessage[] {
	const body = request.body as { type?: number; data?: SentMessage } & SentMessage;
	if (request.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(request.path)) {
		return body.type === 4 || body.type === 7 ? [body.data ?? {}] : [];
	}
	const isMessageRoute =
		/^\/webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?$/.test(request.path) || /^\/channels\/\d+\/messages(\/\d+)?$/.test(request.path);
	return isMessageRoute && (request.method === 'POST' || request.method === 'PATCH') ? [body] : [];
}

/** Polls `find` until it returns a value (the stand-in's state changes as the bot's requests land). */
async function waitFor<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const found = find();
		if (found !== undefined) return found;
		if (performance.now() > deadline) throw new Error(`bot.test: nothing turned up within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
