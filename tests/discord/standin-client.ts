/**
 * A real discord.js client logged in to the loopback Discord stand-in, for tests of the modules
 * that talk to Discord through a client (posting, channel checks, the schedule service).
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Client, Events, GatewayIntentBits, type APIOverwrite, type APITextChannel } from 'discord.js';
import { pino } from 'pino';
import type { Logger } from '../../src/log.js';
import { startDiscordStandin, type Standin } from '../e2e/discord-standin.js';

/** A stand-in and a ready client on it, with the bot's own options (Guilds intent, no parsed mentions). */
export interface ConnectedClient {
	standin: Standin;
	client: Client<true>;
	/** Adds a text channel and resolves once the client has it in its cache. */
	addTextChannel: (name: string, overwrites?: APIOverwrite[]) => Promise<APITextChannel>;
	/** Logs the client out and stops the stand-in. */
	close: () => Promise<void>;
}

export async function connectClient(): Promise<ConnectedClient> {
	const standin = await startDiscordStandin();
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl }, allowedMentions: { parse: [] } });
	const ready = once(client, Events.ClientReady);
	await client.login(standin.token);
	await ready;
	return {
		standin,
		client: client as Client<true>,
		async addTextChannel(name, overwrites) {
			const created = once(client, Events.ChannelCreate);
			const channel = standin.addTextChannel(name, overwrites);
			await created;
			return channel;
		},
		async close() {
			await client.destroy();
			await standin.close();
		},
	};
}

/** A pino logger (the bot's kind) whose records are kept, parsed, in `records`. */
export function recordingLogger(): { log: Logger; records: Record<string, unknown>[] } {
	const records: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			records.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
			done();
		},
	});
	return { log: pino({ level: 'info' }, sink), records };
}
