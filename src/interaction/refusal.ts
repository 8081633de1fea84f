import { PermissionFlagsBits } from 'discord-api-types/v10';

/** A channel permission paperbot's actions need, by the name a server admin sees in Discord. */
export type BotPermission =
	| 'View Channel'
	| 'Send Messages'
	| 'Embed Links'
	| 'Read Message History'
	| 'Create Public Threads'
	| 'Send Messages in Threads'
	| 'Send Polls';

/** Each permission's bit in Discord's permission set. */
export const PERMISSION_BITS: Readonly<Record<BotPermission, bigint>> = {
	'View Channel': PermissionFlagsBits.ViewChannel,
	'Send Messages': PermissionFlagsBits.SendMessages,
	'Embed Links': PermissionFlagsBits.EmbedLinks,
	'Read Message History': PermissionFlagsBits.ReadMessageHistory,
	'Create Public Threads': PermissionFlagsBits.CreatePublicThreads,
	'Send Messages in Threads': PermissionFlagsBits.SendMessagesInThreads,
	'Send Polls': PermissionFlagsBits.SendPolls,
};

/** Something paperbot does in a channel that Discord may refuse. */
export type ChannelAction = 'post' | 'start a thread' | 'post in the thread' | 'read the channel' | 'post a poll';

/** The permissions each action needs, in the order an admin would give them. */
export const ACTION_PERMISSIONS: Readonly<Record<ChannelAction, readonly BotPermission[]>> = {
	post: ['View Channel', 'Send Messages', 'Embed Links'],
	'start a thread': ['View Channel', 'Create Public Threads'],
	'post in the thread': ['Send Messages in Threads'],
	'read the channel': ['View Channel', 'Read Message History'],
	'post a poll': ['View Channel', 'Send Messages', 'Send Polls'],
};

const ACTION_WORDS: Readonly<Record<ChannelAction, string>> = {
	post: 'post',
	'start a thread': 'start a thread',
	'post in the thread': 'post in the thread',
	'read the channel': "read the channel's recent messages",
	'post a poll': 'post the reading poll',
};

/** The permissions of `needed` that the bit set `held` lacks; all of them when `held` is unknown. */
export function missingPermissions(held: bigint | undefined, needed: readonly BotPermission[]): BotPermission[] {
	if (held === undefined) return [...needed];
	if ((held & PermissionFlagsBits.Administrator) !== 0n) return [];
	return needed.filter((name) => (held & PERMISSION_BITS[name]) === 0n);
}

/** "A", "A and B", "A, B and C", each in italics as Discord shows a permission's name. */
export function permissionList(names: readonly string[]): string {
	const shown = names.map((name) => `*${name}*`);
	return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** What Discord's answer means, when no permission would fix it. */
const CODE_CAUSES: Readonly<Record<number, string>> = {
	50024: 'threads cannot be started in this kind of channel',
	160004: 'a thread was already started from that message',
	160005: 'the thread is locked',
	160006: 'the channel has reached its maximum of active threads; archive some',
	50083: 'the thread is archived',
};

/**
 * Discord refused an action in a channel for lack of access or a permission (codes 50001, 50013,
 * 160002) or because of the channel itself (50024, 160005, 160006…). Made by the Discord layer
 * from Discord's error; the message is what a member or admin can act on.
 */
export class DiscordRefusal extends Error {
	override name = 'DiscordRefusal';

	/**
	 * @param code Discord's JSON error code (kept for the log), or 0 when paperbot checked before asking.
	 * @param action What paperbot could not do.
	 * @param channelId Where.
	 * @param missing The permissions to give paperbot there; empty when none would help.
	 * @param done What had already happened, said first ("I posted the card").
	 */
	constructor(
		readonly code: number,
		readonly action: ChannelAction,
		readonly channelId: string,
		readonly missing: readonly BotPermission[],
		readonly done?: string,
	) {
		super(refusalText(code, action, channelId, missing, done));
	}

	/** The same refusal, said after what had already happened. */
	after(done: string): DiscordRefusal {
		return new DiscordRefusal(this.code, this.action, this.channelId, this.missing, done);
	}
}

function refusalText(
	code: number,
	action: ChannelAction,
	channelId: string,
	missing: readonly BotPermission[],
	done: string | undefined,
): string {
	const could = done ? `${done}, but could not` : 'paperbot could not';
	const what = `${could} ${ACTION_WORDS[action]} in <#${channelId}>`;
	const cause = CODE_CAUSES[code];
	if (missing.length > 0) return `${what}: a server admin should give paperbot ${permissionList(missing)} there.`;
	return `${what}: ${cause ?? `Discord refused it (code ${code})`}.`;
}
