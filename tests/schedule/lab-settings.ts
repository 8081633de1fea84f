import { checkGuildSettings, type GuildSettings } from '../../src/store/settings.js';

/** Guild g1's settings in UTC, posting nothing but what `changes` turns on (a channel, a schedule). */
export function labSettings(changes: Partial<Parameters<typeof checkGuildSettings>[0]> = {}): GuildSettings {
	return checkGuildSettings({
		guild_id: 'g1',
		potd_channel_id: null,
		potd_time: '09:00',
		timezone: 'UTC',
		potd_thread: true,
		digest_channel_id: null,
		digest_cron: '0 9 * * 1',
		...changes,
	});
}
