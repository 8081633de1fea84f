import { ChannelType, type Client, type GuildTextBasedChannel, type Message } from 'discord.js';
import { ACTION_PERMISSIONS, DiscordRefusal, missingPermissions } from '../interaction/refusal.js';
import type { ChannelAccess } from '../messages/channel-permissions.js';
import { refusing } from './refusals.js';
import type { Logger } from '../log.js';
import { findMarkedPost } from '../messages/post-messages.js';
import type { Poster } from '../services/poster.js';
import { createPollPoster } from './polls.js';

/** How many of a channel's newest messages a reconcile reads for the bot's own post. */
const RECONCILE_WINDOW = 100;

/** Channel types a scheduled post may go to: text and announcement channels. */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

function postableChannel(client: Client<true>, guildId: string, channelId: string): GuildTextBasedChannel | null {
	const channel = client.channels.cache.get(channelId);
	if (!channel || channel.isDMBased() || channel.guildId !== guildId) return null;
	return (POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type) && channel.isTextBased() ? channel : null;
}

/** Whether the bot sees a guild channel as a text channel it may post to, and its permissions there, as discord.js has them cached. */
export function channelAccess(client: Client<true>, guildId: string, channelId: string): ChannelAccess {
	const channel = postableChannel(client, guildId, channelId);
	return channel ? { visible: true, held: heldIn(client, channel) } : { visible: false };
}

/** The bot's permissions in a channel, from the roles and overwrites discord.js has cached. */
function heldIn(client: Client<true>, channel: GuildTextBasedChannel): bigint | undefined {
	return channel.permissionsFor(client.user)?.bitfield;
}

async function fetchChannel(client: Client<true>, guildId: string, channelId: string): Promise<GuildTextBasedChannel> {
	const channel = postableChannel(client, guildId, channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
	if (!channel || channel.isDMBased() || !channel.isTextBased() || channel.guildId !== guildId) {
		throw new Error(`schedule/discord-posts: channel ${channelId} is not a text channel paperbot can see in guild ${guildId}`);
	}
	return channel;
}

/**
 * Starts a scheduled post's thread; a thread the bot may not start is skipped (the post is out and
 * must not look unsent). Returns what went wrong, for the post log, or undefined.
 */
async function startPostThread(
	client: Client<true>,
	channel: GuildTextBasedChannel,
	message: Message,
	threadName: string,
	log: Logger,
): Promise<string | undefined> {
	const held = heldIn(client, channel);
	const missing = missingPermissions(held, ACTION_PERMISSIONS['start a thread']);
	const done = 'Posted';
	try {
		if (missing.length > 0) throw new DiscordRefusal(0, 'start a thread', channel.id, missing, done);
		await refusing(() => message.startThread({ name: threadName }), { action: 'start a thread', channelId: channel.id, held, done });
		return undefined;
	} catch (error) {
		const code = error instanceof DiscordRefusal ? error.code : undefined;
		log.warn(
			{ err: error, code, guild: channel.guildId, channel: channel.id },
			'schedule: posted, but could not start the discussion thread',
		);
		return error instanceof DiscordRefusal
			? error.message
			: `Posted, but the discussion thread could not be started: ${error instanceof Error ? error.message : String(error)}`;
	}
}

/** The poster over a ready discord.js client. */
export function createDiscordPoster(client: Client<true>, log: Logger): Poster {
	return {
		...createPollPoster(client, (guildId, channelId) => fetchChannel(client, guildId, channelId)),
		channelAccess: (guildId, channelId) => channelAccess(client, guildId, channelId),
		async send(guildId, channelId, messages, threadName) {
			const channel = await fetchChannel(client, guildId, channelId);
			const held = heldIn(client, channel);
			// Checked before sending: a post without its cards, or half a digest, is worse than a post held for a retry.
			const missing = missingPermissions(held, ACTION_PERMISSIONS.post);
			if (missing.length > 0) throw new DiscordRefusal(0, 'post', channelId, missing);
			let firstId: string | null = null;
			let problem: string | undefined;
			for (const [index, message] of messages.entries()) {
				try {
					const sent = await refusing(
						() =>
							channel.send({
								...(message.content ? { content: message.content } : {}),
								embeds: message.embeds,
								components: message.components,
								allowedMentions: { parse: [], users: message.mentionedUserIds },
							}),
						{ action: 'post', channelId, held },
					);
					firstId ??= sent.id;
					if (index === 0 && threadName) problem = await startPostThread(client, channel, sent, threadName, log);
				} catch (error) {
					if (firstId === null) throw error;
					problem ??= `Part ${index + 1} of ${messages.length} could not be sent: ${error instanceof Error ? error.message : String(error)}`;
					log.error(
						{ err: error, guild: guildId, channel: channelId, part: index + 1, parts: messages.length },
						'schedule: a later part of a post could not be sent',
					);
				}
			}
			if (firstId === null) throw new Error('schedule/discord-posts: nothing to send');
			return { messageId: firstId, ...(problem ? { problem } : {}) };
		},
		async findPost(guildId, channelId, kind, slot) {
			const channel = await fetchChannel(client, guildId, channelId);
			const held = heldIn(client, channel);
			// Without Read Message History Discord answers with no messages, which would look like no post and post twice.
			const missing = missingPermissions(held, ACTION_PERMISSIONS['read the channel']);
			if (missing.length > 0) throw new DiscordRefusal(0, 'read the channel', channelId, missing);
			const recent = await refusing(() => channel.messages.fetch({ limit: RECONCILE_WINDOW, cache: false }), {
				action: 'read the channel',
				channelId,
				held,
			});
			// Oldest first: a digest in several parts is found by its first part.
			const messages = [...recent.values()].reverse().map((message) => ({
				id: message.id,
				authorId: message.author.id,
				footers: message.embeds.map((embed) => embed.footer?.text ?? ''),
				timestamps: message.embeds.map((embed) => embed.timestamp),
				content: message.content,
			}));
			return findMarkedPost(messages, client.user.id, kind, slot);
		},
	};
}
