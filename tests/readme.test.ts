import { readFile } from 'node:fs/promises';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/env.js';

const readme = await readFile('README.md', 'utf8');

describe('README', () => {
	it('gives the invite permission integer for exactly the permissions it lists', () => {
		const { SendMessages, EmbedLinks, CreatePublicThreads, SendMessagesInThreads, ReadMessageHistory } = PermissionFlagsBits;
		const permissions = SendMessages | EmbedLinks | CreatePublicThreads | SendMessagesInThreads | ReadMessageHistory;
		expect(readme.replace(/\s+/g, ' ')).toContain('Send Messages, Embed Links, Create Public Threads, Send Messages in Threads and Read Message History (permission integer');
		expect(readme).toContain(`(permission integer \`${permissions}\`)`);
	});

	it('documents every configuration variable, as .env.example does', async () => {
		const example = await readFile('.env.example', 'utf8');
		for (const name of Object.keys(envSchema.shape)) {
			expect(readme).toContain(`| \`${name}\` |`);
			expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
		}
	});
});
