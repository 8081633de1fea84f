import { describe, expect, it } from 'vitest';
import { DiscordRefusal, missingPermissions, PERMISSION_BITS, permissionList } from '../../src/interaction/refusal.js';

const ADMINISTRATOR = 1n << 3n;

describe('missingPermissions', () => {
	it('names the permissions the bits lack, in the order asked', () => {
		const held = PERMISSION_BITS['View Channel'] | PERMISSION_BITS['Embed Links'];
		expect(missingPermissions(held, ['View Channel', 'Send Messages', 'Embed Links', 'Create Public Threads'])).toEqual([
			'Send Messages',
			'Create Public Threads',
		]);
	});

	it('finds nothing missing for an administrator, and everything when the bits are unknown', () => {
		expect(missingPermissions(ADMINISTRATOR, ['Send Messages', 'Create Public Threads'])).toEqual([]);
		expect(missingPermissions(undefined, ['Send Messages', 'Create Public Threads'])).toEqual(['Send Messages', 'Create Public Threads']);
	});
});

describe('permissionList', () => {
	it('joins names in italics as a sentence would', () => {
		expect(permissionList(['Send Messages'])).toBe('*Send Messages*');
		expect(permissionList(['Send Messages', 'Embed Links'])).toBe('*Send Messages* and *Embed Links*');
		expect(permissionList(['View Channel', 'Send Messages', 'Embed Links'])).toBe('*View Channel*, *Send Messages* and *Embed Links*');
	});
});

describe('DiscordRefusal', () => {
	it('says what paperbot could not do, where, and what to give it', () => {
		expect(new DiscordRefusal(50013, 'start a thread', '42', ['Create Public Threads']).message).toBe(
			'paperbot could not start a thread in <#42>: a server admin should give paperbot *Create Public Threads* there.',
		);
	});

	it('says first what had already happened', () => {
		const refusal = new DiscordRefusal(50013, 'start a thread', '42', ['Create Public Threads']).after('I posted the card');
		expect(refusal.message).toBe(
			'I posted the card, but could not start a thread in <#42>: a server admin should give paperbot *Create Public Threads* there.',
		);
		expect(refusal.code).toBe(50013);
	});

	it('names the cause when no permission would help, and the code when it knows no cause', () => {
		expect(new DiscordRefusal(50024, 'start a thread', '42', []).message).toBe(
			'paperbot could not start a thread in <#42>: threads cannot be started in this kind of channel.',
		);
		expect(new DiscordRefusal(99999, 'post', '42', []).message).toBe('paperbot could not post in <#42>: Discord refused it (code 99999).');
	});
});
