import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { buildPotdMessage, type PostMessage } from '../../src/messages/post-messages.js';
import { buildPickMessage } from '../../src/messages/reading-messages.js';
import { channelAccess, createDiscordPoster } from '../../src/discord/schedule-posts.js';
import { checkChannel } from '../../src/messages/channel-permissions.js';
import { connectClient, recordingLogger, type ConnectedClient } from './standin-client.js';

const SEND_MESSAGES = 1n << 11n;
const CREATE_PUBLIC_THREADS = 1n << 35n;
const LAVA = paperSchema.parse({
	id: '2305.00054',
	title: 'Lava lamps as entropy sources',
	authors: ['Ada Quill'],
	abstract: 'Wax rises.',
});

let connected: ConnectedClient;
beforeAll(async () => {
	connected = await connectClient();
});
afterAll(() => connected?.close());

const text = (content: string, mentionedUserIds: string[] = []): PostMessage => ({ content, embeds: [], components: [], mentionedUserIds });
/** A message Discord refuses: an embed title over its 256 characters. */
const refused: PostMessage = { embeds: [{ title: 'x'.repeat(300) } satisfies APIEmbed], components: [], mentionedUserIds: [] };
const posts = (channelId = connected.standin.channelId) =>
	connected.standin.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`);

describe('channelAccess', () => {
	it('sees a text channel of the server, with the permissions the bot holds there', () => {
		const { client, standin } = connected;
		const access = channelAccess(client, standin.guildId, standin.channelId);
		expect(access.visible && checkChannel('potd', standin.channelId, access, true)).toBeNull();
	});

	it('does not see a channel that is not in the server', () => {
		const { client, standin } = connected;
		expect(channelAccess(client, standin.guildId, '100000000000000999')).toEqual({ visible: false });
		expect(channelAccess(client, '100000000000000998', standin.channelId)).toEqual({ visible: false });
	});

	it('holds the bits the channel’s overwrites leave the bot', async () => {
		const { client, standin } = connected;
		const deny = (SEND_MESSAGES | CREATE_PUBLIC_THREADS).toString();
		const channel = await connected.addTextChannel('quiet', [{ id: standin.botUser.id, type: 1, allow: '0', deny }]);
		const access = channelAccess(client, standin.guildId, channel.id);
		expect(access.visible).toBe(true);
		const held = access.visible ? (access.held ?? 0n) : 0n;
		expect([held & SEND_MESSAGES, held & CREATE_PUBLIC_THREADS]).toEqual([0n, 0n]);
		expect(held & (1n << 10n)).not.toBe(0n);
	});
});

describe('createDiscordPoster', () => {
	it('sends the parts in order, each pinging only its own users, and returns the first one’s id', async () => {
		const { client, standin } = connected;
		const before = posts().length;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const { messageId: id } = await poster.send(standin.guildId, standin.channelId, [
			text('part one @everyone', [standin.memberUser.id]),
			text('part two'),
		]);
		const sent = posts().slice(before);
		expect(sent.map((request) => (request.body as { content: string }).content)).toEqual(['part one @everyone', 'part two']);
		expect(sent.map((request) => (request.body as { allowed_mentions: unknown }).allowed_mentions)).toEqual([
			{ parse: [], users: [standin.memberUser.id] },
			{ parse: [], users: [] },
		]);
		expect(standin.messages().find((message) => message.id === id)?.content).toBe('part one @everyone');
	});

	it('starts the thread from the first part when given a thread name', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const { messageId: id } = await poster.send(
			standin.guildId,
			standin.channelId,
			[buildPotdMessage(LAVA, '2024-03-10')],
			'Lava lamps as entropy sources',
		);
		expect(standin.threads().find((thread) => thread.id === id)).toMatchObject({ name: 'Lava lamps as entropy sources' });
	});

	it('keeps a post whose thread Discord refused, logging a warning, so the slot is not sent again', async () => {
		const { client, standin } = connected;
		const { log, records } = recordingLogger();
		const { messageId: id, problem } = await createDiscordPoster(client, log).send(
			standin.guildId,
			standin.channelId,
			[text('with a bad thread')],
			'x'.repeat(101),
		);
		expect(problem).toMatch(/^Posted, but the discussion thread could not be started: Invalid Form Body/);
		expect(standin.messages().find((message) => message.id === id)?.content).toBe('with a bad thread');
		expect(standin.threads().some((thread) => thread.id === id)).toBe(false);
		expect(records).toMatchObject([
			{ level: 40, guild: standin.guildId, channel: standin.channelId, msg: 'schedule: posted, but could not start the discussion thread' },
		]);
	});

	it('logs a later part Discord refused and still reports the post as sent', async () => {
		const { client, standin } = connected;
		const { log, records } = recordingLogger();
		const { messageId: id } = await createDiscordPoster(client, log).send(standin.guildId, standin.channelId, [
			text('first'),
			refused,
			text('third'),
		]);
		expect(standin.messages().find((message) => message.id === id)?.content).toBe('first');
		expect(standin.messages().at(-1)?.content).toBe('third');
		expect(records).toMatchObject([{ level: 50, part: 2, parts: 3, msg: 'schedule: a later part of a post could not be sent' }]);
	});

	it('throws when the first part is refused, having sent nothing', async () => {
		const { client, standin } = connected;
		const count = standin.messages().length;
		await expect(
			createDiscordPoster(client, recordingLogger().log).send(standin.guildId, standin.channelId, [refused, text('second')]),
		).rejects.toThrow(/Invalid Form Body/);
		expect(standin.messages()).toHaveLength(count);
	});

	it('refuses a channel outside the guild, naming both', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		await expect(poster.send('100000000000000998', standin.channelId, [text('elsewhere')])).rejects.toThrow(
			`schedule/discord-posts: channel ${standin.channelId} is not a text channel paperbot can see in guild 100000000000000998`,
		);
	});

	it('finds its own post of a slot among the channel’s messages, and no one else’s', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const channel = await connected.addTextChannel('potd');
		standin.postUserMessage('Paper of the day · 2024-03-11', { channelId: channel.id });
		expect(await poster.findPost(standin.guildId, channel.id, 'potd', '2024-03-11')).toBeNull();
		const { messageId: id } = await poster.send(standin.guildId, channel.id, [buildPotdMessage(LAVA, '2024-03-11')]);
		standin.postUserMessage('later chatter', { channelId: channel.id });
		expect(await poster.findPost(standin.guildId, channel.id, 'potd', '2024-03-11')).toBe(id);
		expect(await poster.findPost(standin.guildId, channel.id, 'potd', '2024-03-12')).toBeNull();
		expect(await poster.findPost(standin.guildId, channel.id, 'digest', '2024-03-11T09:00:00.000Z')).toBeNull();
	});

	it('finds a reading pick by its embed’s time, which Discord sends back in its own form', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const channel = await connected.addTextChannel('picks');
		const slot = '2026-03-02T10:00:00.000Z';
		const winner = { paperId: LAVA.id, paper: LAVA, proposal: null };
		const pick = buildPickMessage(winner, [], { winner: LAVA.id, votes: 2, total: 3, tiedWith: [] }, slot);
		const { messageId } = await poster.send(standin.guildId, channel.id, [pick]);
		expect(await poster.findPost(standin.guildId, channel.id, 'reading_result', slot)).toBe(messageId);
		expect(await poster.findPost(standin.guildId, channel.id, 'reading_result', '2026-03-09T10:00:00.000Z')).toBeNull();
	});
});

describe('the poster’s polls', () => {
	const poll = {
		content: 'Vote!\n-# Reading poll · 2026-03-02T10:00:00.000Z',
		poll: {
			question: { text: 'Reading group, week of 2026-03-02: which paper next?' },
			answers: [{ poll_media: { text: 'LAVA' } }, { poll_media: { text: 'Dive' } }],
			duration: 24,
			allow_multiselect: false as const,
			layout_type: 1 as const,
		},
	};

	it('sends a poll pinging nobody, finds it again by its marker, ends it and reads its final counts', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const id = await poster.sendPoll(standin.guildId, standin.channelId, poll);
		expect(posts().at(-1)?.body).toMatchObject({ allowed_mentions: { parse: [] }, poll: { duration: 24 } });
		expect(await poster.findPost(standin.guildId, standin.channelId, 'reading_poll', '2026-03-02T10:00:00.000Z')).toBe(id);
		standin.votePoll(id, 2);
		expect(await poster.pollResults(standin.guildId, standin.channelId, id)).toEqual({ finalized: false, counts: [0, 1] });
		await poster.endPoll(standin.guildId, standin.channelId, id);
		await poster.endPoll(standin.guildId, standin.channelId, id);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(await poster.pollResults(standin.guildId, standin.channelId, id)).toEqual({ finalized: true, counts: [0, 1] });
	});

	it('names Send Polls when Discord refuses the poll', async () => {
		const { client, standin } = connected;
		const poster = createDiscordPoster(client, recordingLogger().log);
		const deny = (1n << 49n).toString();
		const channel = await connected.addTextChannel('no-polls', [{ id: standin.botUser.id, type: 1, allow: '0', deny }]);
		await expect(poster.sendPoll(standin.guildId, channel.id, poll)).rejects.toThrow('Send Polls');
	});
});
