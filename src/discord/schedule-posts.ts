import { ChannelType, PermissionFlagsBits, type Client, type GuildTextBasedChannel } from 'discord.js';
import type { Logger } from '../log.js';
import { findMarkedPost } from '../messages/post-messages.js';
import type { Poster } from '../services/poster.js';
import { createPollPoster } from './polls.js';

/** How many of a channel's newest messages a reconcile reads for the bot's own post. */
const RECONCILE_WINDOW = 100;

const POSTING_PERMISSIONS = [
	['View Channel', PermissionFlagsBits.ViewChannel],
	['Send Messages', PermissionFlagsBits.SendMessages],
	['Embed Links', PermissionFlagsBits.EmbedLinks],
	['Read Message History', PermissionFlagsBits.ReadMessageHistory],
] as const;
const THREAD_PERMISSIONS = [
	['Create Public Threads', PermissionFlagsBits.CreatePublicThreads],
	['Send Messages in Threads', PermissionFlagsBits.SendMessagesInThreads],
] as const;

/** Channel types a scheduled post may go to: text and announcement channels. */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

function postableChannel(client: Client<true>, guildId: string, channelId: string): GuildTextBasedChannel | null {
	const channel = client.channels.cache.get(channelId);
	if (!channel || channel.isDMBased() || channel.guildId !== guildId) return null;
	return (POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type) && channel.isTextBased() ? channel : null;
}

/**
 * Why the bot cannot post in a guild channel (it cannot see it, it is not a text channel, or the
 * bot lacks permissions there, named), or null when it can.
 */
export function channelProblem(client: Client<true>, guildId: string, channelId: string, withThreads: boolean): string | null {
	const channel = postableChannel(client, guildId, channelId);
	if (!channel) return `paperbot cannot see a text channel <#${channelId}> in this server`;
	const permissions = channel.permissionsFor(client.user);
	const needed = withThreads ? [...POSTING_PERMISSIONS, ...THREAD_PERMISSIONS] : POSTING_PERMISSIONS;
	const missing = needed.filter(([, bit]) => !permissions?.has(bit)).map(([name]) => name);
	return missing.length > 0 ? `paperbot lacks ${missing.join(', ')} in <#${channelId}>` : null;
}

async function fetchChannel(client: Client<true>, guildId: string, channelId: string): Promise<GuildTextBasedChannel> {
	const channel = postableChannel(client, guildId, channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
	if (!channel || channel.isDMBased() || !channel.isTextBased() || channel.guildId !== guildId) {
		throw new Error(`schedule/discord-posts: channel ${channelId} is not a text channel paperbot can see in guild ${guildId}`);
	}
	return channel;
}

/** The poster over a ready discord.js client. */
export function createDiscordPoster(client: Client<true>, log: Logger): Poster {
	return {
		...createPollPoster(
			client,
			(guildId, channelId) => fetchChannel(client, guildId, channelId),
			(guildId, channelId, withThreads) => channelProblem(client, guildId, channelId, withThreads),
		),
		channelProblem: (guildId, channelId, withThreads) => channelProblem(client, guildId, channelId, withThreads),
		async send(guildId, channelId, messages, threadName) {
			const channel = await fetchChannel(client, guildId, channelId);
			let firstId: string | null = null;
			for (const [index, message] of messages.entries()) {
				try {
					const sent = await channel.send({
						...(message.content ? { content: message.content } : {}),
						embeds: message.embeds,
						components: message.components,
						allowedMentions: { parse: [], users: message.mentionedUserIds },
					});
					firstId ??= sent.id;
					if (index === 0 && threadName) {
						// The post is out: a failed thread must not make the slot look unsent and post again.
						await sent
							.startThread({ name: threadName })
							.catch((error: unknown) =>
								log.warn({ err: error, guild: guildId, channel: channelId }, 'schedule: posted, but could not start the discussion thread'),
							);
					}
				} catch (error) {
					if (firstId === null) throw error;
					log.error(
						{ err: error, guild: guildId, channel: channelId, part: index + 1, parts: messages.length },
						'schedule: a later part of a post could not be sent',
					);
				}
			}
			if (firstId === null) throw new Error('schedule/discord-posts: nothing to send');
			return firstId;
		},
		async findPost(guildId, channelId, kind, slot) {
			const channel = await fetchChannel(client, guildId, channelId);
			const recent = await channel.messages.fetch({ limit: RECONCILE_WINDOW, cache: false });
			// Oldest first: a digest in several parts is found by its first part.
			const messages = [...recent.values()].reverse().map((message) => ({
				id: message.id,
				authorId: message.author.id,
				footers: message.embeds.map((embed) => embed.footer?.text ?? ''),
				content: message.content,
			}));
			return findMarkedPost(messages, client.user.id, kind, slot);
		},
	};
}
