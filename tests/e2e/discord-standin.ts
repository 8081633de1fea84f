/**
 * A Discord stand-in on 127.0.0.1 that speaks REST v10 and Gateway v10 well enough for the real
 * discord.js v14 client (and so the real bot process) to run against it. Point discord.js at it
 * with `rest: { api: standin.apiUrl }` and log in with `standin.token`; the bot process takes the
 * same values from its environment:
 * `DISCORD_API_URL=standin.apiUrl`, `DISCORD_TOKEN=standin.token`, `DISCORD_GUILD_ID=standin.guildId`.
 *
 * ```ts
 * const standin = await startDiscordStandin();
 * // ... start the bot, then:
 * await standin.waitForReady();
 * const { callback } = await standin.sendInteraction(slashCommand('paper', 'search', { query: 'attention' }));
 * ```
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIChannel, APIMessage, APIOverwrite, APITextChannel, APIUser } from 'discord.js';
import { buildInteraction, type InteractionInput } from './standin/interactions.js';
import { startGateway, type GatewayFrame } from './standin/gateway.js';
import { createRestHandler } from './standin/rest.js';
import { storeMessage } from './standin/responses.js';
import { castVote, refreshPoll } from './standin/polls.js';
import { buildMessage, nextSnowflake } from './standin/store.js';
import {
	addTextChannel,
	createWorld,
	guildCreatePayload,
	replaceOverwrites,
	type CallbackRecord,
	type FailureAnswer,
	type InjectedFailure,
	type InteractionTrace,
	type RecordedRequest,
	type RequestMatch,
	type WorldOptions,
} from './standin/world.js';

export {
	autocomplete,
	button,
	messageCommand,
	selectMenu,
	slashCommand,
	type InteractionInput,
	type OptionValue,
} from './standin/interactions.js';
export { INTERACTION_DEADLINE_MS } from './standin/world.js';
export type { GatewayFrame } from './standin/gateway.js';
export type { CallbackRecord, FailureAnswer, InteractionTrace, RecordedRequest, RequestMatch } from './standin/world.js';

/** Options for `startDiscordStandin`; every one has a sensible default. */
export interface StandinOptions extends WorldOptions {
	/** The heartbeat interval HELLO announces, in ms (Discord's is 41250). */
	heartbeatIntervalMs?: number;
}

/** What `sendInteraction` resolves with once the bot's first callback has arrived. */
export interface InteractionResult {
	/** The bot's first callback attempt (check `status`/`code`: it may have been rejected). */
	callback: CallbackRecord;
	/** Milliseconds from the gateway dispatch to the arrival of that callback. */
	latencyMs: number;
	/** Everything about this interaction, kept up to date as edits and follow-ups arrive. */
	trace: InteractionTrace;
	/**
	 * Resolves with the response message once it shows the bot's answer: at once after a reply
	 * (4) or update (7), after the `@original` edit that follows a deferral (5 or 6).
	 */
	waitForAnswer: (timeoutMs?: number) => Promise<APIMessage>;
}

/** A running stand-in: addresses and ids to give the bot, recordings, and controls. */
export interface Standin {
	/** The value for discord.js `rest.api` / the bot's `DISCORD_API_URL`: `http://127.0.0.1:PORT/api`. */
	apiUrl: string;
	/** The gateway address that `GET /gateway/bot` returns. */
	gatewayUrl: string;
	/** The bot token the stand-in accepts; REST calls without `Authorization: Bot <token>` get 401. */
	token: string;
	applicationId: string;
	guildId: string;
	/** The guild's text channel, `#papers`, where interactions happen unless told otherwise. */
	channelId: string;
	botUser: APIUser;
	/** The default user who sends interactions. */
	memberUser: APIUser;
	/** Every REST request so far, oldest first (live: it grows as requests arrive). */
	requests: readonly RecordedRequest[];
	/** Requests that matched no route: calls the stand-in (and likely Discord) does not know. */
	unknownRequests: () => RecordedRequest[];
	/** Every gateway frame the bot sent (tokens redacted), oldest first. */
	gatewayFrames: readonly GatewayFrame[];
	/** Every interaction sent so far, oldest first. */
	interactions: () => InteractionTrace[];
	/** Resolves with the first request, past or future, for which `predicate` is true. */
	waitForRequest: (predicate: (request: RecordedRequest) => boolean, timeoutMs?: number) => Promise<RecordedRequest>;
	/** Resolves once a bot has identified (or resumed) and is connected to the gateway. */
	waitForReady: (timeoutMs?: number) => Promise<void>;
	/** Resolves with the first gateway frame, past or future, for which `predicate` is true. */
	waitForGatewayFrame: (predicate: (frame: GatewayFrame) => boolean, timeoutMs?: number) => Promise<GatewayFrame>;
	/** Sends a gateway dispatch (`t`, `d`); kept for replay on RESUME while the bot is disconnected. */
	dispatch: (event: string, data: unknown) => number;
	/** Closes the bot's gateway socket with `code` (4000: the bot should RESUME; 1000: IDENTIFY anew). */
	dropConnection: (code?: number) => Promise<void>;
	/** Builds a full INTERACTION_CREATE from `input`, dispatches it and waits for the bot's first callback. */
	sendInteraction: (input: InteractionInput, options?: { timeoutMs?: number }) => Promise<InteractionResult>;
	/**
	 * Dispatches `payload` as INTERACTION_CREATE exactly as given (malformed on purpose, say).
	 * Returns its trace when the payload has a string `id` and `token`, so callbacks can be seen.
	 */
	sendRawInteraction: (payload: unknown) => InteractionTrace | null;
	/** Posts a message written by a person (the lab member unless `user` says otherwise). */
	postUserMessage: (content: string, options?: { channelId?: string; user?: Partial<APIUser> }) => APIMessage;
	/**
	 * Adds a text channel to the guild and tells the bot (CHANNEL_CREATE; a bot not yet on the
	 * gateway finds it in GUILD_CREATE). `overwrites` are Discord
	 * permission overwrites: `{ id: standin.botUser.id, type: 1, allow: '0', deny: '2048' }` takes
	 * Send Messages from the bot there. Interactions carry the bot's permissions there
	 * (`app_permissions`), and posting, starting threads and reading history answer as Discord does
	 * without them (50001, 50013, an empty history).
	 */
	addTextChannel: (name: string, overwrites?: APIOverwrite[]) => APITextChannel;
	/** Replaces a text channel's permission overwrites, as a server admin would, and tells the bot (CHANNEL_UPDATE). */
	setPermissionOverwrites: (channelId: string, overwrites: APIOverwrite[]) => void;
	/**
	 * Answers matching requests with `answer` instead of the real one: the next `times` of them
	 * (default 1), or, with `forMs`, every one for that long after the first. Returns a function that
	 * stops the failure early.
	 *
	 * ```ts
	 * standin.failRequests({ method: 'POST', path: /\/threads$/ }, { status: 403, code: 50013 });
	 * standin.failRequests({ method: 'POST', path: /\/callback$/ }, { status: 429, retryAfter: 0.5, global: true }, { forMs: 500 });
	 * ```
	 */
	failRequests: (match: RequestMatch, answer: FailureAnswer, options?: { times?: number; forMs?: number }) => () => void;
	/** A channel's or thread's messages, oldest first (ephemeral responses are in no channel). */
	messages: (channelId?: string) => APIMessage[];
	/** Deletes a message, as a moderator would: reading it answers 10008 Unknown Message from then on. */
	deleteMessage: (messageId: string, channelId?: string) => void;
	/** Every thread started so far, oldest first. */
	threads: () => APIChannel[];
	/**
	 * A member votes in a poll (the lab member unless `user` says otherwise), replacing their earlier
	 * vote; a bot with the GuildMessagePolls intent is told (MESSAGE_POLL_VOTE_ADD). Throws when
	 * Discord would refuse the vote (the poll has ended, no such answer).
	 */
	votePoll: (messageId: string, answerId: number, user?: Partial<APIUser>) => void;
	/**
	 * Keeps a file a member attaches to a command and returns its id, to give as the attachment
	 * option's value: `slashCommand('paperbot', 'import', { file: standin.attach('refs.bib', text) })`.
	 * The file is served at its `url` on 127.0.0.1, as Discord's CDN serves attachments.
	 */
	attach: (filename: string, content: string | Buffer) => string;
	/** Lets a poll's hours pass: it ends now, and its tally is final a moment later. */
	expirePoll: (messageId: string) => void;
	/** The registered commands of a guild, or the global ones when `guildId` is left out. */
	commands: (guildId?: string) => Record<string, unknown>[];
	/** Stops both servers and drops every connection; waiting calls fail. */
	close: () => Promise<void>;
}

interface Waiter {
	check: () => boolean;
	fail: (error: Error) => void;
}

/** Starts a stand-in on a random free port of 127.0.0.1. */
export async function startDiscordStandin(options: StandinOptions = {}): Promise<Standin> {
	const waiters = new Set<Waiter>();
	const notify = (): void => {
		for (const waiter of waiters) waiter.check();
	};
	const world = createWorld(options, notify);
	const gatewayFrames: GatewayFrame[] = [];
	let gatewayUrl = '';
	const server = createServer(
		createRestHandler({
			world,
			gatewayUrl: () => gatewayUrl,
			dispatch: (event, data) => {
				// THREAD_CREATE belongs to the Guilds intent (bit 0); a bot without it is not told.
				if (((gateway.intents() ?? 0) & 1) === 1) gateway.dispatch(event, data);
			},
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const gateway = startGateway(server, httpUrl, {
		token: world.token,
		heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
		readyData: () => ({
			v: 10,
			user: world.botUser,
			guilds: [{ id: world.guildId, unavailable: true }],
			shard: [0, 1],
			application: { id: world.applicationId, flags: 0 },
			user_settings: {},
			private_channels: [],
			relationships: [],
			presences: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: [],
			_trace: ['discord-standin'],
		}),
		guildCreates: () => [guildCreatePayload(world)],
		onFrame: (frame) => {
			gatewayFrames.push(frame);
			notify();
		},
		onDispatchWritten: (event, at) => {
			const id = (event.d as { id?: unknown } | null)?.id;
			const trace = event.t === 'INTERACTION_CREATE' && typeof id === 'string' ? world.interactions.get(id) : undefined;
			if (trace && trace.dispatchedAt === null) trace.dispatchedAt = at;
			notify();
		},
	});
	gatewayUrl = gateway.url;

	function waitUntil<T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const waiter: Waiter = {
				check: () => {
					const value = found();
					if (value === undefined) return false;
					settle();
					resolve(value);
					return true;
				},
				fail: (error) => {
					settle();
					reject(error);
				},
			};
			const timer = setTimeout(() => {
				const recent = world.requests.slice(-5).map((request) => `${request.method} ${request.path} → ${request.status}`);
				waiter.fail(
					new Error(`discord-standin: timed out after ${timeoutMs} ms waiting for ${what}; last requests: ${recent.join('; ') || 'none'}`),
				);
			}, timeoutMs);
			function settle(): void {
				clearTimeout(timer);
				waiters.delete(waiter);
			}
			waiters.add(waiter);
			waiter.check();
		});
	}

	function track(payload: Record<string, unknown>): InteractionTrace {
		const trace: InteractionTrace = {
			id: String(payload.id),
			token: String(payload.token),
			type: Number(payload.type),
			payload,
			dispatchedAt: null,
			callbacks: [],
			acknowledgement: null,
			original: null,
			followUps: [],
			componentMessageId: (payload.message as { id?: string } | undefined)?.id ?? null,
			originalEditedAt: null,
		};
		world.interactions.set(trace.id, trace);
		return trace;
	}

	function waitForAnswer(trace: InteractionTrace, timeoutMs = 5000): Promise<APIMessage> {
		return waitUntil(
			() => {
				const acknowledged = trace.acknowledgement?.type;
				const original = trace.original;
				if (!original) return undefined;
				if (acknowledged === 5 && ((original.flags ?? 0) & 128) !== 0) return undefined;
				if (acknowledged === 6 && trace.originalEditedAt === null) return undefined;
				return original;
			},
			timeoutMs,
			`the answer to interaction ${trace.id}`,
		);
	}

	return {
		apiUrl: `${httpUrl}/api`,
		gatewayUrl,
		token: world.token,
		applicationId: world.applicationId,
		guildId: world.guildId,
		channelId: world.channelId,
		botUser: world.botUser,
		memberUser: world.memberUser,
		requests: world.requests,
		unknownRequests: () => world.requests.filter((request) => !request.known),
		gatewayFrames,
		interactions: () => [...world.interactions.values()],
		waitForRequest: (predicate, timeoutMs = 5000) => waitUntil(() => world.requests.find(predicate), timeoutMs, 'a matching request'),
		waitForReady: (timeoutMs = 10_000) =>
			waitUntil(() => (gateway.isConnected() ? true : undefined), timeoutMs, 'a bot on the gateway').then(() => undefined),
		waitForGatewayFrame: (predicate, timeoutMs = 5000) =>
			waitUntil(() => gatewayFrames.find(predicate), timeoutMs, 'a matching gateway frame'),
		dispatch: (event, data) => gateway.dispatch(event, data),
		dropConnection: (code = 4000) => gateway.drop(code),
		async sendInteraction(input, { timeoutMs = 5000 } = {}) {
			const trace = track(buildInteraction(world, input));
			gateway.dispatch('INTERACTION_CREATE', trace.payload);
			const callback = await waitUntil(() => trace.callbacks[0], timeoutMs, `a callback to interaction ${trace.id}`);
			return {
				callback,
				latencyMs: callback.at - (trace.dispatchedAt ?? callback.at),
				trace,
				waitForAnswer: (ms) => waitForAnswer(trace, ms),
			};
		},
		sendRawInteraction(payload) {
			const fields = (payload ?? {}) as Record<string, unknown>;
			const trace = typeof fields.id === 'string' && typeof fields.token === 'string' ? track(fields) : null;
			gateway.dispatch('INTERACTION_CREATE', payload);
			return trace;
		},
		postUserMessage(content, { channelId = world.channelId, user } = {}) {
			if (!world.channels.has(channelId)) throw new Error(`discord-standin: no channel ${channelId} to post in`);
			const message = storeMessage(world, buildMessage({ content }, { channelId, author: { ...world.memberUser, ...user } }));
			world.notify();
			return message;
		},
		addTextChannel(name, overwrites = []) {
			const channel = addTextChannel(world, name, overwrites);
			// Before a bot has identified, the channel reaches it in GUILD_CREATE instead.
			if (gateway.isConnected()) gateway.dispatch('CHANNEL_CREATE', channel);
			return channel;
		},
		setPermissionOverwrites(channelId, overwrites) {
			gateway.dispatch('CHANNEL_UPDATE', replaceOverwrites(world, channelId, overwrites));
		},
		votePoll(messageId, answerId, user = {}) {
			const message = world.messagesById.get(messageId);
			if (!message) throw new Error(`discord-standin: no message ${messageId} to vote in`);
			const voter = { ...world.memberUser, ...user };
			const refused = castVote(world.polls, message, answerId, voter);
			if (refused) throw new Error(`discord-standin: vote refused: ${refused}`);
			// MESSAGE_POLL_VOTE_ADD belongs to the GuildMessagePolls intent (bit 24).
			if (((gateway.intents() ?? 0) & (1 << 24)) !== 0)
				gateway.dispatch('MESSAGE_POLL_VOTE_ADD', {
					user_id: voter.id,
					channel_id: message.channel_id,
					message_id: message.id,
					guild_id: world.guildId,
					answer_id: answerId,
				});
			world.notify();
		},
		attach(filename, content) {
			const id = nextSnowflake();
			const bytes = Buffer.from(content);
			const url = `${httpUrl}/attachments/${world.channelId}/${id}/${encodeURIComponent(filename)}`;
			world.attachments.set(id, {
				attachment: { id, filename, size: bytes.length, url, proxy_url: url, content_type: 'text/x-bibtex; charset=utf-8' },
				content: bytes,
			});
			return id;
		},
		expirePoll(messageId) {
			const message = world.messagesById.get(messageId);
			const stored = world.polls.get(messageId);
			if (!message || !stored) throw new Error(`discord-standin: no poll ${messageId}`);
			stored.expiresAt = Date.now();
			refreshPoll(world.polls, message);
			world.notify();
		},
		failRequests(match, answer, { times = 1, forMs } = {}) {
			const failure: InjectedFailure = { match, answer, times: forMs === undefined ? times : Number.POSITIVE_INFINITY, forMs };
			world.failures.push(failure);
			return () => {
				world.failures = world.failures.filter((candidate) => candidate !== failure);
			};
		},
		messages: (channelId = world.channelId) => [...(world.channels.get(channelId)?.messages ?? [])],
		deleteMessage(messageId, channelId = world.channelId) {
			const stored = world.channels.get(channelId);
			if (stored) stored.messages = stored.messages.filter((message) => message.id !== messageId);
			world.messagesById.delete(messageId);
		},
		threads: () =>
			[...world.channels.values()].map((stored) => stored.channel).filter((channel) => channel.type === 11 || channel.type === 12),
		commands: (guildId) => [...(world.commands.get(guildId ?? 'global') ?? [])],
		async close() {
			for (const waiter of waiters) waiter.fail(new Error('discord-standin: closed while waiting'));
			await gateway.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
