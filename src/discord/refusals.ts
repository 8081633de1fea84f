import { DiscordAPIError } from 'discord.js';
import { ACTION_PERMISSIONS, DiscordRefusal, missingPermissions, type BotPermission, type ChannelAction } from '../interaction/refusal.js';

/** Discord's codes for a bot that cannot see a channel, lacks a permission, or may not read its history. */
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
const NO_MESSAGE_HISTORY = 160002;

/** Discord's codes for actions the channel itself refuses, whatever the bot's permissions. */
const CHANNEL_CODES = new Set([50024, 50083, 160004, 160005, 160006]);

/**
 * The refusal a Discord error means for `action` in `channelId`, naming the permissions to give
 * (those `held` lacks, or all the action needs when the bits are unknown or out of date); null
 * when the error is not Discord refusing the action.
 */
export function refusalOf(error: unknown, action: ChannelAction, channelId: string, held: bigint | undefined): DiscordRefusal | null {
	if (!(error instanceof DiscordAPIError) || typeof error.code !== 'number') return null;
	const needed = ACTION_PERMISSIONS[action];
	const lacking = missingPermissions(held, needed);
	let missing: BotPermission[];
	if (error.code === MISSING_ACCESS) missing = [...new Set<BotPermission>(['View Channel', ...lacking])];
	// The bot sees the channel, so when its cached bits look complete they are out of date: name what the action needs beyond seeing.
	else if (error.code === MISSING_PERMISSIONS) missing = lacking.length > 0 ? lacking : needed.filter((name) => name !== 'View Channel');
	else if (error.code === NO_MESSAGE_HISTORY) missing = ['Read Message History'];
	else if (CHANNEL_CODES.has(error.code)) missing = [];
	else return null;
	return new DiscordRefusal(error.code, action, channelId, missing);
}

/** Runs a Discord call for `action`, turning Discord's refusal into a {@link DiscordRefusal} said after `done`. */
export async function refusing<T>(
	call: () => Promise<T>,
	where: { action: ChannelAction; channelId: string; held: bigint | undefined; done?: string },
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const refusal = refusalOf(error, where.action, where.channelId, where.held);
		if (!refusal) throw error;
		throw where.done ? refusal.after(where.done) : refusal;
	}
}
