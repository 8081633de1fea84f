import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';

/** Discord's "only you can see this" message flag. */
export const EPHEMERAL_FLAG = 64;

/**
 * A message exactly as Discord receives it in an interaction response. Mentions are never parsed
 * from anything paperbot posts, so a title or query holding `@everyone` stays text.
 */
export interface MessagePayload {
	content?: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIComponentInMessageActionRow>[];
	allowed_mentions: { parse: []; users?: string[] };
	flags?: number;
}

/** What a command answers; the bot sends it to Discord, the console prints it. */
export interface Reply {
	message: MessagePayload;
	/** A public thread to start from the posted message, with an optional first message. */
	thread?: { name: string; firstMessage?: string };
	/** The reply reports a problem (the CLI then exits 1). */
	isError?: boolean;
	/** The reply says nothing was found, e.g. no similar paper (the CLI then exits 1, as for no match). */
	isEmpty?: boolean;
	/** For a public reply to a deferred command: what the asker's private "thinking…" message becomes. */
	privateNote?: string;
	/** What already happened before the public post (e.g. "Added arXiv:… to the corpus"), said first if Discord refuses it. */
	done?: string;
	/**
	 * The id of the paper this public post is of, when a paper gets one such post per server (a
	 * card's **Share** and **Discuss**): a second press points to the post already there.
	 */
	paperPost?: string;
}

/** A problem with the user's input: shown to them privately, not logged as a fault. */
export class UserError extends Error {
	override name = 'UserError';
}

/** A short private text answer. */
export function privateText(content: string): Reply {
	return privateReply({ content, embeds: [], components: [] });
}

/** A reply only the person who asked can see. */
export function privateReply(message: Omit<MessagePayload, 'allowed_mentions' | 'flags'>): Reply {
	return { message: { ...message, allowed_mentions: { parse: [] }, flags: EPHEMERAL_FLAG } };
}

/** A reply posted in the channel for everyone. */
export function publicReply(message: Omit<MessagePayload, 'allowed_mentions' | 'flags'>, thread?: Reply['thread']): Reply {
	return { message: { ...message, allowed_mentions: { parse: [] } }, ...(thread ? { thread } : {}) };
}

/** The short private answer to a user's mistake or an internal fault. */
export function errorReply(text: string): Reply {
	return { ...privateText(text), isError: true };
}
