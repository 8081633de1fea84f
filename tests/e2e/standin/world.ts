import { randomBytes } from 'node:crypto';
import type { APIAttachment, APIMessage, APIOverwrite, APITextChannel, APIUser } from 'discord.js';
import type { StoredPoll } from './polls.js';
import { nextSnowflake, type StoredChannel } from './store.js';

/** How long Discord waits for the first callback before the interaction token stops working. */
export const INTERACTION_DEADLINE_MS = 3000;

/** Permission bits a lab member and the bot hold: view, send, embed, attach, history, threads, commands, polls. */
export const MEMBER_PERMISSIONS = (
	(1n << 6n) |
	(1n << 10n) |
	(1n << 11n) |
	(1n << 14n) |
	(1n << 15n) |
	(1n << 16n) |
	(1n << 31n) |
	(1n << 35n) |
	(1n << 38n) |
	(1n << 49n)
).toString();

/** A member's permissions and Manage Server (0x20), as the admin commands need. */
export const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 0x20n).toString();

/** One request the stand-in received, as tests see it. The `Authorization` header is never kept. */
export interface RecordedRequest {
	method: string;
	/** The path below `/api/v10` (`/channels/1/messages`), or the whole path when outside it. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** The JSON body (for multipart, the `payload_json` part), or null when there was none. */
	body: unknown;
	/** `performance.now()` when it arrived: the same clock as dispatch times. */
	at: number;
	status: number;
	/** False when no route matched: the bot called something the stand-in does not know. */
	known: boolean;
}

/** One attempt to answer an interaction through `POST /interactions/:id/:token/callback`. */
export interface CallbackRecord {
	type: number;
	data: unknown;
	/** `performance.now()` when it arrived. */
	at: number;
	/** The HTTP status the stand-in answered: 204/200 accepted, 4xx rejected. */
	status: number;
	/** Discord's JSON error code when rejected (10062, 40060, 50035...), else null. */
	code: number | null;
	withResponse: boolean;
}

/** Everything that happened to one dispatched interaction. */
export interface InteractionTrace {
	id: string;
	token: string;
	type: number;
	payload: unknown;
	/** `performance.now()` when INTERACTION_CREATE was written to the bot's socket; null until then. */
	dispatchedAt: number | null;
	/** Every callback attempt, accepted or not, in arrival order. */
	callbacks: CallbackRecord[];
	/** The first accepted callback: the interaction's acknowledgement. */
	acknowledgement: CallbackRecord | null;
	/** The `@original` response message (for component updates, the component's message). */
	original: APIMessage | null;
	followUps: APIMessage[];
	/** `performance.now()` of the latest edit of `original` through the webhook, null if none. */
	originalEditedAt: number | null;
	/** For a component interaction, the id of the message it came from: what type 6/7 answers edit. */
	componentMessageId: string | null;
}

/** The guild, channels, messages, commands and interactions the stand-in holds in memory. */
export interface World {
	token: string;
	applicationId: string;
	guildId: string;
	channelId: string;
	botUser: APIUser;
	memberUser: APIUser;
	channels: Map<string, StoredChannel>;
	/** Every message by id, ephemeral interaction responses included (they are in no channel history). */
	messagesById: Map<string, APIMessage>;
	/** Registered commands by scope: `global` or a guild id. */
	commands: Map<string, Record<string, unknown>[]>;
	interactions: Map<string, InteractionTrace>;
	/** The polls of poll messages, by message id: their votes and when they ended. */
	polls: Map<string, StoredPoll>;
	/** Files members attached to commands, by attachment id: served at their `url` as Discord's CDN serves them. */
	attachments: Map<string, StoredAttachment>;
	interactionDeadlineMs: number;
	requests: RecordedRequest[];
	/** Answers to give instead of the real ones, checked in order before routing. */
	failures: InjectedFailure[];
	/** Wakes anyone waiting for a request, callback or gateway event. */
	notify: () => void;
}

/** A file a member attached to a command: what the interaction carries, and its bytes. */
export interface StoredAttachment {
	attachment: APIAttachment;
	content: Buffer;
}

/** Which requests an injected failure answers: a method and a path below `/api/v10` (exact, or a pattern). */
export interface RequestMatch {
	method: string;
	path: string | RegExp;
}

/** What an injected failure answers: Discord's JSON error, or a 429 with `retry_after` (seconds). */
export interface FailureAnswer {
	status: number;
	/** Discord's JSON error code (50013, 50001, 160002…); 0 for a 429 or a 5xx. */
	code?: number;
	message?: string;
	/** For a 429: how long to wait, in seconds. */
	retryAfter?: number;
	/** For a 429: the limit is global (every route waits), not this route's. */
	global?: boolean;
}

/** A failure the stand-in answers for matching requests: `times` requests, or every one for `forMs` after the first. */
export interface InjectedFailure {
	match: RequestMatch;
	answer: FailureAnswer;
	times: number;
	forMs?: number;
	/** `performance.now()` of the first match, once there was one. */
	since?: number;
}

/** Options that shape the world: ids and names, all optional. */
export interface WorldOptions {
	/** How long after dispatch a first callback is accepted; Discord's 3 s when left out. */
	interactionDeadlineMs?: number;
	token?: string;
	applicationId?: string;
	guildId?: string;
	channelId?: string;
	botUsername?: string;
}

/** A token shaped like Discord's (`<base64 user id>.<time>.<hmac>`), random per stand-in. */
function discordShapedToken(userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** A text channel in the world's guild. */
export function textChannel(id: string, guildId: string, name: string): APITextChannel {
	return {
		id,
		type: 0,
		guild_id: guildId,
		name,
		position: 0,
		permission_overwrites: [],
		parent_id: null,
		topic: null,
		nsfw: false,
		rate_limit_per_user: 0,
		last_message_id: null,
	};
}

/**
 * Adds a text channel to the world's guild, with permission overwrites (`type` 0 a role, where the
 * guild id is @everyone; `type` 1 a member, such as the bot) as a server admin would set them.
 */
export function addTextChannel(world: World, name: string, overwrites: APIOverwrite[] = []): APITextChannel {
	const channel = { ...textChannel(nextSnowflake(), world.guildId, name), permission_overwrites: overwrites };
	world.channels.set(channel.id, { channel, messages: [] });
	return channel;
}

/** Replaces a text channel's permission overwrites in place and returns the channel. */
export function replaceOverwrites(world: World, channelId: string, overwrites: APIOverwrite[]): APITextChannel {
	const channel = world.channels.get(channelId)?.channel;
	if (channel?.type !== 0) throw new Error(`discord-standin: no text channel ${channelId} to change permissions on`);
	channel.permission_overwrites = overwrites;
	return channel;
}

/** Builds a fresh world: one guild with one text channel `#papers`, the bot, and one lab member. */
export function createWorld(options: WorldOptions, notify: () => void): World {
	const applicationId = options.applicationId ?? nextSnowflake();
	const guildId = options.guildId ?? nextSnowflake();
	const channelId = options.channelId ?? nextSnowflake();
	const botUser: APIUser = {
		id: applicationId,
		username: options.botUsername ?? 'paperbot',
		discriminator: '0',
		global_name: null,
		avatar: null,
		bot: true,
	};
	const memberUser: APIUser = {
		id: nextSnowflake(),
		username: 'lab-member',
		discriminator: '0',
		global_name: 'Lab Member',
		avatar: null,
	};
	return {
		token: options.token ?? discordShapedToken(applicationId),
		applicationId,
		guildId,
		channelId,
		botUser,
		memberUser,
		channels: new Map([[channelId, { channel: textChannel(channelId, guildId, 'papers'), messages: [] }]]),
		messagesById: new Map(),
		commands: new Map(),
		interactions: new Map(),
		polls: new Map(),
		attachments: new Map(),
		interactionDeadlineMs: options.interactionDeadlineMs ?? INTERACTION_DEADLINE_MS,
		requests: [],
		failures: [],
		notify,
	};
}

/** Permission bits named as the stand-in's routes check them. */
export const PERMISSION_BITS = {
	viewChannel: 1n << 10n,
	sendMessages: 1n << 11n,
	readMessageHistory: 1n << 16n,
	createPublicThreads: 1n << 35n,
	sendMessagesInThreads: 1n << 38n,
	sendPolls: 1n << 49n,
} as const;

/**
 * The bot's permissions in a channel as Discord computes them: @everyone's, then the channel's
 * @everyone overwrite, then the overwrite for the bot itself (the bot has no other roles). A
 * thread has its parent's.
 */
export function botPermissions(world: World, channelId: string): bigint {
	let channel = world.channels.get(channelId)?.channel;
	const parentId = (channel as { parent_id?: string | null } | undefined)?.parent_id;
	if (channel && channel.type !== 0 && parentId) channel = world.channels.get(parentId)?.channel;
	const overwrites = (channel as { permission_overwrites?: APIOverwrite[] } | undefined)?.permission_overwrites ?? [];
	let permissions = BigInt(MEMBER_PERMISSIONS);
	for (const id of [world.guildId, world.botUser.id]) {
		const overwrite = overwrites.find((candidate) => candidate.id === id);
		if (overwrite) permissions = (permissions & ~BigInt(overwrite.deny)) | BigInt(overwrite.allow);
	}
	return permissions;
}

/** The GUILD_CREATE payload for the world's guild, as Discord sends it after READY. */
export function guildCreatePayload(world: World): Record<string, unknown> {
	const joinedAt = new Date().toISOString();
	const channels = [...world.channels.values()]
		.map((stored) => stored.channel)
		.filter((channel) => channel.type === 0)
		.map(({ guild_id: _guildId, ...channel }) => channel);
	const threads = [...world.channels.values()].map((stored) => stored.channel).filter((channel) => channel.type === 11);
	return {
		id: world.guildId,
		name: 'Research Lab',
		icon: null,
		splash: null,
		discovery_splash: null,
		banner: null,
		description: null,
		owner_id: world.memberUser.id,
		afk_channel_id: null,
		afk_timeout: 300,
		verification_level: 0,
		default_message_notifications: 1,
		explicit_content_filter: 0,
		mfa_level: 0,
		nsfw_level: 0,
		premium_tier: 0,
		premium_progress_bar_enabled: false,
		system_channel_id: null,
		system_channel_flags: 0,
		rules_channel_id: null,
		public_updates_channel_id: null,
		safety_alerts_channel_id: null,
		vanity_url_code: null,
		preferred_locale: 'en-US',
		application_id: null,
		max_members: 500_000,
		max_video_channel_users: 25,
		features: [],
		roles: [
			{
				id: world.guildId,
				name: '@everyone',
				permissions: MEMBER_PERMISSIONS,
				position: 0,
				color: 0,
				hoist: false,
				managed: false,
				mentionable: false,
				icon: null,
				unicode_emoji: null,
				flags: 0,
			},
		],
		emojis: [],
		stickers: [],
		joined_at: joinedAt,
		large: false,
		unavailable: false,
		member_count: 2,
		voice_states: [],
		members: [{ user: world.botUser, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0, nick: null, avatar: null }],
		channels,
		threads,
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	};
}
