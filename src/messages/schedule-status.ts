import type { APIEmbed } from 'discord-api-types/v10';
import { EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { countOf } from '../cards/counts.js';
import { plainLine } from '../cards/safe-text.js';
import { POST_NAMES, type PostRecord } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';

/** Everything `/paperbot status` shows about one guild. */
export interface ScheduleStatus {
	settings: GuildSettings;
	/** Papers in service and when that corpus was loaded. */
	papers: number;
	loadedAt: Date;
	/** Papers imported from a `.bib` (they keep its cite key), and records merged into another record of the same paper. */
	library: { imported: number; merged: number };
	/** Next paper-of-the-day and digest times; null when switched off. */
	next: { potd: Date | null; digest: Date | null };
	recentPosts: readonly PostRecord[];
	/** When a failed post is tried again; null when it is not. */
	retryAt(record: PostRecord): Date | null;
	/** The arXiv feed's lines: where, the last feed (date, new, posted), the next look; `off` when off. */
	feed: readonly string[];
	/** The reading group's lines: where and when, the list's size, the open poll, the next poll. */
	reading: readonly string[];
	/** The Zotero sync's lines (library, last sync, papers, last problem); null when no library is synced. */
	zotero?: readonly string[] | null;
	/** Citation alerts' lines: where and when, the lab's papers, citations posted, papers OpenAlex could not find. */
	citations: readonly string[];
	/** Current problems as markdown lines (outside text already escaped): failed sends, unusable channels, a broken corpus edit. */
	problems: readonly string[];
}

/** `2024-03-10 09:00 (America/New_York)`: a time as the guild reads it. */
export function formatLocalTime(at: Date, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: timezone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${timezone})`;
}

/** A link that opens a message in Discord. */
export function messageLink(guildId: string, channelId: string, messageId: string): string {
	return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/** A slot as people read it: a local date as it is, a fire time (ISO 8601) in the server's time zone. */
export function slotLabel(slot: string, timezone: string): string {
	return slot.includes('T') ? formatLocalTime(new Date(slot), timezone) : slot;
}

/** How a failed post stands: how often and when it was last tried, and when it is tried again or that it is not. */
export function failedAttempts(attempts: number, lastTried: Date, retryAt: Date | null, timezone: string): string {
	const last = `last ${formatLocalTime(lastTried, timezone)}`;
	return retryAt
		? `failed ${countOf(attempts, 'time')} so far, ${last}; trying again ${formatLocalTime(retryAt, timezone)}`
		: `failed after ${countOf(attempts, 'attempt')}, ${last}; not tried again`;
}

function postLine(record: PostRecord, status: ScheduleStatus): string {
	const { timezone } = status.settings;
	const what = `${POST_NAMES[record.kind]} ${slotLabel(record.slot, timezone)}`;
	if (record.status === 'sent') {
		if (record.message_id === null || record.channel_id === null)
			return record.kind === 'reading_poll' ? `${what}: fewer than two proposals, no poll` : `${what}: nothing new, not posted`;
		const posted = `${what}: [posted](${messageLink(record.guild_id, record.channel_id, record.message_id)})`;
		return record.last_error ? `${posted}; ${plainLine(record.last_error)}` : posted;
	}
	if (record.status === 'failed')
		return `${what}: ${failedAttempts(record.attempts, new Date(record.claimed_at), status.retryAt(record), timezone)}`;
	return `${what}: sending`;
}

function when(at: Date | null, settings: GuildSettings): string {
	return at ? `${formatLocalTime(at, settings.timezone)} · <t:${Math.floor(at.getTime() / 1000)}:R>` : 'off';
}

/** The status view as one embed, within Discord's limits. */
export function buildStatusEmbed(status: ScheduleStatus): APIEmbed {
	const { settings } = status;
	const field = (name: string, lines: readonly string[]) => ({
		name,
		value: truncateAtWord(lines.join('\n') || 'none', EMBED_LIMITS.fieldValue),
		inline: false,
	});
	const potdWhere = settings.potd_channel_id
		? `<#${settings.potd_channel_id}> at ${settings.potd_time}${settings.potd_thread ? ', with a thread' : ''}`
		: 'off';
	const digestWhere = settings.digest_channel_id ? `<#${settings.digest_channel_id}> on \`${settings.digest_cron}\`` : 'off';
	return {
		title: 'paperbot status',
		fields: [
			field('Corpus', [
				`${status.papers} papers, loaded ${formatLocalTime(status.loadedAt, settings.timezone)}`,
				`${status.library.imported} imported from BibTeX; ${status.library.merged} records merged into another record of the same paper`,
			]),
			field('Paper of the day', [potdWhere, `Next: ${when(status.next.potd, settings)}`]),
			field('Digest', [digestWhere, `Next: ${when(status.next.digest, settings)}`]),
			field('arXiv feed', status.feed),
			field('Reading group', status.reading),
			...(status.zotero ? [field('Zotero', status.zotero)] : []),
			field('Citation alerts', status.citations),
			field(
				'Last posts',
				status.recentPosts.map((record) => postLine(record, status)),
			),
			field(
				'Problems',
				status.problems.map((problem) => `• ${truncateAtWord(problem, 300)}`),
			),
		],
	};
}
