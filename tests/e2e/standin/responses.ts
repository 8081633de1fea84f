import { performance } from 'node:perf_hooks';
import type { APIMessage } from 'discord.js';
import { checkAutocompleteChoices, checkMessagePayload, formErrorBody, isEmptyMessage, type FormError } from './limits.js';
import { buildMessage, editMessage, type MessageBody } from './store.js';
import type { CallbackRecord, InteractionTrace, World } from './world.js';

/** What a route answers: an HTTP status and a JSON body (null for 204). */
export interface RouteAnswer {
	status: number;
	/** Extra response headers, e.g. a 429's `retry-after` and `x-ratelimit-scope`. */
	headers?: Record<string, string>;
	body: unknown;
}

const EPHEMERAL = 64;
const LOADING = 128;

/** Which callback types each interaction type accepts (Discord's own table). */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
	2: [4, 5, 9],
	3: [4, 5, 6, 7, 9],
	4: [8],
	5: [4, 5, 6, 7],
};

export function discordError(status: number, code: number, message: string): RouteAnswer {
	return { status, body: { message, code } };
}

export function invalidForm(errors: FormError[]): RouteAnswer {
	return { status: 400, body: formErrorBody(errors) };
}

/** Validates a message create payload: 50035 for broken limits, 50006 for nothing to send. */
export function rejectMessage(body: unknown, isCreate: boolean): RouteAnswer | null {
	const errors = checkMessagePayload(body);
	if (errors.length > 0) return invalidForm(errors);
	if (isCreate && isEmptyMessage(body)) return discordError(400, 50006, 'Cannot send an empty message');
	return null;
}

/** Stores a message: by id always, in its channel's history unless it is ephemeral. */
export function storeMessage(world: World, message: APIMessage): APIMessage {
	world.messagesById.set(message.id, message);
	const isEphemeral = ((message.flags ?? 0) & EPHEMERAL) !== 0;
	const stored = world.channels.get(message.channel_id);
	if (stored && !isEphemeral) {
		stored.messages.push(message);
		(stored.channel as { last_message_id?: string }).last_message_id = message.id;
	}
	return message;
}

/** A response message made by the bot through an interaction token, as Discord shapes it. */
function interactionMessage(world: World, trace: InteractionTrace, body: MessageBody, flags: number): APIMessage {
	const payload = trace.payload as { channel_id: string; data?: { name?: string; type?: number }; member: { user: unknown } };
	const commandType = payload.data?.type === 3 ? 23 : 20;
	return buildMessage(
		{ ...body, flags },
		{
			channelId: payload.channel_id,
			author: world.botUser,
			type: trace.type === 2 ? commandType : 0,
			extra: {
				webhook_id: world.applicationId,
				application_id: world.applicationId,
				interaction_metadata: {
					id: trace.id,
					type: trace.type,
					user: payload.member.user,
					authorizing_integration_owners: { '0': world.guildId },
				},
			} as Partial<APIMessage>,
		},
	);
}

function callbackEffect(world: World, trace: InteractionTrace, type: number, data: MessageBody): RouteAnswer | null {
	if (type === 4 || type === 7) {
		const rejected = rejectMessage(data, type === 4);
		if (rejected) return rejected;
	}
	if (type === 8) {
		const errors = checkAutocompleteChoices(data);
		if (errors.length > 0) return invalidForm(errors);
	}
	const componentMessage = trace.componentMessageId ? (world.messagesById.get(trace.componentMessageId) ?? null) : null;
	if (type === 4) trace.original = storeMessage(world, interactionMessage(world, trace, data, data.flags ?? 0));
	if (type === 5) trace.original = storeMessage(world, interactionMessage(world, trace, {}, ((data.flags ?? 0) & EPHEMERAL) | LOADING));
	if (type === 6) trace.original = componentMessage;
	if (type === 7 && componentMessage) trace.original = editMessage(componentMessage, data);
	return null;
}

function callbackResponse(trace: InteractionTrace, type: number): RouteAnswer {
	const message = trace.original;
	const flags = message?.flags ?? 0;
	return {
		status: 200,
		body: {
			interaction: {
				id: trace.id,
				type: trace.type,
				response_message_id: message?.id,
				response_message_loading: (flags & LOADING) !== 0,
				response_message_ephemeral: (flags & EPHEMERAL) !== 0,
			},
			resource: { type, ...(message && type !== 8 ? { message } : {}) },
		},
	};
}

/**
 * `POST /interactions/:id/:token/callback`: the first accepted callback acknowledges; later than
 * the deadline (Discord's 3 s) after dispatch is 10062 Unknown interaction, a second one 40060.
 */
export function answerCallback(
	world: World,
	trace: InteractionTrace | undefined,
	body: unknown,
	withResponse: boolean,
	at: number,
): RouteAnswer {
	const { type, data } = (body ?? {}) as { type?: number; data?: MessageBody };
	const answer = ((): RouteAnswer => {
		if (!trace || trace.dispatchedAt === null || at - trace.dispatchedAt > world.interactionDeadlineMs) {
			return discordError(404, 10062, 'Unknown interaction');
		}
		if (trace.acknowledgement) return discordError(400, 40060, 'Interaction has already been acknowledged.');
		if (typeof type !== 'number' || !(ALLOWED_CALLBACKS[trace.type] ?? []).includes(type)) {
			return invalidForm([
				{
					path: 'type',
					code: 'INTERACTION_RESPONSE_TYPE_INVALID',
					message: `Invalid interaction response type for interaction type ${trace.type}`,
				},
			]);
		}
		return callbackEffect(world, trace, type, data ?? {}) ?? (withResponse ? callbackResponse(trace, type) : { status: 204, body: null });
	})();
	if (trace) {
		const code = answer.status >= 400 ? ((answer.body as { code?: number }).code ?? null) : null;
		const record: CallbackRecord = { type: type ?? -1, data: data ?? null, at, status: answer.status, code, withResponse };
		trace.callbacks.push(record);
		if (answer.status < 400 && !trace.acknowledgement) trace.acknowledgement = record;
	}
	return answer;
}

function traceMessage(trace: InteractionTrace, messageId: string): APIMessage | null {
	if (messageId === '@original' || messageId === trace.original?.id) return trace.original;
	return trace.followUps.find((message) => message.id === messageId) ?? null;
}

/** `GET/PATCH/DELETE /webhooks/:app/:token/messages/:message` (`@original` or a follow-up id). */
export function answerWebhookMessage(world: World, trace: InteractionTrace, method: string, messageId: string, body: unknown): RouteAnswer {
	const message = traceMessage(trace, messageId);
	if (!message) return discordError(404, 10008, 'Unknown Message');
	if (method === 'GET') return { status: 200, body: message };
	if (method === 'DELETE') {
		world.messagesById.delete(message.id);
		const stored = world.channels.get(message.channel_id);
		if (stored) stored.messages = stored.messages.filter((candidate) => candidate.id !== message.id);
		return { status: 204, body: null };
	}
	const rejected = rejectMessage(body, false);
	if (rejected) return rejected;
	message.flags = (message.flags ?? 0) & ~LOADING;
	if (message === trace.original) trace.originalEditedAt = performance.now();
	return { status: 200, body: editMessage(message, body as MessageBody) };
}

/**
 * `POST /webhooks/:app/:token`: a follow-up. As on Discord, the first follow-up after a deferral
 * fills the loading message instead (keeping the deferral's ephemeral flag).
 */
export function answerFollowUp(world: World, trace: InteractionTrace, body: unknown): RouteAnswer {
	if (!trace.acknowledgement) return discordError(404, 10015, 'Unknown Webhook');
	const rejected = rejectMessage(body, true);
	if (rejected) return rejected;
	const messageBody = body as MessageBody;
	const original = trace.original;
	if (original && ((original.flags ?? 0) & LOADING) !== 0) {
		original.flags = (original.flags ?? 0) & ~LOADING;
		trace.originalEditedAt = performance.now();
		return { status: 200, body: editMessage(original, messageBody) };
	}
	const message = storeMessage(world, interactionMessage(world, trace, messageBody, messageBody.flags ?? 0));
	trace.followUps.push(message);
	return { status: 200, body: message };
}
