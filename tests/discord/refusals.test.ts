import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { refusalOf, refusing } from '../../src/discord/refusals.js';
import { DiscordRefusal, PERMISSION_BITS } from '../../src/interaction/refusal.js';

/** Discord's error as discord.js's REST client throws it. */
const discordError = (code: number, status = 403) =>
	new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'https://127.0.0.1/api/v10/channels/42/messages', { body: null });

const ALL =
	PERMISSION_BITS['View Channel'] |
	PERMISSION_BITS['Send Messages'] |
	PERMISSION_BITS['Embed Links'] |
	PERMISSION_BITS['Create Public Threads'] |
	PERMISSION_BITS['Send Messages in Threads'] |
	PERMISSION_BITS['Read Message History'];

describe('refusalOf', () => {
	it('names the permissions the cached bits lack for a 50013', () => {
		const held = ALL & ~PERMISSION_BITS['Embed Links'];
		expect(refusalOf(discordError(50013), 'post', '42', held)?.missing).toEqual(['Embed Links']);
	});

	it('names what the action needs beyond seeing the channel when the cached bits look complete', () => {
		expect(refusalOf(discordError(50013), 'post', '42', ALL)?.missing).toEqual(['Send Messages', 'Embed Links']);
	});

	it('asks for View Channel on 50001 Missing Access, and Read Message History on 160002', () => {
		expect(refusalOf(discordError(50001), 'start a thread', '42', ALL)?.missing).toEqual(['View Channel']);
		expect(refusalOf(discordError(160002, 400), 'post', '42', ALL)?.missing).toEqual(['Read Message History']);
	});

	it('keeps the code of a refusal no permission fixes, and lets other errors through', () => {
		expect(refusalOf(discordError(160006, 400), 'start a thread', '42', ALL)).toMatchObject({ code: 160006, missing: [] });
		expect(refusalOf(discordError(50035, 400), 'post', '42', ALL)).toBeNull();
		expect(refusalOf(new Error('socket hang up'), 'post', '42', ALL)).toBeNull();
	});
});

describe('refusing', () => {
	it("turns Discord's refusal into a DiscordRefusal said after what was done", async () => {
		const call = refusing(() => Promise.reject(discordError(50013)), {
			action: 'start a thread',
			channelId: '42',
			held: 0n,
			done: 'Posted',
		});
		await expect(call).rejects.toThrow(DiscordRefusal);
		await expect(call).rejects.toThrow(/^Posted, but could not start a thread in <#42>: .*\*View Channel\* and \*Create Public Threads\*/);
	});
});
