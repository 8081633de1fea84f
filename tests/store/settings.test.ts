import { describe, expect, it } from 'vitest';
import { checkGuildSettings, DEFAULT_SETTINGS, getGuildSettings, listGuildSettings, saveGuildSettings } from '../../src/store/settings.js';
import type { State } from '../../src/store/state.js';
import { useTempState } from '../schedule/temp-state.js';
import { ScheduleSettingError } from '../../src/store/setting-values.js';

let state: State;
const lab = {
	guild_id: 'g1',
	potd_channel_id: 'c1',
	digest_channel_id: 'c2',
	...DEFAULT_SETTINGS,
	feed_channel_id: null,
	feed_categories: [],
	feed_time: '09:00',
	feed_max: 10,
	feed_cross: true,
	reading_channel_id: null,
	reading_cron: '0 10 * * 1',
	reading_hours: 24,
	citations_channel_id: null,
	citations_time: '09:00',
};

useTempState((opened) => (state = opened));

describe('checkGuildSettings', () => {
	it('normalises the time zone and cron spelling', () => {
		expect(checkGuildSettings({ ...lab, timezone: 'europe/london', digest_cron: '0  9 * * 1' })).toMatchObject({
			timezone: 'Europe/London',
			digest_cron: '0 9 * * 1',
		});
	});

	it('names every bad value with its expected form', () => {
		expect(() => checkGuildSettings({ ...lab, potd_time: '25:00', timezone: 'Mars/Olympus' })).toThrow(
			new ScheduleSettingError(
				'time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one\n' +
					'timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one',
			),
		);
	});
});

describe('feed settings', () => {
	it('reads categories space- or comma-separated and names the first bad one', () => {
		expect(checkGuildSettings({ ...lab, feed_channel_id: 'c3', feed_categories: 'cs.NE, q-bio.NC' }).feed_categories).toEqual([
			'cs.NE',
			'q-bio.NC',
		]);
		expect(() => checkGuildSettings({ ...lab, feed_channel_id: 'c3', feed_categories: 'cs.NE cs/NE', feed_max: 0 })).toThrow(
			new ScheduleSettingError(
				'categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "cs/NE" is not one\nmax must be a whole number from 1 to 25, e.g. 10',
			),
		);
	});

	it('refuses a feed channel without categories', () => {
		expect(() => checkGuildSettings({ ...lab, feed_channel_id: 'c3' })).toThrow(
			new ScheduleSettingError('the feed needs categories, e.g. "cs.NE q-bio.NC"'),
		);
	});

	it('saves and reads back the feed settings', () => {
		const feed = {
			...lab,
			feed_channel_id: 'c3',
			feed_categories: ['cs.NE', 'q-bio.NC'],
			feed_time: '07:45',
			feed_max: 5,
			feed_cross: false,
		};
		saveGuildSettings(state, feed);
		expect(getGuildSettings(state, 'g1')).toEqual(feed);
	});
});

describe('reading settings', () => {
	it('saves and reads back the reading channel, schedule and hours', () => {
		const reading = { ...lab, reading_channel_id: 'c4', reading_cron: '30 16 * * 5', reading_hours: 48 };
		saveGuildSettings(state, reading);
		expect(getGuildSettings(state, 'g1')).toEqual(reading);
	});

	it('refuses hours past Discord’s 32 days, naming the form', () => {
		expect(() => checkGuildSettings({ ...lab, reading_hours: 769 })).toThrow(
			new ScheduleSettingError('hours must be a whole number from 1 to 768 (32 days), e.g. 24'),
		);
	});
});

describe('saveGuildSettings', () => {
	it('saves, then replaces, a guild’s settings', () => {
		saveGuildSettings(state, lab);
		saveGuildSettings(state, { ...lab, potd_time: '07:30', potd_thread: false, digest_channel_id: null });
		expect(getGuildSettings(state, 'g1')).toEqual({ ...lab, potd_time: '07:30', potd_thread: false, digest_channel_id: null });
	});

	it('saves nothing when a value is bad', () => {
		saveGuildSettings(state, lab);
		expect(() => saveGuildSettings(state, { ...lab, digest_cron: 'bad' })).toThrow(ScheduleSettingError);
		expect(getGuildSettings(state, 'g1')).toEqual(lab);
	});
});

describe('getGuildSettings', () => {
	it('gives null for a guild with no saved settings', () => {
		expect(getGuildSettings(state, 'nobody')).toBeNull();
	});
});

describe('listGuildSettings', () => {
	it('lists every guild by id', () => {
		saveGuildSettings(state, { ...lab, guild_id: 'g2' });
		saveGuildSettings(state, lab);
		expect(listGuildSettings(state).map((s) => s.guild_id)).toEqual(['g1', 'g2']);
	});
});
