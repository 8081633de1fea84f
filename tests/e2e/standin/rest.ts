import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { APIChannel, APIMessage } from 'discord.js';
import { checkCommands, checkThreadName } from './limits.js';
import {
	answerCallback,
	answerFollowUp,
	answerWebhookMessage,
	discordError,
	invalidForm,
	rejectMessage,
	storeMessage,
	type RouteAnswer,
} from './responses.js';
import { answerVoters, checkPoll, endPoll, refreshPoll, startPoll } from './polls.js';
import { buildMessage, editMessage, messageHistory, nextSnowflake, type MessageBody } from './store.js';
import { botPermissions, guildCreatePayload, PERMISSION_BITS, type InteractionTrace, type StoredAttachment, type World } from './world.js';

/** What the REST side needs from the rest of the stand-in. */
export interface RestDependencies {
	world: World;
	/** The WebSocket address `GET /gateway/bot` hands out. */
	gatewayUrl: () => string;
	/** Sends a gateway dispatch to the bot (used for THREAD_CREATE). */
	dispatch: (event: string, data: unknown) => void;
}

interface RouteContext {
	deps: RestDependencies;
	world: World;
	method: string;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	at: number;
}

interface Route {
	method: string;
	pattern: string;
	/** Interaction and webhook routes authenticate by their token in the path, as on Discord. */
	auth: boolean;
	answer: (context: RouteContext) => RouteAnswer;
}

const ok = (body: unknown): RouteAnswer => ({ status: 200, body });

/**
 * What Discord answers the bot that lacks one of `needed` in the channel: 50001 without View
 * Channel, 50013 without another; null when it holds them all.
 */
function refusedFor(context: RouteContext, channelId: string, needed: bigint[]): RouteAnswer | null {
	const held = botPermissions(context.world, channelId);
	if ((held & PERMISSION_BITS.viewChannel) === 0n) return discordError(403, 50001, 'Missing Access');
	return needed.every((bit) => (held & bit) !== 0n) ? null : discordError(403, 50013, 'Missing Permissions');
}

const isThread = (channel: APIChannel) => channel.type === 11 || channel.type === 12;

function channelOf(context: RouteContext): APIChannel | null {
	return context.world.channels.get(context.params.channel ?? '')?.channel ?? null;
}

function commandScope(context: RouteContext): string | RouteAnswer {
	const { world, params } = context;
	if (params.app !== world.applicationId) return discordError(403, 50001, 'Missing Access');
	if (params.guild === undefined) return 'global';
	return params.guild === world.guildId ? params.guild : discordError(403, 50001, 'Missing Access');
}

function overwriteCommands(context: RouteContext, scope: string): RouteAnswer {
	const errors = checkCommands(context.body);
	if (errors.length > 0) return invalidForm(errors);
	const previous = context.world.commands.get(scope) ?? [];
	const commands = (context.body as Record<string, unknown>[]).map((command) => {
		const type = command.type ?? 1;
		const kept = previous.find((candidate) => candidate.name === command.name && candidate.type === type);
		return {
			default_member_permissions: null,
			nsfw: false,
			integration_types: [0],
			contexts: null,
			description: '',
			...command,
			type,
			id: kept?.id ?? nextSnowflake(),
			application_id: context.world.applicationId,
			version: nextSnowflake(),
			...(scope === 'global' ? {} : { guild_id: scope }),
		};
	});
	context.world.commands.set(scope, commands);
	return ok(commands);
}

function startThread(context: RouteContext, parent: APIChannel, id: string, type: number): RouteAnswer {
	const { world, body } = context;
	const { name, auto_archive_duration: autoArchive } = (body ?? {}) as { name?: unknown; auto_archive_duration?: number };
	const errors = checkThreadName(name);
	if (errors.length > 0) return invalidForm(errors);
	const now = new Date().toISOString();
	const thread = {
		id,
		type,
		guild_id: world.guildId,
		parent_id: parent.id,
		owner_id: world.botUser.id,
		name,
		last_message_id: null,
		message_count: 0,
		member_count: 1,
		total_message_sent: 0,
		rate_limit_per_user: 0,
		flags: 0,
		thread_metadata: {
			archived: false,
			auto_archive_duration: autoArchive ?? 4320,
			archive_timestamp: now,
			locked: false,
			create_timestamp: now,
		},
		member: { id, user_id: world.botUser.id, join_timestamp: now, flags: 0 },
	} as unknown as APIChannel;
	world.channels.set(id, { channel: thread, messages: [] });
	context.deps.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
	return { status: 201, body: thread };
}

const ROUTES: Route[] = [
	{ method: 'GET', pattern: '/gateway', auth: false, answer: (c) => ok({ url: c.deps.gatewayUrl() }) },
	{
		method: 'GET',
		pattern: '/gateway/bot',
		auth: true,
		answer: (c) =>
			ok({
				url: c.deps.gatewayUrl(),
				shards: 1,
				session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
			}),
	},
	{ method: 'GET', pattern: '/users/@me', auth: true, answer: (c) => ok(c.world.botUser) },
	...['/applications/@me', '/oauth2/applications/@me'].map(
		(pattern): Route => ({
			method: 'GET',
			pattern,
			auth: true,
			answer: (c) =>
				ok({
					id: c.world.applicationId,
					name: c.world.botUser.username,
					description: '',
					icon: null,
					bot_public: false,
					bot_require_code_grant: false,
					flags: 0,
					bot: c.world.botUser,
					owner: c.world.memberUser,
					verify_key: '0'.repeat(64),
					summary: '',
					team: null,
				}),
		}),
	),
	...['/applications/:app/commands', '/applications/:app/guilds/:guild/commands'].flatMap((pattern): Route[] => [
		{
			method: 'GET',
			pattern,
			auth: true,
			answer: (c) => {
				const scope = commandScope(c);
				return typeof scope === 'string' ? ok(c.world.commands.get(scope) ?? []) : scope;
			},
		},
		{
			method: 'PUT',
			pattern,
			auth: true,
			answer: (c) => {
				const scope = commandScope(c);
				return typeof scope === 'string' ? overwriteCommands(c, scope) : scope;
			},
		},
	]),
	{
		method: 'POST',
		pattern: '/interactions/:id/:token/callback',
		auth: false,
		answer: (c) => {
			const trace = c.world.interactions.get(c.params.id ?? '');
			const known = trace && trace.token === c.params.token ? trace : undefined;
			return answerCallback(c.world, known, c.body, c.query.get('with_response') === 'true', c.at);
		},
	},
	{
		method: 'POST',
		pattern: '/webhooks/:app/:token',
		auth: false,
		answer: (c) => withTrace(c, (trace) => answerFollowUp(c.world, trace, c.body)),
	},
	...['GET', 'PATCH', 'DELETE'].map(
		(method): Route => ({
			method,
			pattern: '/webhooks/:app/:token/messages/:message',
			auth: false,
			answer: (c) => withTrace(c, (trace) => answerWebhookMessage(c.world, trace, method, c.params.message ?? '', c.body)),
		}),
	),
	{ method: 'GET', pattern: '/channels/:channel', auth: true, answer: (c) => withChannel(c, (channel) => ok(channel)) },
	{
		method: 'GET',
		pattern: '/channels/:channel/messages',
		auth: true,
		answer: (c) =>
			withChannel(c, (channel) => {
				const refused = refusedFor(c, channel.id, []);
				if (refused) return refused;
				// Without Read Message History Discord answers, but with no messages.
				if ((botPermissions(c.world, channel.id) & PERMISSION_BITS.readMessageHistory) === 0n) return ok([]);
				const limit = Math.min(Math.max(Number(c.query.get('limit') ?? 50) || 50, 1), 100);
				const messages = c.world.channels.get(channel.id)?.messages ?? [];
				const history = messageHistory(messages, limit, c.query.get('before') ?? undefined);
				for (const message of history) refreshPoll(c.world.polls, message);
				return ok(history);
			}),
	},
	{
		method: 'POST',
		pattern: '/channels/:channel/messages',
		auth: true,
		answer: (c) =>
			withChannel(c, (channel) => {
				const poll = (c.body as { poll?: unknown } | null)?.poll;
				const pollErrors = poll === undefined ? [] : checkPoll(poll);
				if (pollErrors.length > 0) return invalidForm(pollErrors);
				const sending = isThread(channel) ? PERMISSION_BITS.sendMessagesInThreads : PERMISSION_BITS.sendMessages;
				// A poll needs Send Polls too, and is something to send even without text.
				const needed = poll === undefined ? [sending] : [sending, PERMISSION_BITS.sendPolls];
				const rejected = refusedFor(c, channel.id, needed) ?? rejectMessage(c.body, poll === undefined);
				if (rejected) return rejected;
				const message = buildMessage(c.body as MessageBody, { channelId: channel.id, author: c.world.botUser });
				if (poll !== undefined) startPoll(c.world.polls, message, poll);
				return ok(storeMessage(c.world, message));
			}),
	},
	{
		method: 'GET',
		pattern: '/channels/:channel/messages/:message',
		auth: true,
		answer: (c) =>
			withMessage(c, (message) => {
				refreshPoll(c.world.polls, message);
				return ok(message);
			}),
	},
	{
		method: 'POST',
		pattern: '/channels/:channel/polls/:message/expire',
		auth: true,
		answer: (c) =>
			withMessage(c, (message) => {
				if (!c.world.polls.has(message.id)) return discordError(400, 520006, 'Cannot expire a non-poll message');
				if (message.author.id !== c.world.botUser.id) return discordError(403, 50013, 'Missing Permissions');
				return endPoll(c.world.polls, message) ? ok(message) : discordError(400, 520001, 'Poll expired');
			}),
	},
	{
		method: 'GET',
		pattern: '/channels/:channel/polls/:message/answers/:answer',
		auth: true,
		answer: (c) =>
			withMessage(c, (message) => {
				if (!c.world.polls.has(message.id)) return discordError(400, 520006, 'Cannot expire a non-poll message');
				const after = c.query.get('after');
				const limit = Math.min(Math.max(Number(c.query.get('limit') ?? 25) || 25, 1), 100);
				const users = answerVoters(c.world.polls, message, Number(c.params.answer)).filter(
					(user) => after === null || BigInt(user.id) > BigInt(after),
				);
				return ok({ users: users.slice(0, limit) });
			}),
	},
	{
		method: 'PATCH',
		pattern: '/channels/:channel/messages/:message',
		auth: true,
		answer: (c) =>
			withMessage(c, (message) => {
				if (message.author.id !== c.world.botUser.id) return discordError(403, 50005, 'Cannot edit a message authored by another user');
				return rejectMessage(c.body, false) ?? ok(editMessage(message, c.body as MessageBody));
			}),
	},
	{
		method: 'POST',
		pattern: '/channels/:channel/messages/:message/threads',
		auth: true,
		answer: (c) =>
			withMessage(c, (message) => {
				const refused = refusedFor(c, message.channel_id, [PERMISSION_BITS.createPublicThreads]);
				if (refused) return refused;
				if (c.world.channels.has(message.id)) return discordError(400, 160004, 'A thread has already been created for this message');
				const parent = channelOf(c) as APIChannel;
				const answer = startThread(c, parent, message.id, 11);
				if (answer.status === 201) Object.assign(message, { thread: answer.body });
				return answer;
			}),
	},
	{
		method: 'POST',
		pattern: '/channels/:channel/threads',
		auth: true,
		answer: (c) =>
			withChannel(c, (channel) => startThread(c, channel, nextSnowflake(), Number((c.body as { type?: number } | null)?.type ?? 12))),
	},
	{ method: 'GET', pattern: '/guilds/:guild', auth: true, answer: (c) => withGuild(c, () => ok(guildCreatePayload(c.world))) },
	{
		method: 'GET',
		pattern: '/guilds/:guild/channels',
		auth: true,
		answer: (c) => withGuild(c, () => ok(guildCreatePayload(c.world).channels)),
	},
	{
		method: 'GET',
		pattern: '/guilds/:guild/threads/active',
		auth: true,
		answer: (c) => withGuild(c, () => ok({ threads: guildCreatePayload(c.world).threads, members: [] })),
	},
];

function withTrace(c: RouteContext, answer: (trace: InteractionTrace) => RouteAnswer): RouteAnswer {
	const trace = [...c.world.interactions.values()].find((candidate) => candidate.token === c.params.token);
	if (c.params.app !== c.world.applicationId || !trace) return discordError(404, 10015, 'Unknown Webhook');
	return answer(trace);
}

function withChannel(c: RouteContext, answer: (channel: APIChannel) => RouteAnswer): RouteAnswer {
	const channel = channelOf(c);
	return channel ? answer(channel) : discordError(404, 10003, 'Unknown Channel');
}

function withMessage(c: RouteContext, answer: (message: APIMessage) => RouteAnswer): RouteAnswer {
	return withChannel(c, (channel) => {
		const message = c.world.channels.get(channel.id)?.messages.find((candidate) => candidate.id === c.params.message);
		return message ? answer(message) : discordError(404, 10008, 'Unknown Message');
	});
}

function withGuild(c: RouteContext, answer: () => RouteAnswer): RouteAnswer {
	return c.params.guild === c.world.guildId ? answer() : discordError(404, 10004, 'Unknown Guild');
}

/** The injected failure that answers this request, if any; each use counts down its tries. */
function injectedFailure(world: World, method: string, path: string, at: number): RouteAnswer | null {
	const failure = world.failures.find(({ match, times, forMs, since }) => {
		if (match.method !== method || !(typeof match.path === 'string' ? match.path === path : match.path.test(path))) return false;
		return forMs === undefined ? times > 0 : since === undefined || at - since < forMs;
	});
	if (!failure) return null;
	failure.since ??= at;
	failure.times -= 1;
	const { status, code = 0, message, retryAfter, global = false } = failure.answer;
	if (status !== 429) return discordError(status, code, message ?? `Injected ${status}`);
	return {
		status,
		body: { message: 'You are being rate limited.', retry_after: retryAfter ?? 1, global, code },
		headers: {
			'retry-after': String(Math.ceil(retryAfter ?? 1)),
			'x-ratelimit-scope': global ? 'global' : 'user',
			...(global ? { 'x-ratelimit-global': 'true' } : {}),
		},
	};
}

function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
	const segments = path
		.split('/')
		.filter((segment) => segment.length > 0)
		.map((segment) => decodeURIComponent(segment));
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const patternSegments = route.pattern.split('/').filter((segment) => segment.length > 0);
		if (patternSegments.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = patternSegments.every((part, index) => {
			const segment = segments[index] ?? '';
			if (part.startsWith(':')) params[part.slice(1)] = segment;
			return part.startsWith(':') || part === segment;
		});
		if (matches) return { route, params };
	}
	return null;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	if (raw.length === 0) return null;
	const contentType = request.headers['content-type'] ?? '';
	if (contentType.startsWith('multipart/form-data')) {
		const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
		const payload = form.get('payload_json');
		return typeof payload === 'string' ? JSON.parse(payload) : null;
	}
	const text = raw.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function recordableHeaders(request: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (name !== 'authorization' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

const API_PREFIX = '/api/v10';

/** The attached file `/attachments/<channel>/<id>/<name>` names (null when there is none), or undefined for any other path. */
function attachmentAt(world: World, path: string): StoredAttachment | null | undefined {
	const match = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(path);
	return match ? (world.attachments.get(match[1]!) ?? null) : undefined;
}

/** The HTTP handler for REST v10: answers, and records every request in `world.requests`. */
export function createRestHandler(deps: RestDependencies): (request: IncomingMessage, response: ServerResponse) => void {
	const { world } = deps;
	return (request, response) => {
		const at = performance.now();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = request.method ?? 'GET';
		const inApi = url.pathname.startsWith(`${API_PREFIX}/`);
		const path = inApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
		readBody(request)
			.catch(() => null)
			.then((body) => {
				const file = !inApi && method === 'GET' ? attachmentAt(world, path) : undefined;
				if (file !== undefined) {
					world.requests.push({
						method,
						path,
						query: {},
						headers: recordableHeaders(request),
						body,
						at,
						status: file ? 200 : 404,
						known: true,
					});
					world.notify();
					if (!file) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
					else
						response
							.writeHead(200, {
								'content-type': file.attachment.content_type ?? 'application/octet-stream',
								'content-length': file.content.length,
							})
							.end(file.content);
					return;
				}
				const match = inApi ? matchRoute(method, path) : null;
				let answer: RouteAnswer;
				if (!match) answer = discordError(404, 0, '404: Not Found');
				else if (match.route.auth && request.headers.authorization !== `Bot ${world.token}`)
					answer = discordError(401, 0, '401: Unauthorized');
				else
					answer =
						injectedFailure(world, method, path, at) ??
						match.route.answer({ deps, world, method, params: match.params, query: url.searchParams, body, at });
				world.requests.push({
					method,
					path,
					query: Object.fromEntries(url.searchParams),
					headers: recordableHeaders(request),
					body,
					at,
					status: answer.status,
					known: match !== null,
				});
				world.notify();
				if (answer.body === null) {
					response.writeHead(answer.status, answer.headers).end();
					return;
				}
				response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
			})
			.catch((error: unknown) => {
				response
					.writeHead(500, { 'content-type': 'application/json' })
					.end(JSON.stringify({ message: `discord-standin: ${String(error)}`, code: 0 }));
			});
	};
}
