import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { commands } from '../../commands/all.js';
import { compiled } from '../run-entry.js';
import { botEnvironment, PROJECT_ROOT } from './bot-process.js';
import { startDiscordStandin, type Standin } from './discord-standin.js';

let standin: Standin;
let stateDir: string;
beforeAll(async () => {
	standin = await startDiscordStandin();
	stateDir = await mkdtemp(join(tmpdir(), 'paperbot-register-'));
});
afterAll(async () => {
	await standin.close();
	await rm(stateDir, { recursive: true, force: true });
});

/** `npm run register`, as the deployer runs it, with the given paperbot variables. */
function register(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
	const base = botEnvironment(standin, { corpusPath: join(PROJECT_ROOT, 'data'), stateDir });
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[compiled('src/register.ts')],
			{ cwd: PROJECT_ROOT, env: { ...base, ...env }, timeout: 30_000 },
			(error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
		);
	});
}

// Each test waits on its own register processes and looks only at its own requests, so they run side by side.
describe.concurrent('npm run register', () => {
	it('puts every command on DISCORD_GUILD_ID', async ({ expect }) => {
		const result = await register({});
		expect(result).toMatchObject({ code: 0, stdout: `Registered ${commands.length} commands on guild ${standin.guildId}.\n` });
		const put = standin.requests.find(
			(request) => request.method === 'PUT' && request.path.endsWith(`/guilds/${standin.guildId}/commands`),
		);
		expect((put!.body as { name: string }[]).map((command) => command.name)).toEqual(commands.map((command) => command.data.name));
		expect(standin.commands(standin.guildId).length).toBe(commands.length);
	});

	it('registers globally without DISCORD_GUILD_ID', async ({ expect }) => {
		const result = await register({ DISCORD_GUILD_ID: '' });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('all guilds');
		const global = standin.requests.filter(
			(request) => request.method === 'PUT' && request.path.endsWith(`/applications/${standin.applicationId}/commands`),
		);
		expect(global).toHaveLength(1);
	});

	it('says what is missing without a token, and never prints one', async ({ expect }) => {
		const [missing, wrong] = await Promise.all([register({ DISCORD_TOKEN: '' }), register({ DISCORD_TOKEN: `${standin.token}x` })]);
		expect(missing).toMatchObject({ code: 1, stderr: 'paperbot: set DISCORD_TOKEN in .env to register the commands.\n' });
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toContain('registration failed');
		expect(wrong.stderr + wrong.stdout).not.toContain(standin.token);
	});
});
