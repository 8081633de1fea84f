import dotenv from 'dotenv';
import { REST, Routes } from 'discord.js';
import type { APIApplication } from 'discord.js';
import { commands } from '../commands/all.js';
import { commandsRoute } from './discord/registration.js';
import { EnvError, parseEnv } from './env.js';

/** `npm run register`: puts paperbot's commands on DISCORD_GUILD_ID (instant) or globally. */
async function register(): Promise<void> {
	dotenv.config({ quiet: true });
	const env = parseEnv(process.env);
	if (!env.DISCORD_TOKEN) throw new EnvError('paperbot: set DISCORD_TOKEN in .env to register the commands.');
	const rest = new REST({ api: env.DISCORD_API_URL }).setToken(env.DISCORD_TOKEN);
	const application = (await rest.get(Routes.currentApplication())) as APIApplication;
	const registered = (await rest.put(commandsRoute(application.id, env.DISCORD_GUILD_ID), {
		body: commands.map((command) => command.data),
	})) as unknown[];
	const where = env.DISCORD_GUILD_ID ? `guild ${env.DISCORD_GUILD_ID}` : 'all guilds (global commands can take up to an hour to appear)';
	process.stdout.write(`Registered ${registered.length} commands on ${where}.\n`);
}

register().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof EnvError ? error.message : `paperbot: registration failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
	);
	process.exit(1);
});
