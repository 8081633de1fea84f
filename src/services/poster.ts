import type { PostMessage } from '../messages/post-messages.js';
import type { ChannelAccess } from '../messages/channel-permissions.js';
import type { PollMessage } from '../messages/reading-messages.js';
import type { PostKind } from '../store/post-log.js';
import type { PollCounts } from '../schedule/reading-vote.js';

/** A scheduled post Discord accepted: its first message, and what went wrong after it (no thread, a lost part). */
export interface SentPost {
	messageId: string;
	problem?: string;
}

/** Sends scheduled posts to the guilds' channels and finds them again after a restart. */
export interface Poster {
	/**
	 * Sends `messages` in order to the channel and returns the first one's id; starts a thread from
	 * it when `threadName` is given. Throws (nothing sent) when the first part cannot go out, e.g. a
	 * DiscordRefusal naming the permissions the bot lacks there.
	 */
	send(guildId: string, channelId: string, messages: readonly PostMessage[], threadName?: string): Promise<SentPost>;
	/** The id of the bot's own post of this slot among the channel's recent messages, or null. */
	findPost(guildId: string, channelId: string, kind: PostKind, slot: string): Promise<string | null>;
	/** Whether the bot sees a guild channel as a text channel it may post to, and its permissions there (see checkChannel). */
	channelAccess(guildId: string, channelId: string): ChannelAccess;
	/** Sends a native poll to the channel, pinging nobody; returns its message id. */
	sendPoll(guildId: string, channelId: string, message: PollMessage): Promise<string>;
	/** Ends the bot's poll now, through Discord's end-poll endpoint. */
	endPoll(guildId: string, channelId: string, messageId: string): Promise<void>;
	/** The poll's votes per answer (in answer order), read fresh from Discord, and whether its count is final. */
	pollResults(guildId: string, channelId: string, messageId: string): Promise<PollCounts>;
}
