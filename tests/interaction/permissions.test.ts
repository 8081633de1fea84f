import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { curatorPolicy, mayManageServer } from '../../src/interaction/permissions.js';
import { CURATOR_ROLE } from '../commands/corpus.js';

const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;

describe('mayManageServer', () => {
	it('allows Manage Server or Administrator and nothing less', () => {
		expect(mayManageServer(32n)).toBe(true);
		expect(mayManageServer(8n)).toBe(true);
		expect(mayManageServer(BigInt(1 << 11) | (1n << 31n))).toBe(false);
		expect(mayManageServer(undefined)).toBe(false);
	});
});

describe('curatorPolicy', () => {
	it('allows Manage Server or the curator role, and no one else', () => {
		const mayAdd = curatorPolicy(CURATOR_ROLE);
		expect(mayAdd({ memberPermissions: MANAGE_GUILD | 0x400n })).toBe(true);
		expect(mayAdd({ memberPermissions: 0x400n, memberRoles: [CURATOR_ROLE] })).toBe(true);
		expect(mayAdd({ memberPermissions: 0x400n, memberRoles: ['300000000000000004'] })).toBe(false);
		expect(mayAdd({})).toBe(false);
		expect(curatorPolicy(undefined)({ memberRoles: [CURATOR_ROLE] })).toBe(false);
	});
});
