import { type BotPermission, missingPermissions, permissionList } from '../interaction/refusal.js';

/** What a server's channel is set up for. */
export type ChannelUse = 'potd' | 'digest' | 'feed' | 'reading' | 'citations';

/** What paperbot knows of a channel: whether it sees it as a text channel of the server, and its permissions there. */
export type ChannelAccess = { visible: false } | { visible: true; held: bigint | undefined };

/** How `/paperbot status` and the setting commands name each use. */
export const CHANNEL_USE_NAMES: Readonly<Record<ChannelUse, string>> = {
	potd: 'Paper of the day',
	digest: 'Digest',
	feed: 'arXiv feed',
	reading: 'Reading group',
	citations: 'Citation alerts',
};

/** A permission a use needs: what its lack stops, and whether the use cannot work at all without it. */
interface Need {
	permission: BotPermission;
	cost: string;
	/** The use cannot work without it (the channel is refused); else it works less well (accepted, with a warning). */
	blocks: boolean;
}

const NOTHING_POSTED = 'nothing is posted there';
const HISTORY: Need = {
	permission: 'Read Message History',
	cost: 'a post interrupted by a restart is held until paperbot can check the channel for it',
	blocks: false,
};

/** The permissions a use needs, in the order an admin would give them; the paper of the day's threads only when on. */
function needsOf(use: ChannelUse, withThreads: boolean): Need[] {
	const posting: Need[] = [
		{ permission: 'View Channel', cost: NOTHING_POSTED, blocks: true },
		{ permission: 'Send Messages', cost: NOTHING_POSTED, blocks: true },
		{
			permission: 'Embed Links',
			cost: use === 'reading' ? 'picks are held, since their cards would not show' : 'posts are held, since their cards would not show',
			blocks: true,
		},
	];
	if (use === 'reading')
		return [
			...posting,
			{ permission: 'Send Polls', cost: 'the reading polls cannot be posted', blocks: true },
			{ permission: 'Create Public Threads', cost: 'picks go out without a discussion thread', blocks: false },
			HISTORY,
		];
	if (use === 'potd' && withThreads)
		return [...posting, { permission: 'Create Public Threads', cost: 'posts go out without a thread', blocks: false }, HISTORY];
	return [...posting, HISTORY];
}

/** What a channel's permissions mean for a use: null when it has every one. */
export interface ChannelPermissionCheck {
	/** The use cannot work there: the channel is refused. */
	refused: boolean;
	/** Every missing permission with what it stops, and the fix that works, as a sentence naming the channel. */
	text: string;
}

/**
 * Checks a channel for a use: names every missing permission and what each stops, refuses only
 * what cannot work (paperbot cannot see the channel, or lacks a permission the use cannot do
 * without), and for the rest says what works less well; the fix is the permissions to give, or,
 * for the paper of the day's thread, `thread:false`.
 */
export function checkChannel(
	use: ChannelUse,
	channelId: string,
	access: ChannelAccess,
	withThreads = false,
): ChannelPermissionCheck | null {
	if (!access.visible)
		return {
			refused: true,
			text: `paperbot cannot see a text channel <#${channelId}> in this server; pick a text or announcement channel it can see.`,
		};
	const needs = needsOf(use, withThreads);
	const missing = missingPermissions(
		access.held,
		needs.map((need) => need.permission),
	);
	if (missing.length === 0) return null;
	const lacking = needs.filter((need) => missing.includes(need.permission));
	const refused = lacking.some((need) => need.blocks);
	const items = lacking.map((need) => `*${need.permission}* (${need.cost})`);
	const named = items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
	const threadOff = use === 'potd' && missing.includes('Create Public Threads') ? ' (or turn threads off with `thread:false`)' : '';
	const fix = `give it ${permissionList(missing)} there${threadOff}${refused ? ', or pick another channel' : ''}`;
	return { refused, text: `paperbot lacks ${named} in <#${channelId}>; ${fix}.` };
}

/** A warning on a line of its own after an answer, or nothing. */
export function warningLine(warning: string | null): string {
	return warning ? `\n${warning}` : '';
}
