import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { CommandInput } from './command.js';

/** Who is asking, as far as permission checks care. */
export type MemberRights = Pick<CommandInput, 'memberPermissions' | 'memberRoles'>;

/** Whether a member's permission bits include Manage Server (Administrator implies it). */
export function mayManageServer(permissions: bigint | undefined): boolean {
	return permissions !== undefined && (permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/**
 * Who may add papers from Discord: members with Manage Server, or with the curator role when one
 * is set. Outside a guild (no permissions known) nobody may.
 */
export function curatorPolicy(curatorRoleId: string | undefined): (member: MemberRights) => boolean {
	return ({ memberPermissions, memberRoles }) =>
		mayManageServer(memberPermissions) || (curatorRoleId !== undefined && (memberRoles ?? []).includes(curatorRoleId));
}
