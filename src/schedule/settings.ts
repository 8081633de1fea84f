import { z } from 'zod';
import type { State } from './state.js';
import { formatTimeOfDay, parseTimeOfDay, ScheduleSettingError, validateCron, validateTimezone } from './time.js';

function checked<T>(check: (text: string) => T) {
	return (text: string, ctx: z.RefinementCtx) => {
		try {
			return check(text);
		} catch (error) {
			if (!(error instanceof ScheduleSettingError)) throw error;
			ctx.addIssue({ code: 'custom', message: error.message });
			return z.NEVER;
		}
	};
}

/** A local posting time, `HH:MM` or `H:MM`, as settings and `POTD_TIME` take it; stored as `HH:MM`. */
export const timeOfDaySetting = z.string().transform(checked((text) => formatTimeOfDay(parseTimeOfDay(text))));
/** An IANA time zone, returned in its canonical spelling. */
export const timezoneSetting = z.string().transform(checked(validateTimezone));
/** A five-field cron pattern that fires at least once more. */
export const cronSetting = z.string().transform(checked(validateCron));

/** One guild's schedule settings: where and when the paper of the day and the digest go. */
const guildSettingsSchema = z.object({
	guild_id: z.string().min(1),
	/** Channel for the paper of the day; null turns it off. */
	potd_channel_id: z.string().min(1).nullable(),
	/** Local posting time, `HH:MM`. */
	potd_time: timeOfDaySetting,
	/** IANA time zone for the paper-of-the-day time and the digest schedule. */
	timezone: timezoneSetting,
	/** Start a discussion thread from each paper-of-the-day post. */
	potd_thread: z.boolean(),
	/** Channel for digests; null turns them off. */
	digest_channel_id: z.string().min(1).nullable(),
	/** Five-field cron pattern read in `timezone`. */
	digest_cron: cronSetting,
});

export type GuildSettings = z.infer<typeof guildSettingsSchema>;

/** Defaults the issue gives: 09:00 UTC, threads on, digests on Mondays at 09:00. */
export const DEFAULT_SETTINGS = {
	potd_time: '09:00',
	timezone: 'UTC',
	potd_thread: true,
	digest_cron: '0 9 * * 1',
} as const;

/**
 * Checks settings and returns them normalised. Throws ScheduleSettingError whose message lists
 * every bad value with its expected form.
 */
export function checkGuildSettings(input: z.input<typeof guildSettingsSchema>): GuildSettings {
	const result = guildSettingsSchema.safeParse(input);
	if (!result.success) throw new ScheduleSettingError(result.error.issues.map((issue) => issue.message).join('\n'));
	return result.data;
}

interface SettingsRow {
	guild_id: string;
	potd_channel_id: string | null;
	potd_time: string;
	timezone: string;
	potd_thread: number;
	digest_channel_id: string | null;
	digest_cron: string;
}

const fromRow = (row: SettingsRow): GuildSettings => ({ ...row, potd_thread: row.potd_thread === 1 });

/** Saves (inserts or replaces) a guild's settings after checking them; nothing is saved when a value is bad. */
export function saveGuildSettings(state: State, input: z.input<typeof guildSettingsSchema>): GuildSettings {
	const settings = checkGuildSettings(input);
	state.db
		.prepare(
			`INSERT INTO guild_settings (guild_id, potd_channel_id, potd_time, timezone, potd_thread, digest_channel_id, digest_cron)
			 VALUES (@guild_id, @potd_channel_id, @potd_time, @timezone, @potd_thread, @digest_channel_id, @digest_cron)
			 ON CONFLICT (guild_id) DO UPDATE SET
			   potd_channel_id = excluded.potd_channel_id, potd_time = excluded.potd_time,
			   timezone = excluded.timezone, potd_thread = excluded.potd_thread,
			   digest_channel_id = excluded.digest_channel_id, digest_cron = excluded.digest_cron`,
		)
		.run({ ...settings, potd_thread: settings.potd_thread ? 1 : 0 });
	return settings;
}

/** A guild's saved settings, or null when it has none. */
export function getGuildSettings(state: State, guildId: string): GuildSettings | null {
	const row = state.db.prepare(`SELECT * FROM guild_settings WHERE guild_id = ?`).get(guildId) as SettingsRow | undefined;
	return row ? fromRow(row) : null;
}

/** Every guild's saved settings, by guild id. */
export function listGuildSettings(state: State): GuildSettings[] {
	const rows = state.db.prepare(`SELECT * FROM guild_settings ORDER BY guild_id`).all() as SettingsRow[];
	return rows.map(fromRow);
}
