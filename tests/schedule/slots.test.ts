import { describe, expect, it } from 'vitest';
import { checkGuildSettings, type GuildSettings } from '../../src/store/settings.js';
import { channelOf, patternOf, slotDay, slotFor } from '../../src/schedule/slots.js';
import { localDate, nextDigestTime, nextPotdTime } from '../../src/schedule/time.js';

function guild(changes: Partial<Omit<GuildSettings, 'guild_id'>> = {}): GuildSettings {
	return checkGuildSettings({
		guild_id: '100000000000000001',
		potd_channel_id: '200000000000000001',
		potd_time: '09:00',
		timezone: 'UTC',
		potd_thread: true,
		digest_channel_id: '200000000000000002',
		digest_cron: '0 9 * * 1',
		feed_channel_id: '200000000000000003',
		feed_categories: ['cs.NE'],
		...changes,
	});
}

describe('channelOf', () => {
	it('gives each kind of post its own channel', () => {
		const settings = guild();
		expect([channelOf(settings, 'potd'), channelOf(settings, 'digest'), channelOf(settings, 'feed')]).toEqual([
			'200000000000000001',
			'200000000000000002',
			'200000000000000003',
		]);
	});

	it('gives null for a kind that is switched off, and leaves the others on', () => {
		const settings = guild({ digest_channel_id: null, feed_channel_id: null });
		expect([channelOf(settings, 'potd'), channelOf(settings, 'digest'), channelOf(settings, 'feed')]).toEqual([
			'200000000000000001',
			null,
			null,
		]);
	});
});

describe('patternOf', () => {
	it('fires the paper of the day daily at its time, minute first', () => {
		expect(patternOf(guild({ potd_time: '7:05' }), 'potd')).toBe('5 7 * * *');
	});

	it('gives the digest its cron pattern as saved', () => {
		expect(patternOf(guild({ digest_cron: '30 17  * * 5' }), 'digest')).toBe('30 17 * * 5');
	});
});

describe('slotFor', () => {
	it('keys the paper of the day by the date where the guild is, not in UTC', () => {
		const due = new Date('2024-03-10T20:00:00Z');
		expect(slotFor(guild({ timezone: 'Asia/Tokyo' }), 'potd', due)).toBe('2024-03-11');
		expect(slotFor(guild({ timezone: 'America/Los_Angeles' }), 'potd', due)).toBe('2024-03-10');
	});

	it('keys a digest by its fire time, so two digests on one day get two slots', () => {
		const settings = guild({ digest_cron: '0 9,17 * * *' });
		const morning = nextDigestTime(settings.digest_cron, settings.timezone, new Date('2024-03-11T00:00:00Z'))!;
		const evening = nextDigestTime(settings.digest_cron, settings.timezone, morning)!;
		expect([slotFor(settings, 'digest', morning), slotFor(settings, 'digest', evening)]).toEqual([
			'2024-03-11T09:00:00.000Z',
			'2024-03-11T17:00:00.000Z',
		]);
	});

	it('keys a paper of the day that spring-forward moves to 03:00 by that same day', () => {
		const settings = guild({ timezone: 'America/New_York', potd_time: '02:30' });
		const due = nextPotdTime(settings.potd_time, settings.timezone, new Date('2024-03-10T05:00:00Z'));
		expect(due.toISOString()).toBe('2024-03-10T07:00:00.000Z');
		expect(slotFor(settings, 'potd', due)).toBe('2024-03-10');
	});
});

describe('slotDay', () => {
	it('gives a paper-of-the-day slot back as its own date', () => {
		expect(slotDay(guild({ timezone: 'Pacific/Kiritimati' }), 'potd', '2024-03-11')).toBe('2024-03-11');
	});

	it('gives a digest slot the local date of its fire time', () => {
		expect(slotDay(guild({ timezone: 'America/New_York' }), 'digest', '2024-03-12T03:30:00.000Z')).toBe('2024-03-11');
		expect(slotDay(guild({ timezone: 'Pacific/Kiritimati' }), 'digest', '2024-03-11T10:30:00.000Z')).toBe('2024-03-12');
	});

	it('puts a late-evening digest on fall-back day, a 25-hour day, on that day', () => {
		const settings = guild({ timezone: 'America/New_York', digest_cron: '30 23 * * *' });
		const due = nextDigestTime(settings.digest_cron, settings.timezone, new Date('2024-11-03T12:00:00Z'))!;
		expect(due.toISOString()).toBe('2024-11-04T04:30:00.000Z');
		expect(slotDay(settings, 'digest', slotFor(settings, 'digest', due))).toBe('2024-11-03');
	});

	it('is the local date of the due time for every kind, in zones from UTC−10 to UTC+14', () => {
		const dues = [
			'2024-03-10T06:59:00Z',
			'2024-03-10T10:00:00Z',
			'2024-03-31T00:30:00Z',
			'2024-11-03T05:30:00Z',
			'2024-12-31T23:59:00Z',
		].map((iso) => new Date(iso));
		for (const timezone of ['Pacific/Honolulu', 'America/New_York', 'UTC', 'Europe/London', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
			const settings = guild({ timezone });
			for (const due of dues) {
				for (const kind of ['potd', 'digest'] as const)
					expect(slotDay(settings, kind, slotFor(settings, kind, due)), `${kind} ${timezone} ${due.toISOString()}`).toBe(
						localDate(due, timezone),
					);
			}
		}
	});
});
