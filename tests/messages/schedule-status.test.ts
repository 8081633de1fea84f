import { describe, expect, it } from 'vitest';
import { labSettings } from '../schedule/lab-settings.js';
import type { APIEmbed } from 'discord.js';
import { EMBED_LIMITS } from '../../src/cards/index.js';
import { buildStatusEmbed, formatLocalTime, type ScheduleStatus } from '../../src/messages/schedule-status.js';
import type { PostRecord } from '../../src/store/post-log.js';

const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';

const settings = labSettings({ guild_id: GUILD, potd_channel_id: CHANNEL, timezone: 'America/New_York' });

function post(fields: Partial<PostRecord>): PostRecord {
	return {
		guild_id: GUILD,
		kind: 'potd',
		slot: '2024-03-10',
		status: 'sent',
		claimant: 'host:1',
		claimed_at: '2024-03-10T13:00:00.000Z',
		attempts: 1,
		last_error: null,
		channel_id: CHANNEL,
		message_id: '100000000000000009',
		sent_at: '2024-03-10T13:00:01.000Z',
		...fields,
	};
}

function status(fields: Partial<ScheduleStatus> = {}): ScheduleStatus {
	return {
		settings,
		papers: 180,
		loadedAt: new Date('2024-03-10T12:30:00Z'),
		library: { imported: 0, merged: 0 },
		next: { potd: new Date('2024-03-11T13:00:00Z'), digest: null },
		recentPosts: [],
		retryAt: () => null,
		feed: ['off'],
		reading: ['off', 'Reading list: 0 proposals'],
		citations: ['off'],
		problems: [],
		...fields,
	};
}

const field = (embed: APIEmbed, name: string) => embed.fields?.find((candidate) => candidate.name === name)?.value;

describe('formatLocalTime', () => {
	it('writes the time as the guild reads it, in 24-hour form with the zone named', () => {
		expect(formatLocalTime(new Date('2024-03-10T13:00:00Z'), 'America/New_York')).toBe('2024-03-10 09:00 (America/New_York)');
		expect(formatLocalTime(new Date('2024-03-10T23:30:00Z'), 'Asia/Tokyo')).toBe('2024-03-11 08:30 (Asia/Tokyo)');
		expect(formatLocalTime(new Date('2024-01-01T00:05:00Z'), 'UTC')).toBe('2024-01-01 00:05 (UTC)');
	});
});

describe('buildStatusEmbed', () => {
	it('shows the corpus, where and when each post goes, and what is off', () => {
		const embed = buildStatusEmbed(status());
		expect(embed.title).toBe('paperbot status');
		expect(embed.fields?.map((candidate) => candidate.name)).toEqual([
			'Corpus',
			'Paper of the day',
			'Digest',
			'arXiv feed',
			'Reading group',
			'Citation alerts',
			'Last posts',
			'Problems',
		]);
		expect(field(embed, 'Corpus')).toBe(
			'180 papers, loaded 2024-03-10 08:30 (America/New_York)\n0 imported from BibTeX; 0 records merged into another record of the same paper',
		);
		expect(field(embed, 'Paper of the day')).toBe(
			`<#${CHANNEL}> at 09:00, with a thread\nNext: 2024-03-11 09:00 (America/New_York) · <t:1710162000:R>`,
		);
		expect(field(embed, 'Digest')).toBe('off\nNext: off');
		expect(field(embed, 'arXiv feed')).toBe('off');
		expect(field(embed, 'Reading group')).toBe('off\nReading list: 0 proposals');
		expect(field(embed, 'Citation alerts')).toBe('off');
		expect(field(embed, 'Last posts')).toBe('none');
		expect(field(embed, 'Problems')).toBe('none');
	});

	it('counts the papers imported from BibTeX and the records merged', () => {
		const embed = buildStatusEmbed(status({ library: { imported: 48, merged: 3 } }));
		expect(field(embed, 'Corpus')?.split('\n')[1]).toBe('48 imported from BibTeX; 3 records merged into another record of the same paper');
	});

	it('names the digest channel and its cron pattern when digests are on', () => {
		const embed = buildStatusEmbed(
			status({
				settings: { ...settings, potd_thread: false, digest_channel_id: CHANNEL },
				next: { potd: null, digest: new Date('2024-03-11T13:00:00Z') },
			}),
		);
		expect(field(embed, 'Paper of the day')).toBe(`<#${CHANNEL}> at 09:00\nNext: off`);
		expect(field(embed, 'Digest')).toBe(`<#${CHANNEL}> on \`0 9 * * 1\`\nNext: 2024-03-11 09:00 (America/New_York) · <t:1710162000:R>`);
	});

	it('links each sent post, and says which were empty, failed, retrying or are being sent, each time in the server’s zone', () => {
		const retrying = post({ kind: 'digest', slot: '2024-03-10T14:00:00.000Z', status: 'failed', attempts: 2, message_id: null });
		const embed = buildStatusEmbed(
			status({
				recentPosts: [
					post({}),
					post({ kind: 'digest', slot: '2024-03-04T14:00:00.000Z', message_id: null, channel_id: null }),
					retrying,
					post({ slot: '2024-03-09', status: 'failed', attempts: 3, message_id: null }),
					post({ slot: '2024-03-07', status: 'failed', attempts: 1, message_id: null }),
					post({ slot: '2024-03-08', status: 'claimed', message_id: null }),
				],
				retryAt: (record) => (record === retrying ? new Date('2024-03-10T14:32:00Z') : null),
			}),
		);
		expect(field(embed, 'Last posts')?.split('\n')).toEqual([
			`Paper of the day 2024-03-10: [posted](https://discord.com/channels/${GUILD}/${CHANNEL}/100000000000000009)`,
			'Digest 2024-03-04 09:00 (America/New_York): nothing new, not posted',
			'Digest 2024-03-10 10:00 (America/New_York): failed 2 times so far, last 2024-03-10 09:00 (America/New_York); trying again 2024-03-10 10:32 (America/New_York)',
			'Paper of the day 2024-03-09: failed after 3 attempts, last 2024-03-10 09:00 (America/New_York); not tried again',
			'Paper of the day 2024-03-07: failed after 1 attempt, last 2024-03-10 09:00 (America/New_York); not tried again',
			'Paper of the day 2024-03-08: sending',
		]);
	});

	it('lists each problem as a bullet cut at a word, and keeps every field within Discord’s limit', () => {
		const long = `Digest: ${'unreachable '.repeat(40)}`;
		const many = Array.from({ length: 40 }, (_, index) => `Problem ${index}: ${'x'.repeat(80)}`);
		const embed = buildStatusEmbed(status({ problems: [long, ...many] }));
		const lines = field(embed, 'Problems')?.split('\n') ?? [];
		expect(lines[0]).toMatch(/^• Digest: (unreachable )+unreachable…$/);
		expect(lines[0]!.length).toBeLessThanOrEqual('• '.length + 300);
		expect(field(embed, 'Problems')?.endsWith('…')).toBe(true);
		for (const candidate of embed.fields ?? []) expect(candidate.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
	});
});
