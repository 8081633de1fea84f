import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	Client,
	DiscordAPIError,
	Events,
	GatewayIntentBits,
	MessageFlags,
	Routes,
	StringSelectMenuBuilder,
	type ClientOptions,
	type Interaction,
	type TextChannel,
} from 'discord.js';
import {
	autocomplete,
	button,
	messageCommand,
	selectMenu,
	slashCommand,
	startDiscordStandin,
	type Standin,
	type StandinOptions,
} from './discord-standin.js';

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startStandin(options: StandinOptions = {}): Promise<Standin> {
	const standin = await startDiscordStandin(options);
	cleanups.push(() => standin.close());
	return standin;
}

/** A real discord.js client, logged in to the stand-in and ready. */
async function connectClient(standin: Standin, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api: standin.apiUrl },
		allowedMentions: { parse: [] },
		...options,
	});
	cleanups.push(() => client.destroy());
	const ready = once(client, Events.ClientReady);
	await client.login(standin.token);
	await ready;
	return client as Client<true>;
}

/** Runs `handle` on the next interaction the client receives; its errors come back through the promise. */
function nextInteraction(client: Client, handle: (interaction: Interaction) => Promise<unknown>): Promise<unknown> {
	return new Promise((resolve, reject) => {
		client.once(Events.InteractionCreate, (interaction) => {
			handle(interaction).then(resolve, reject);
		});
	});
}

async function papersChannel(client: Client, standin: Standin): Promise<TextChannel> {
	return (await client.channels.fetch(standin.channelId)) as TextChannel;
}

describe('slashCommand', () => {
	it('nests options under the subcommand with types guessed from the values', () => {
		expect(slashCommand('paper', 'search', { query: 'x', year: 2017, score: 0.5, exact: true })).toEqual({
			type: 2,
			data: {
				name: 'paper',
				type: 1,
				options: [
					{
						name: 'search',
						type: 1,
						options: [
							{ name: 'query', type: 3, value: 'x' },
							{ name: 'year', type: 4, value: 2017 },
							{ name: 'score', type: 10, value: 0.5 },
							{ name: 'exact', type: 5, value: true },
						],
					},
				],
			},
		});
	});

	it('puts options at the top level when there is no subcommand', () => {
		expect(slashCommand('help').data).toEqual({ name: 'help', type: 1, options: [] });
	});
});

describe('autocomplete', () => {
	it('marks only the focused option', () => {
		const input = autocomplete('paper', 'share', { id: 'atten', note: 'read this' }, 'id');
		expect(input.type).toBe(4);
		expect(input.data.options).toEqual([
			{
				name: 'share',
				type: 1,
				options: [
					{ name: 'id', type: 3, value: 'atten', focused: true },
					{ name: 'note', type: 3, value: 'read this' },
				],
			},
		]);
	});
});

describe('button and selectMenu', () => {
	it('make component interactions of component types 2 and 3', () => {
		expect(button('share:1706.03762')).toEqual({ type: 3, data: { custom_id: 'share:1706.03762', component_type: 2 } });
		expect(selectMenu('open', ['1706.03762'])).toEqual({ type: 3, data: { custom_id: 'open', component_type: 3, values: ['1706.03762'] } });
	});
});

describe('messageCommand', () => {
	it('targets the message and resolves it in data.resolved.messages', async () => {
		const standin = await startStandin();
		const message = standin.postUserMessage('arXiv:1706.03762');

		expect(messageCommand('Paper cards', message)).toEqual({
			type: 2,
			data: { name: 'Paper cards', type: 3, target_id: message.id, resolved: { messages: { [message.id]: message } } },
		});
	});
});

describe('startDiscordStandin', () => {
	it('lets a real discord.js client log in and become ready with the guild and its text channel', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);

		expect(client.user.id).toBe(standin.botUser.id);
		expect(client.application.id).toBe(standin.applicationId);
		expect(client.guilds.cache.get(standin.guildId)?.channels.cache.get(standin.channelId)?.name).toBe('papers');
		expect(standin.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
	});

	it('never records or hands back the bot token', async () => {
		const standin = await startStandin();
		await connectClient(standin);

		const identify = await standin.waitForGatewayFrame((frame) => frame.op === 2);
		expect(identify.d).toMatchObject({ token: '[redacted]', intents: GatewayIntentBits.Guilds });
		expect(JSON.stringify(standin.requests)).not.toContain(standin.token);
		expect(JSON.stringify(standin.gatewayFrames)).not.toContain(standin.token);
	});

	it('refuses a client that logs in with another token', async () => {
		const standin = await startStandin();
		const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
		cleanups.push(() => client.destroy());

		await expect(client.login('not-the-token')).rejects.toThrow();
		expect(standin.requests).toMatchObject([{ path: '/gateway/bot', status: 401 }]);
	});

	it('answers REST calls without the bot token with 401', async () => {
		const standin = await startStandin();

		const anonymous = await fetch(`${standin.apiUrl}/v10/users/@me`);
		const authorised = await fetch(`${standin.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${standin.token}` } });

		expect(anonymous.status).toBe(401);
		expect(await authorised.json()).toMatchObject({ id: standin.botUser.id, bot: true });
	});

	it('answers unknown routes with 404 code 0 and lists them as unknown requests', async () => {
		const standin = await startStandin();

		const response = await fetch(`${standin.apiUrl}/v10/voice/regions`, { headers: { authorization: `Bot ${standin.token}` } });

		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ message: '404: Not Found', code: 0 });
		expect(standin.unknownRequests()).toMatchObject([{ method: 'GET', path: '/voice/regions', known: false }]);
	});
});

describe('the application command routes', () => {
	it('stores bulk-overwritten guild commands with ids and keeps each id across overwrites', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const definitions = [
			{ name: 'help', description: 'What paperbot can do' },
			{ name: 'Paper cards', type: 3 },
		];

		const first = await client.application.commands.set(definitions, standin.guildId);
		const second = await client.application.commands.set(definitions, standin.guildId);

		expect(standin.commands(standin.guildId).map((command) => command.name)).toEqual(['help', 'Paper cards']);
		expect([...second.keys()]).toEqual([...first.keys()]);
		expect(standin.commands()).toEqual([]);
	});

	it('rejects a chat command whose name Discord would refuse with 50035', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);

		const registration = client.application.commands.set([{ name: 'Paper', description: 'Upper case is not allowed' }]);

		await expect(registration).rejects.toMatchObject({ code: 50035, rawError: { errors: { '0': { name: {} } } } });
	});
});

describe('sendInteraction', () => {
	it('delivers a slash command whose interaction.reply is recorded as callback type 4', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: `pong from ${interaction.commandName}` });
		});

		const { callback, latencyMs, waitForAnswer } = await standin.sendInteraction(slashCommand('help'));
		await handled;

		expect(callback).toMatchObject({ type: 4, status: 204, data: { content: 'pong from help' } });
		expect(latencyMs).toBeGreaterThanOrEqual(0);
		expect((await waitForAnswer()).content).toBe('pong from help');
		expect(standin.messages().map((message) => message.content)).toEqual(['pong from help']);
	});

	it('nests subcommand options and types them from the registered command', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		await client.application.commands.set(
			[
				{
					name: 'paper',
					description: 'Papers',
					options: [
						{
							name: 'search',
							description: 'Search',
							type: 1,
							options: [
								{ name: 'query', description: 'Words', type: 3, required: true },
								{ name: 'score', description: 'A number', type: 10 },
							],
						},
					],
				},
			],
			standin.guildId,
		);
		const seen = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
			await interaction.reply({ content: 'ok' });
			return [
				interaction.options.getSubcommand(),
				interaction.options.getString('query'),
				interaction.options.getNumber('score'),
				interaction.commandId,
			];
		});

		await standin.sendInteraction(slashCommand('paper', 'search', { query: 'attention', score: 2 }));

		expect(await seen).toEqual(['search', 'attention', 2, standin.commands(standin.guildId)[0]?.id]);
	});

	it('lets a deferred ephemeral reply be completed by editReply', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			await interaction.editReply({ content: 'found it' });
		});

		const { callback, waitForAnswer } = await standin.sendInteraction(slashCommand('paper', 'search', { query: 'x' }));
		const answer = await waitForAnswer();
		await handled;

		expect(callback).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
		expect(answer).toMatchObject({ content: 'found it', flags: MessageFlags.Ephemeral });
		expect(standin.messages()).toEqual([]);
	});

	it('fills the loading message with the first follow-up after a deferral, as Discord does', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply();
			await interaction.followUp({ content: 'first' });
			await interaction.followUp({ content: 'second' });
		});

		const { trace, waitForAnswer } = await standin.sendInteraction(slashCommand('paper', 'random'));
		await handled;

		expect((await waitForAnswer()).content).toBe('first');
		expect(trace.followUps.map((message) => message.content)).toEqual(['second']);
	});

	it('returns the callback response shape when discord.js asks withResponse', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const replied = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) return null;
			const response = await interaction.reply({ content: 'hello', withResponse: true });
			return response.resource?.message?.content;
		});

		const { callback } = await standin.sendInteraction(slashCommand('help'));

		expect(await replied).toBe('hello');
		expect(callback).toMatchObject({ status: 200, withResponse: true });
	});

	it('rejects a first callback later than its deadline with 10062 Unknown interaction', async () => {
		// Discord's deadline is 3 s (INTERACTION_DEADLINE_MS); a shorter one tests the same rule sooner.
		const standin = await startStandin({ interactionDeadlineMs: 300 });
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await new Promise((resolve) => setTimeout(resolve, 400));
			await interaction.reply({ content: 'too late' });
		});

		const { callback } = await standin.sendInteraction(slashCommand('help'));

		expect(callback).toMatchObject({ status: 404, code: 10062 });
		await expect(handled).rejects.toBeInstanceOf(DiscordAPIError);
		expect(standin.messages()).toEqual([]);
	});

	it('rejects a second first-callback with 40060', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.reply({ content: 'once' });
			await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
				body: { type: 4, data: { content: 'twice' } },
				auth: false,
			});
		});

		const { trace } = await standin.sendInteraction(slashCommand('help'));

		await expect(handled).rejects.toMatchObject({ code: 40060 });
		expect(trace.callbacks.map((callback) => callback.status)).toEqual([204, 400]);
	});

	it('sends autocomplete with the focused option and accepts only a type 8 answer of at most 25 choices', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const answered = nextInteraction(client, async (interaction) => {
			if (!interaction.isAutocomplete()) return null;
			await interaction.respond([{ name: 'Attention Is All You Need', value: '1706.03762' }]);
			return interaction.options.getFocused(true);
		});

		const { callback } = await standin.sendInteraction(autocomplete('paper', 'show', { id: 'atten' }, 'id'));
		expect(await answered).toMatchObject({ name: 'id', value: 'atten' });
		expect(callback).toMatchObject({ type: 8, status: 204, data: { choices: [{ value: '1706.03762' }] } });

		const tooMany = nextInteraction(client, async (interaction) => {
			if (!interaction.isAutocomplete()) return;
			await interaction.respond(Array.from({ length: 26 }, (_, index) => ({ name: `p${index}`, value: `${index}` })));
		});
		await standin.sendInteraction(autocomplete('paper', 'show', { id: 'a' }, 'id'));
		await expect(tooMany).rejects.toMatchObject({ code: 50035 });

		const deferred = nextInteraction(client, async (interaction) => {
			if (interaction.isAutocomplete())
				await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 5 }, auth: false });
		});
		await standin.sendInteraction(autocomplete('paper', 'show', { id: 'b' }, 'id'));
		await expect(deferred).rejects.toMatchObject({ code: 50035 });
	});

	it('sends a button click with the message that carries it and applies an update to that message', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const next = new ButtonBuilder().setCustomId('page:1:attention').setLabel('Next').setStyle(ButtonStyle.Secondary);
		const replied = nextInteraction(client, (interaction) =>
			interaction.isChatInputCommand()
				? interaction.reply({
						content: 'page 1',
						components: [new ActionRowBuilder<ButtonBuilder>().addComponents(next)],
						flags: MessageFlags.Ephemeral,
					})
				: Promise.resolve(),
		);
		const first = await standin.sendInteraction(slashCommand('paper', 'search', { query: 'attention' }));
		await replied;
		const clicked = nextInteraction(client, async (interaction) => {
			if (!interaction.isButton()) return null;
			await interaction.update({ content: 'page 2' });
			return [interaction.customId, interaction.message.id];
		});

		const click = await standin.sendInteraction(button('page:1:attention'));

		const originalId = (await first.waitForAnswer()).id;
		expect(await clicked).toEqual(['page:1:attention', originalId]);
		expect(click.callback.type).toBe(7);
		expect((await click.waitForAnswer()).content).toBe('page 2');
		expect((await first.waitForAnswer()).content).toBe('page 2');
	});

	it('sends a select menu choice with its values', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const channel = await papersChannel(client, standin);
		const menu = new StringSelectMenuBuilder()
			.setCustomId('open')
			.addOptions({ label: 'Paper A', value: '2101.00001' }, { label: 'Paper B', value: '2101.00002' });
		await channel.send({ content: 'results', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
		const chosen = nextInteraction(client, async (interaction) => {
			if (!interaction.isStringSelectMenu()) return null;
			await interaction.deferUpdate();
			await interaction.editReply({ content: `opened ${interaction.values.join(',')}` });
			return interaction.values;
		});

		const { callback, waitForAnswer } = await standin.sendInteraction(selectMenu('open', ['2101.00002']));

		expect(await chosen).toEqual(['2101.00002']);
		expect(callback.type).toBe(6);
		expect((await waitForAnswer()).content).toBe('opened 2101.00002');
	});

	it('sends a message context-menu command with the target message resolved', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const target = standin.postUserMessage('have a look at https://arxiv.org/abs/1706.03762');
		const seen = nextInteraction(client, async (interaction) => {
			if (!interaction.isMessageContextMenuCommand()) return null;
			await interaction.reply({ content: 'cards', flags: MessageFlags.Ephemeral });
			return [interaction.commandName, interaction.targetMessage.id, interaction.targetMessage.content];
		});

		await standin.sendInteraction(messageCommand('Paper cards', target));

		expect(await seen).toEqual(['Paper cards', target.id, target.content]);
	});
});

describe('sendRawInteraction', () => {
	it('dispatches a raw interaction payload exactly as given and traces it when it has an id and token', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const received = new Promise((resolve) => {
			client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
				if (packet.t === 'INTERACTION_CREATE') resolve(packet.d);
			});
		});
		const malformed = { id: '1', token: 'raw-token', type: 99, data: null };

		const trace = standin.sendRawInteraction(malformed);

		expect(await received).toEqual(malformed);
		expect(trace).toMatchObject({ id: '1', token: 'raw-token', type: 99, callbacks: [] });
		expect(trace?.dispatchedAt).not.toBeNull();
	});
});

describe('the channel and thread routes', () => {
	it('keeps channel messages as history the client reads newest first, paging with before', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const channel = await papersChannel(client, standin);
		const sent = [];
		for (const content of ['one', 'two', 'three']) sent.push(await channel.send({ content }));

		const newest = await channel.messages.fetch({ limit: 2, cache: false });
		const older = await channel.messages.fetch({ limit: 2, before: sent[1]?.id, cache: false });

		expect(sent[0]).toMatchObject({ channelId: standin.channelId, author: { id: standin.botUser.id } });
		expect([...newest.values()].map((message) => message.content)).toEqual(['three', 'two']);
		expect([...older.values()].map((message) => message.content)).toEqual(['one']);
	});

	it('starts one public thread per message, named as asked, and surfaces 160004 on the second', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const card = await (await papersChannel(client, standin)).send({ content: 'a card' });

		const thread = await card.startThread({ name: 'Attention Is All You Need' });
		await thread.send({ content: 'a note' });
		const second = card.startThread({ name: 'again' });

		expect(thread.id).toBe(card.id);
		expect(standin.threads()).toMatchObject([{ id: card.id, name: 'Attention Is All You Need', type: 11, parent_id: standin.channelId }]);
		expect(standin.messages(thread.id).map((message) => message.content)).toEqual(['a note']);
		await expect(second).rejects.toMatchObject({ code: 160004, message: 'A thread has already been created for this message' });
	});

	it('rejects messages Discord would refuse: 50035 naming the field, 50006 when empty', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const channel = await papersChannel(client, standin);

		await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035, rawError: { errors: { content: {} } } });
		await expect(channel.send({ embeds: [{ title: 't'.repeat(257) }] })).rejects.toMatchObject({ code: 50035 });
		await expect(client.rest.post(Routes.channelMessages(channel.id), { body: { content: '' } })).rejects.toMatchObject({ code: 50006 });
		expect(standin.messages()).toEqual([]);
	});

	it('marks @everyone as a ping only when allowed_mentions permits it', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin, { allowedMentions: undefined });
		const channel = await papersChannel(client, standin);

		const pinging = await channel.send({ content: '@everyone look' });
		const quiet = await channel.send({ content: '@everyone look', allowedMentions: { parse: [] } });

		expect(pinging.mentions.everyone).toBe(true);
		expect(quiet.mentions.everyone).toBe(false);
	});
});

describe('channel permissions and injected failures', () => {
	const deny = (standin: Standin, bits: bigint) => [{ id: standin.botUser.id, type: 1 as const, allow: '0', deny: bits.toString() }];

	it('answers as Discord does where the bot lacks a permission: 50001 unseen, 50013 no threads, no history unread', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const hidden = standin.addTextChannel('hidden', deny(standin, 1n << 10n));
		const noThreads = standin.addTextChannel('no-threads', deny(standin, 1n << 35n));
		const noHistory = standin.addTextChannel('no-history', deny(standin, 1n << 16n));
		await expect(client.rest.post(`/channels/${hidden.id}/messages`, { body: { content: 'hi' } })).rejects.toMatchObject({ code: 50001 });
		const card = (await client.rest.post(`/channels/${noThreads.id}/messages`, { body: { content: 'a card' } })) as { id: string };
		await expect(client.rest.post(`/channels/${noThreads.id}/messages/${card.id}/threads`, { body: { name: 'x' } })).rejects.toMatchObject({
			code: 50013,
		});
		await client.rest.post(`/channels/${noHistory.id}/messages`, { body: { content: 'kept' } });
		expect(await client.rest.get(`/channels/${noHistory.id}/messages`)).toEqual([]);
		expect(standin.messages(noHistory.id).map((message) => message.content)).toEqual(['kept']);
	});

	it('carries the bot’s permissions in the channel with each interaction', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const noThreads = standin.addTextChannel('no-threads', deny(standin, 1n << 35n));
		const seen = nextInteraction(client, async (interaction) => {
			if (interaction.isRepliable()) await interaction.reply({ content: 'ok' });
			return interaction.appPermissions?.has(1n << 35n);
		});
		await standin.sendInteraction({ ...slashCommand('paper', 'search', { query: 'x' }), channelId: noThreads.id });
		expect(await seen).toBe(false);
	});

	it('answers matching requests with the injected error for the given number of tries, then as usual', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const path = `/channels/${standin.channelId}/messages` as const;
		standin.failRequests({ method: 'POST', path }, { status: 403, code: 50013, message: 'Missing Permissions' }, { times: 2 });
		for (const attempt of [1, 2])
			await expect(client.rest.post(path, { body: { content: `try ${attempt}` } })).rejects.toMatchObject({ code: 50013, status: 403 });
		await client.rest.post(path, { body: { content: 'third' } });
		expect(standin.messages().map((message) => message.content)).toEqual(['third']);
	});

	it('answers a 429 with retry_after, which discord.js waits out before sending once', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const path = `/channels/${standin.channelId}/messages` as const;
		standin.failRequests({ method: 'POST', path }, { status: 429, retryAfter: 0.3, global: true });
		const started = performance.now();
		await client.rest.post(path, { body: { content: 'once' } });
		expect(performance.now() - started).toBeGreaterThanOrEqual(250);
		const attempts = standin.requests.filter((request) => request.method === 'POST' && request.path === path);
		expect(attempts.map((request) => request.status)).toEqual([429, 200]);
		expect(standin.messages().map((message) => message.content)).toEqual(['once']);
	});
});

describe('dropConnection', () => {
	it('makes the client resume and replays the interaction sent while it was away', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const handled = nextInteraction(client, async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: 'still here' });
		});

		await standin.dropConnection(4000);
		const { callback } = await standin.sendInteraction(slashCommand('help'));
		await handled;

		expect(callback).toMatchObject({ type: 4, status: 204 });
		expect(standin.gatewayFrames.filter((frame) => frame.op === 6)).toHaveLength(1);
		expect(standin.gatewayFrames.filter((frame) => frame.op === 2)).toHaveLength(1);
	});
});

describe('polls', () => {
	const poll = {
		question: { text: 'Which paper next?' },
		answers: [{ text: 'LAVA' }, { text: 'Dive into the Power of Neuronal Heterogeneity' }],
		duration: 24,
		allowMultiselect: false,
	};

	it('numbers the answers, counts members’ votes, ends early and gives the final tally a moment later, with the voters', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const channel = await papersChannel(client, standin);
		const sent = await channel.send({ content: 'Vote!', poll });
		expect(sent.poll?.answers.map((answer) => answer.id)).toEqual([1, 2]);

		standin.votePoll(sent.id, 2);
		standin.votePoll(sent.id, 2, { id: '300000000000000002', username: 'bo' });
		standin.votePoll(sent.id, 1, { id: '300000000000000003', username: 'cy' });
		standin.votePoll(sent.id, 1, { id: '300000000000000003', username: 'cy' });
		const open = await channel.messages.fetch({ message: sent.id, force: true });
		expect(open.poll?.resultsFinalized).toBe(false);
		expect(open.poll?.answers.map((answer) => answer.voteCount)).toEqual([1, 2]);

		await channel.messages.endPoll(sent.id);
		expect(() => standin.votePoll(sent.id, 1)).toThrow('vote refused: 520001 Poll expired');
		await expect(channel.messages.endPoll(sent.id)).rejects.toMatchObject({ code: 520001 });
		await new Promise((resolve) => setTimeout(resolve, 400));
		const ended = await channel.messages.fetch({ message: sent.id, force: true });
		expect(ended.poll?.resultsFinalized).toBe(true);
		expect(ended.poll?.answers.map((answer) => answer.voteCount)).toEqual([1, 2]);

		const voters = await client.rest.get(Routes.pollAnswerVoters(channel.id, sent.id, 2));
		expect((voters as { users: { id: string }[] }).users.map((user) => user.id)).toEqual(
			[standin.memberUser.id, '300000000000000002'].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
		);
	});

	it('ends a poll whose hours pass, refuses to end a message without a poll, and refuses a poll Discord would', async () => {
		const standin = await startStandin();
		const client = await connectClient(standin);
		const channel = await papersChannel(client, standin);
		const sent = await channel.send({ poll });
		standin.expirePoll(sent.id);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect((await channel.messages.fetch({ message: sent.id, force: true })).poll?.resultsFinalized).toBe(true);

		const plain = await channel.send({ content: 'no poll here' });
		await expect(channel.messages.endPoll(plain.id)).rejects.toMatchObject({ code: 520006 });
		const tooLong = channel.send({ poll: { ...poll, answers: [{ text: 'x'.repeat(56) }] } });
		await expect(tooLong).rejects.toBeInstanceOf(DiscordAPIError);
	});
});
