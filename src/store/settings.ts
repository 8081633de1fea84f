import { z } from 'zod';
import { canonicalCategory, categoriesOfArchive } from '../arxiv/categories.js';
import type { State } from './state.js';
import { formatTimeOfDay, parseTimeOfDay, ScheduleSettingError, validateCron, validateTimezone } from './setting-values.js';

function checked<Input, T>(check: (value: Input) => T) {
	return (value: Input, ctx: z.RefinementCtx) => {
		try {
			return check(value);
		} catch (error) {
			if (!(error instanceof ScheduleSettingError)) throw error;
			ctx.addIssue({ code: 'custom', message: error.message });
			return z.NEVER;
		}
	};
}

/** A local posting time, `HH:MM` or `H:MM`, as settings and `POTD_TIME` take it; stored as `HH:MM`. */
export const timeOfDaySetting = z.string().transform(checked((text: string) => formatTimeOfDay(parseTimeOfDay(text))));
/** An IANA time zone, returned in its canonical spelling. */
export const timezoneSetting = z.string().transform(checked(validateTimezone));
/** A five-field cron pattern that fires at least once more. */
export const cronSetting = z.string().transform(checked(validateCron));

/**
 * Reads arXiv categories written space- or comma-separated (`cs.NE q-bio.NC`), in arXiv's spelling
 * (`cs.ne` reads as `cs.NE`), without repeats. Throws ScheduleSettingError naming every one that
 * arXiv does not list (https://arxiv.org/category_taxonomy), with the form it expects.
 */
export function parseCategories(text: string): string[] {
	const written = text.split(/[\s,+]+/).filter(Boolean);
	const problems = written
		.filter((category) => canonicalCategory(category) === null)
		.map((category) => {
			const known = categoriesOfArchive(category);
			return `"${category}" is not one${known ? ` (${category.split('.')[0]} has ${known})` : ''}`;
		});
	if (problems.length) {
		throw new ScheduleSettingError(
			`categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; ${problems.join('; ')}`,
		);
	}
	return [...new Set(written.map((category) => canonicalCategory(category)!))];
}

/** arXiv categories for the feed, as settings and `ARXIV_FEED_CATEGORIES` take them. */
export const categoriesSetting = z
	.union([z.string(), z.array(z.string())])
	.transform(checked((value: string | string[]) => parseCategories(typeof value === 'string' ? value : value.join(' '))));

/** Most papers in one feed post: a post's menu opens at most 25. */
export const FEED_MAX_LIMIT = 25;
/** Papers per feed post, as settings and `ARXIV_FEED_MAX` take them. */
const FEED_MAX_FORM = `max must be a whole number from 1 to ${FEED_MAX_LIMIT}, e.g. 10`;
export const feedMaxSetting = z.coerce
	.number({ error: FEED_MAX_FORM })
	.int(FEED_MAX_FORM)
	.min(1, FEED_MAX_FORM)
	.max(FEED_MAX_LIMIT, FEED_MAX_FORM);

/** The lab's authors as `LAB_AUTHORS` takes them: names separated by `;`, blanks and repeats dropped. */
export const labAuthorsSetting = z
	.string()
	.transform((text) => [...new Set(text.split(';').map((name) => name.trim().replace(/\s+/g, ' ')))].filter(Boolean));

/** Reading polls by default: Mondays 10:00, open a day. */
export const DEFAULT_READING_CRON = '0 10 * * 1';
export const DEFAULT_READING_HOURS = 24;

/** Longest a reading poll may stay open: Discord's limit of 32 days, in hours. */
export const READING_HOURS_LIMIT = 768;
const READING_HOURS_FORM = `hours must be a whole number from 1 to ${READING_HOURS_LIMIT} (32 days), e.g. 24`;
/** How many hours a reading poll stays open, as settings and `READING_POLL_HOURS` take it. */
export const readingHoursSetting = z.coerce
	.number({ error: READING_HOURS_FORM })
	.int(READING_HOURS_FORM)
	.min(1, READING_HOURS_FORM)
	.max(READING_HOURS_LIMIT, READING_HOURS_FORM);

/** One guild's schedule settings: where and when the paper of the day, the digest and the arXiv feed go. */
const guildSettingsSchema = z
	.object({
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
		/** Channel for the arXiv feed; null turns it off. */
		feed_channel_id: z.string().min(1).nullable().default(null),
		/** arXiv categories the feed reads, in one request. */
		feed_categories: categoriesSetting.default([]),
		/** Local time of the first look at the feed each day, `HH:MM`. */
		feed_time: timeOfDaySetting.default('09:00'),
		/** Most papers per feed post. */
		feed_max: z.number({ error: FEED_MAX_FORM }).int(FEED_MAX_FORM).min(1, FEED_MAX_FORM).max(FEED_MAX_LIMIT, FEED_MAX_FORM).default(10),
		/** Include cross-listed papers. */
		feed_cross: z.boolean().default(true),
		/** Channel for the reading group's polls and picks; null turns them off. */
		reading_channel_id: z.string().min(1).nullable().default(null),
		/** Five-field cron pattern, read in `timezone`, of the reading polls. */
		reading_cron: cronSetting.default(DEFAULT_READING_CRON),
		/** Hours each reading poll stays open. */
		reading_hours: readingHoursSetting.default(DEFAULT_READING_HOURS),
		/** Channel for citation alerts; null turns them off. */
		citations_channel_id: z.string().min(1).nullable().default(null),
		/** Local time of the daily look for new citations, `HH:MM`. */
		citations_time: timeOfDaySetting.default('09:00'),
	})
	.refine((settings) => settings.feed_channel_id === null || settings.feed_categories.length > 0, {
		message: 'the feed needs categories, e.g. "cs.NE q-bio.NC"',
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
	feed_channel_id: string | null;
	feed_categories: string;
	feed_time: string;
	feed_max: number;
	feed_cross: number;
	reading_channel_id: string | null;
	reading_cron: string;
	reading_hours: number;
	citations_channel_id: string | null;
	citations_time: string;
}

const fromRow = (row: SettingsRow): GuildSettings => ({
	...row,
	potd_thread: row.potd_thread === 1,
	feed_categories: row.feed_categories.split(' ').filter(Boolean),
	feed_cross: row.feed_cross === 1,
});

/** Saves (inserts or replaces) a guild's settings after checking them; nothing is saved when a value is bad. */
export function saveGuildSettings(state: State, input: z.input<typeof guildSettingsSchema>): GuildSettings {
	const settings = checkGuildSettings(input);
	state.db
		.prepare(
			`INSERT INTO guild_settings (guild_id, potd_channel_id, potd_time, timezone, potd_thread, digest_channel_id, digest_cron,
			   feed_channel_id, feed_categories, feed_time, feed_max, feed_cross, reading_channel_id, reading_cron, reading_hours,
			   citations_channel_id, citations_time)
			 VALUES (@guild_id, @potd_channel_id, @potd_time, @timezone, @potd_thread, @digest_channel_id, @digest_cron,
			   @feed_channel_id, @feed_categories, @feed_time, @feed_max, @feed_cross, @reading_channel_id, @reading_cron, @reading_hours,
			   @citations_channel_id, @citations_time)
			 ON CONFLICT (guild_id) DO UPDATE SET
			   potd_channel_id = excluded.potd_channel_id, potd_time = excluded.potd_time,
			   timezone = excluded.timezone, potd_thread = excluded.potd_thread,
			   digest_channel_id = excluded.digest_channel_id, digest_cron = excluded.digest_cron,
			   feed_channel_id = excluded.feed_channel_id, feed_categories = excluded.feed_categories,
			   feed_time = excluded.feed_time, feed_max = excluded.feed_max, feed_cross = excluded.feed_cross,
			   reading_channel_id = excluded.reading_channel_id, reading_cron = excluded.reading_cron,
			   reading_hours = excluded.reading_hours,
			   citations_channel_id = excluded.citations_channel_id, citations_time = excluded.citations_time`,
		)
		.run({
			...settings,
			potd_thread: settings.potd_thread ? 1 : 0,
			feed_categories: settings.feed_categories.join(' '),
			feed_cross: settings.feed_cross ? 1 : 0,
		});
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
