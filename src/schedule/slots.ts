import type { PostKind } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';
import { localDate, potdPattern } from './time.js';

/** The channel a kind of post goes to in a guild; null when it is switched off. */
export function channelOf(guild: GuildSettings, kind: PostKind): string | null {
	return {
		potd: guild.potd_channel_id,
		digest: guild.digest_channel_id,
		feed: guild.feed_channel_id,
		reading_poll: guild.reading_channel_id,
		reading_result: guild.reading_channel_id,
		follow: guild.feed_channel_id,
		changes: guild.feed_channel_id,
		citation: guild.citations_channel_id,
	}[kind];
}

/** The cron pattern of the paper of the day or the digest. */
export function patternOf(guild: GuildSettings, kind: 'potd' | 'digest'): string {
	return kind === 'potd' ? potdPattern(guild.potd_time) : guild.digest_cron;
}

/** The slot key for a post due at `due`: the local date for the paper of the day, the fire time for a digest. */
export function slotFor(guild: GuildSettings, kind: PostKind, due: Date): string {
	return kind === 'potd' ? localDate(due, guild.timezone) : due.toISOString();
}

/** The local date a slot belongs to: its retries stop when that day ends. */
export function slotDay(guild: GuildSettings, kind: PostKind, slot: string): string {
	return kind === 'potd' ? slot : localDate(new Date(slot), guild.timezone);
}
