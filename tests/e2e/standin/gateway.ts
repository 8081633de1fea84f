import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** One gateway frame the bot sent, with any token replaced by `[redacted]`. */
export interface GatewayFrame {
	op: number;
	d: unknown;
	/** `performance.now()` when it arrived. */
	at: number;
}

/** A dispatch event as written to the bot: its sequence number, name and data. */
export interface SentDispatch {
	s: number;
	t: string;
	d: unknown;
}

/** What the gateway needs to greet a bot: the token it must present and what READY holds. */
export interface GatewayOptions {
	token: string;
	heartbeatIntervalMs: number;
	/** READY's `d`, without `session_id` and `resume_gateway_url` (the gateway adds them). */
	readyData: () => Record<string, unknown>;
	/** One GUILD_CREATE `d` per guild, sent right after READY. */
	guildCreates: () => Record<string, unknown>[];
	/** Called for every frame received and every dispatch written, so tests can wait on them. */
	onFrame: (frame: GatewayFrame) => void;
	onDispatchWritten: (event: SentDispatch, at: number) => void;
}

interface Session {
	id: string;
	sequence: number;
	/** Every dispatch of the session, for replay on RESUME. */
	events: SentDispatch[];
	socket: WebSocket | null;
	intents: number;
}

/** The Gateway v10 side of the stand-in, sharing the HTTP server's port. */
export interface Gateway {
	/** The `ws://` address handed out by `GET /gateway/bot` and as `resume_gateway_url`. */
	url: string;
	/** Sends a dispatch now, or keeps it for replay if the bot is disconnected; returns its sequence. */
	dispatch: (event: string, data: unknown) => number;
	/** Closes the bot's socket with `code` and resolves once it is closed. */
	drop: (code: number) => Promise<void>;
	/** True while a bot is identified (or resumed) on an open socket. */
	isConnected: () => boolean;
	/** The intents the bot identified with, or null before IDENTIFY. */
	intents: () => number | null;
	close: () => Promise<void>;
}

function redactToken(data: unknown): unknown {
	if (typeof data !== 'object' || data === null || !('token' in data)) return data;
	return { ...data, token: '[redacted]' };
}

function presentedToken(data: unknown): string {
	const token = (data as { token?: unknown } | null)?.token;
	return typeof token === 'string' ? token.replace(/^Bot /, '') : '';
}

/** Starts the gateway on an HTTP server that is already listening at `httpUrl`. */
export function startGateway(server: Server, httpUrl: string, options: GatewayOptions): Gateway {
	const url = `${httpUrl.replace(/^http/, 'ws')}/gateway`;
	const wss = new WebSocketServer({ server });
	let session: Session | null = null;

	function write(socket: WebSocket, event: SentDispatch): void {
		if (socket.readyState !== socket.OPEN) return;
		socket.send(JSON.stringify({ op: 0, s: event.s, t: event.t, d: event.d }));
		options.onDispatchWritten(event, performance.now());
	}

	function record(current: Session, event: string, data: unknown): SentDispatch {
		current.sequence += 1;
		const sent = { s: current.sequence, t: event, d: data };
		current.events.push(sent);
		return sent;
	}

	function identify(socket: WebSocket, data: unknown): void {
		const readyData = options.readyData();
		const intents = Number((data as { intents?: unknown } | null)?.intents ?? 0);
		session = { id: randomBytes(16).toString('hex'), sequence: 0, events: [], socket, intents };
		write(socket, record(session, 'READY', { ...readyData, session_id: session.id, resume_gateway_url: url }));
		for (const guild of options.guildCreates()) write(socket, record(session, 'GUILD_CREATE', guild));
	}

	function resume(socket: WebSocket, data: unknown): void {
		const { session_id: sessionId, seq } = (data ?? {}) as { session_id?: string; seq?: number };
		if (!session || session.id !== sessionId) {
			socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
			return;
		}
		session.socket = socket;
		for (const event of session.events.filter((candidate) => candidate.s > (seq ?? 0))) write(socket, event);
		write(socket, record(session, 'RESUMED', null));
	}

	wss.on('connection', (socket) => {
		let authenticated = false;
		socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs }, s: null, t: null }));
		socket.on('close', () => {
			if (session?.socket === socket) session.socket = null;
		});
		socket.on('message', (raw: RawData) => {
			let frame: { op?: unknown; d?: unknown };
			try {
				frame = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
			} catch {
				socket.close(4002, 'Error while decoding payload.');
				return;
			}
			options.onFrame({ op: Number(frame.op), d: redactToken(frame.d), at: performance.now() });
			if (frame.op === 1) {
				socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
			} else if (frame.op === 2 || frame.op === 6) {
				if (authenticated) socket.close(4005, 'Already authenticated.');
				else if (presentedToken(frame.d) !== options.token) socket.close(4004, 'Authentication failed.');
				else {
					authenticated = true;
					if (frame.op === 2) identify(socket, frame.d);
					else resume(socket, frame.d);
				}
			} else if (!authenticated) {
				socket.close(4003, 'Not authenticated.');
			} else if (![3, 4, 8, 31].includes(Number(frame.op))) {
				socket.close(4001, 'Unknown opcode.');
			}
		});
	});

	return {
		url,
		dispatch(event, data) {
			if (!session) throw new Error(`discord-standin: cannot dispatch ${event}: no bot has identified on the gateway yet`);
			const sent = record(session, event, data);
			if (session.socket) write(session.socket, sent);
			return sent.s;
		},
		drop(code) {
			const socket = session?.socket;
			if (!session || !socket) return Promise.resolve();
			// From now on dispatches wait for the RESUME replay, as Discord's do.
			session.socket = null;
			return new Promise((resolve) => {
				socket.once('close', () => resolve());
				socket.close(code, 'Dropped by the stand-in');
			});
		},
		isConnected: () => session?.socket?.readyState === 1,
		intents: () => session?.intents ?? null,
		close() {
			for (const client of wss.clients) client.terminate();
			return new Promise((resolve) => wss.close(() => resolve()));
		},
	};
}
