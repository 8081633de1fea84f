import dotenv from 'dotenv';
import type { CommandContext } from '../commands/index.js';
import { startBot } from './bot.js';
import { runConsole } from './console.js';
import { EnvError, parseEnv } from './env.js';
import { openLibrary } from './library.js';
import { createLogger } from './log.js';
import { CorpusError } from './corpus/load.js';

/** Stops within Discord's expectations: close the gateway, then exit even if closing hangs. */
const SHUTDOWN_TIMEOUT_MS = 4_000;

async function main(): Promise<void> {
	dotenv.config({ quiet: true });
	const env = parseEnv(process.env);
	const log = createLogger(env.LOG_LEVEL);
	const library = await openLibrary(env.CORPUS_PATH, log);
	const context = (): CommandContext => ({ index: library.current(), random: Math.random });

	if (!env.DISCORD_TOKEN) {
		process.stderr.write('paperbot: set DISCORD_TOKEN in .env to connect to Discord; answering here instead.\n');
		await runConsole(context, process.stdin, process.stdout);
		return;
	}

	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	const client = await startBot({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, guildId: env.DISCORD_GUILD_ID, context, log });
	const stop = (signal: string) => {
		log.info({ signal }, 'shutting down');
		setTimeout(() => process.exit(0), SHUTDOWN_TIMEOUT_MS).unref();
		void client.destroy().finally(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	if (error instanceof EnvError || error instanceof CorpusError) process.stderr.write(`${error.message}\n`);
	else process.stderr.write(`paperbot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
