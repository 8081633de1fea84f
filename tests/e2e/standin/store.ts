import type { APIChannel, APIMessage, APIUser } from 'discord.js';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh snowflake id: its timestamp is now, so ids sort in creation order as Discord's do. */
export function nextSnowflake(): string {
	snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
	return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeIncrement).toString();
}

/** A text channel or thread the stand-in knows, and its messages (oldest first). */
export interface StoredChannel {
	channel: APIChannel;
	messages: APIMessage[];
}

/** The payload fields of a message create or edit that the stand-in keeps. */
export interface MessageBody {
	content?: string;
	embeds?: unknown[];
	components?: unknown[];
	flags?: number;
	allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
}

/** Who a message pings, worked out the way Discord does from its content and `allowed_mentions`. */
export function resolveMentions(
	content: string,
	allowedMentions: MessageBody['allowed_mentions'] | undefined,
): Pick<APIMessage, 'mention_everyone' | 'mentions' | 'mention_roles'> {
	// Without allowed_mentions Discord parses everything in the content.
	const parse = allowedMentions ? (allowedMentions.parse ?? []) : ['everyone', 'users', 'roles'];
	const allowedUsers = allowedMentions?.users ?? [];
	const allowedRoles = allowedMentions?.roles ?? [];
	const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? '');
	const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? '');
	return {
		mention_everyone: parse.includes('everyone') && /@(everyone|here)/.test(content),
		mentions: userIds
			.filter((id) => parse.includes('users') || allowedUsers.includes(id))
			.map((id) => ({ id, username: `user-${id}`, discriminator: '0', global_name: null, avatar: null })),
		mention_roles: roleIds.filter((id) => parse.includes('roles') || allowedRoles.includes(id)),
	};
}

/** Extra fields of a message beyond its body: who wrote it, where, and how it came to be. */
export interface MessageOrigin {
	channelId: string;
	author: APIUser;
	type?: number;
	extra?: Partial<APIMessage>;
}

/** A full message object as Discord returns it, built from a create payload. */
export function buildMessage(body: MessageBody, origin: MessageOrigin): APIMessage {
	const content = body.content ?? '';
	return {
		id: nextSnowflake(),
		type: origin.type ?? 0,
		channel_id: origin.channelId,
		author: origin.author,
		content,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		tts: false,
		...resolveMentions(content, body.allowed_mentions),
		attachments: [],
		embeds: (body.embeds ?? []) as APIMessage['embeds'],
		components: (body.components ?? []) as NonNullable<APIMessage['components']>,
		pinned: false,
		flags: body.flags ?? 0,
		...origin.extra,
	};
}

/** Applies an edit payload to a message in place: only the fields present in the edit change. */
export function editMessage(message: APIMessage, body: MessageBody): APIMessage {
	if (body.content !== undefined) {
		message.content = body.content ?? '';
		Object.assign(message, resolveMentions(message.content, body.allowed_mentions));
	}
	if (body.embeds !== undefined) message.embeds = (body.embeds ?? []) as APIMessage['embeds'];
	if (body.components !== undefined) {
		message.components = (body.components ?? []) as NonNullable<APIMessage['components']>;
	}
	message.edited_timestamp = new Date().toISOString();
	return message;
}

/** Messages newest first, as `GET /channels/:id/messages` returns them: `before` an id, at most `limit`. */
export function messageHistory(messages: APIMessage[], limit: number, before?: string): APIMessage[] {
	const older = before === undefined ? messages : messages.filter((message) => BigInt(message.id) < BigInt(before));
	return older.slice(-limit).reverse();
}
