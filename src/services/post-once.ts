import { DEFAULT_LEASE_MS, THIS_PROCESS, takeSlot } from '../schedule/claims.js';
import type { PostMessage } from '../messages/post-messages.js';
import type { Logger } from '../log.js';
import type { PostKind, PostLog } from '../store/post-log.js';
import type { Poster } from './poster.js';

/** What posting one slot once needs. */
export interface PostOnceContext {
	posts: PostLog;
	poster: Poster;
	now: () => Date;
	log: Logger;
}

/**
 * Posts `messages` in a guild channel for the slot exactly once across restarts: the slot is
 * claimed first; an interrupted earlier attempt is looked for in the channel before sending
 * again; `alongside` records, in the post log's transaction, what else is kept of the post.
 * Returns whether the slot is now sent; a failure is recorded on the slot and logged.
 */
export async function postOnce(
	{ posts, poster, now, log }: PostOnceContext,
	where: { guildId: string; channelId: string; kind: PostKind; slot: string },
	messages: readonly PostMessage[],
	alongside: () => void,
): Promise<boolean> {
	const { guildId, channelId, kind, slot } = where;
	const taking = takeSlot(posts, guildId, kind, slot, {
		claimant: THIS_PROCESS,
		now: now(),
		leaseMs: DEFAULT_LEASE_MS,
		isRunning: () => false,
	});
	if (taking !== 'fresh' && taking !== 'again') return posts.get(guildId, kind, slot)?.status === 'sent';
	try {
		const found = taking === 'again' ? await poster.findPost(guildId, channelId, kind, slot) : null;
		const messageId = found ?? (await poster.send(guildId, channelId, messages)).messageId;
		posts.markSent(guildId, kind, slot, { channelId, messageId }, now(), alongside);
		log.info({ guild: guildId, kind, slot, messageId }, found ? `${kind}: found an interrupted post in the channel` : `${kind}: posted`);
		return true;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		posts.markFailed(guildId, kind, slot, reason);
		log.warn({ guild: guildId, kind, slot, reason }, `${kind}: post failed; will try at the next look`);
		return false;
	}
}
