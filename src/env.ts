import { z } from 'zod';
import { ARXIV_MIN_INTERVAL_SECONDS } from './arxiv/queue.js';
import type { DoiLookupOptions } from './library/doi-papers.js';
import type { ScheduleDefaults } from './services/schedule-service.js';
import {
	categoriesSetting,
	checkGuildSettings,
	cronSetting,
	DEFAULT_SETTINGS,
	DEFAULT_READING_CRON,
	DEFAULT_READING_HOURS,
	feedMaxSetting,
	getGuildSettings,
	type GuildSettings,
	labAuthorsSetting,
	readingHoursSetting,
	timeOfDaySetting,
	timezoneSetting,
} from './store/settings.js';
import type { State } from './store/state.js';
import { DEFAULT_ZOTERO_SYNC_CRON } from './store/zotero-sync.js';
import type { ZoteroSettings } from './services/zotero-service.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, ''));
/** Bot tokens are three base64url parts joined by dots, about 70 characters in all. */
const SHORTEST_TOKEN = 50;
const COPY_AGAIN = 'copy it again from the Developer Portal (Bot → Reset Token)';

/** What is wrong with a token, or null; never repeats any of it, as it is a secret. */
function tokenFault(token: string): string | null {
	if (/\s/.test(token)) return 'must be the token alone, with no spaces and no "Bot " prefix';
	if (/[^\w.-]/.test(token)) return `has characters no bot token has (only letters, digits, ".", "_" and "-"): ${COPY_AGAIN}`;
	if (token.length < SHORTEST_TOKEN) return `is ${token.length} characters long, too short for a bot token (about 70): ${COPY_AGAIN}`;
	if (token.split('.').length !== 3) return `is not a bot token (three parts joined by "."): ${COPY_AGAIN}`;
	return null;
}
const discordToken = z.string().check((ctx) => {
	const fault = tokenFault(ctx.value);
	if (fault) ctx.issues.push({ code: 'custom', message: fault, input: ctx.value });
});
/** `groups/<id>` or `users/<id>`, as the Web API's paths name a library; a leading or trailing slash is dropped. */
const zoteroLibrary = z
	.string()
	.transform((text) => text.replace(/^\/+|\/+$/g, ''))
	.pipe(
		z
			.string()
			.regex(
				/^(groups|users)\/\d+$/,
				"must be groups/<id> or users/<id>, e.g. groups/123456 (a group's id is in its zotero.org address; your user id is at zotero.org/settings/keys)",
			),
	);
/** Zotero's API keys are 24 letters and digits; the message never repeats the value, as it is a secret. */
const zoteroApiKey = z
	.string()
	.regex(/^[A-Za-z0-9]{24}$/, 'must be a Zotero API key, 24 letters and digits (create one at zotero.org/settings/keys)');
/** Collection keys or names, comma-separated (names may hold spaces); blank reads every collection. */
const zoteroCollections = z.string().transform((text) =>
	text
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean),
);
const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((value) => ['on', 'true', '1'].includes(value));

/** Every setting paperbot reads from the environment (and `.env`), with its default. */
export const envSchema = z.object({
	/** Bot token; without it `npm start` opens the local console instead of connecting. */
	DISCORD_TOKEN: discordToken.optional(),
	/** Register commands on this guild (instant) instead of globally; also the one-lab guild. */
	DISCORD_GUILD_ID: snowflake.optional(),
	/** Discord REST base without the version; the gateway address is read from its /gateway/bot. */
	DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
	/** A corpus file or a folder of corpus files. */
	CORPUS_PATH: z.string().default('data/'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** The SQLite file holding schedules and the post log. */
	STATE_PATH: z.string().default('state/paperbot.db'),
	/** Channel for the paper of the day in the DISCORD_GUILD_ID guild. */
	POTD_CHANNEL_ID: snowflake.optional(),
	POTD_TIME: timeOfDaySetting.default(DEFAULT_SETTINGS.potd_time),
	TIMEZONE: timezoneSetting.default(DEFAULT_SETTINGS.timezone),
	/** After downtime spanning the posting time, post today's paper when back. */
	POTD_CATCH_UP: onOff.default(true),
	DIGEST_CHANNEL_ID: snowflake.optional(),
	/** Cron pattern in TIMEZONE; default Mondays 09:00. */
	DIGEST_SCHEDULE: cronSetting.default(DEFAULT_SETTINGS.digest_cron),
	/** `note` posts a short note when a digest has nothing new; `skip` posts nothing. */
	DIGEST_EMPTY: z.enum(['skip', 'note']).default('skip'),
	/** The arXiv Atom query endpoint. */
	ARXIV_API_URL: httpUrl.default('https://export.arxiv.org/api/query'),
	/** Members with this role may add papers, beside those with Manage Server. */
	CURATOR_ROLE_ID: snowflake.optional(),
	/** Whom the library's services (Crossref, OpenAlex) may contact: sent as `mailto=` and in the User-Agent; Crossref's polite pool needs it. */
	CONTACT_EMAIL: z.email({ error: 'must be an email address, e.g. lab@example.org' }).optional(),
	/** Crossref's REST API, where papers added by DOI get their metadata. */
	CROSSREF_API_URL: httpUrl.default('https://api.crossref.org'),
	/** OpenAlex's API, asked for the abstract Crossref lacks. */
	OPENALEX_API_URL: httpUrl.default('https://api.openalex.org'),
	/** OpenAlex's free API key, sent as `api_key=`; a secret, never logged. */
	OPENALEX_API_KEY: z
		.string()
		.regex(/^[\w.-]+$/, 'must be the key alone: letters, digits, "_", "." and "-", no spaces')
		.optional(),
	/** Channel for the arXiv feed in the DISCORD_GUILD_ID guild. */
	ARXIV_FEED_CHANNEL_ID: snowflake.optional(),
	/** arXiv categories the feed reads, space- or comma-separated, e.g. `cs.NE q-bio.NC`. */
	ARXIV_FEED_CATEGORIES: categoriesSetting.optional(),
	/** Local time (TIMEZONE) of the first look at the feed each day. */
	ARXIV_FEED_TIME: timeOfDaySetting.default('09:00'),
	/** Most papers per feed post. */
	ARXIV_FEED_MAX: feedMaxSetting.default(10),
	/** Include cross-listed papers. */
	ARXIV_FEED_CROSS: onOff.default(true),
	/** arXiv's announcement feed; categories are appended as `/<cat>+<cat>`. */
	ARXIV_FEED_URL: httpUrl.default('https://rss.arxiv.org/atom'),
	/** Seconds between requests to ARXIV_API_URL and ARXIV_FEED_URL; less only for a mirror, never for arXiv itself. */
	ARXIV_REQUEST_INTERVAL: z.coerce
		.number({ error: 'must be a number of seconds' })
		.min(0, 'must be 0 or more seconds')
		.default(ARXIV_MIN_INTERVAL_SECONDS),
	/** Corpus papers checked against arXiv for a new version, journal reference or DOI each announcement day (0 turns the check off). */
	ARXIV_CHECKS_PER_DAY: z.coerce
		.number({ error: 'must be a whole number of papers' })
		.int('must be a whole number of papers')
		.min(0, 'must be 0 or more papers')
		.max(30_000, 'must be at most 30000 papers')
		.default(2000),
	/** Channel for the reading group's polls and picks in the DISCORD_GUILD_ID guild. */
	READING_CHANNEL_ID: snowflake.optional(),
	/** Cron pattern of the reading polls in TIMEZONE; default Mondays 10:00. */
	READING_SCHEDULE: cronSetting.default(DEFAULT_READING_CRON),
	/** Hours each reading poll stays open (1–768). */
	READING_POLL_HOURS: readingHoursSetting.default(DEFAULT_READING_HOURS),
	/** The Zotero library to keep in sync with `zotero.jsonl`: `groups/<id>` or `users/<id>`; no sync when unset. */
	ZOTERO_LIBRARY: zoteroLibrary.optional(),
	/** A key that may read ZOTERO_LIBRARY; a public group library needs none. A secret: never logged or shown. */
	ZOTERO_API_KEY: zoteroApiKey.optional(),
	/** Collection keys or names to read, comma-separated; every item of the library when unset. */
	ZOTERO_COLLECTIONS: zoteroCollections.optional(),
	/** Cron pattern of the Zotero sync in TIMEZONE; default hourly. */
	ZOTERO_SYNC: cronSetting.default(DEFAULT_ZOTERO_SYNC_CRON),
	/** The Zotero Web API (v3). */
	ZOTERO_API_URL: httpUrl.default('https://api.zotero.org'),
	/** The lab's authors, separated by `;`: a corpus paper by any of them is one of the lab's own. */
	LAB_AUTHORS: labAuthorsSetting.optional(),
	/** Channel for citation alerts in the DISCORD_GUILD_ID guild. */
	CITATIONS_CHANNEL_ID: snowflake.optional(),
	/** Local time (TIMEZONE) of the daily look for new citations; default ARXIV_FEED_TIME. */
	CITATIONS_TIME: timeOfDaySetting.optional(),
});

const isArxivHost = (url: string) => /(^|\.)arxiv\.org$/.test(new URL(url).hostname);

type EnvValues = z.infer<typeof envSchema>;

/**
 * Settings that are each fine alone but not together: the feed's channel needs its guild and
 * categories, and arXiv itself is never asked more often than its terms allow. Read from the
 * variables that parsed, so these are named in the same pass as any bad variable; a pair with a
 * bad member is left to that member's own line.
 */
function combinationProblems(env: Partial<EnvValues>, bad: ReadonlySet<string>): string[] {
	const feed = env.ARXIV_FEED_CHANNEL_ID
		? [
				env.DISCORD_GUILD_ID || bad.has('DISCORD_GUILD_ID')
					? null
					: '  ARXIV_FEED_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in',
				env.ARXIV_FEED_CATEGORIES?.length || bad.has('ARXIV_FEED_CATEGORIES')
					? null
					: '  ARXIV_FEED_CHANNEL_ID: needs ARXIV_FEED_CATEGORIES, e.g. "cs.NE q-bio.NC"',
			]
		: [];
	const urls = [env.ARXIV_API_URL, env.ARXIV_FEED_URL];
	const tooFast =
		env.ARXIV_REQUEST_INTERVAL !== undefined &&
		env.ARXIV_REQUEST_INTERVAL < ARXIV_MIN_INTERVAL_SECONDS &&
		urls.some((url) => url !== undefined && isArxivHost(url))
			? `  ARXIV_REQUEST_INTERVAL: arXiv's terms ask for at least ${ARXIV_MIN_INTERVAL_SECONDS} seconds between requests; a shorter interval is only for a mirror set in ARXIV_API_URL and ARXIV_FEED_URL`
			: null;
	const zotero = env.ZOTERO_LIBRARY || bad.has('ZOTERO_LIBRARY') ? [] : zoteroWithoutLibrary(env);
	return [...feed, tooFast, ...zotero].filter((line): line is string => line !== null);
}

/** Zotero settings that would be ignored without the library they are for. */
function zoteroWithoutLibrary(env: Partial<EnvValues>): string[] {
	return (['ZOTERO_API_KEY', 'ZOTERO_COLLECTIONS'] as const)
		.filter((name) => env[name] !== undefined)
		.map((name) => `  ${name}: needs ZOTERO_LIBRARY, the library to sync (groups/<id> or users/<id>)`);
}

export type Env = Readonly<EnvValues>;

export class EnvError extends Error {
	override name = 'EnvError';
}

/**
 * Checks the environment once. Blank `X=` lines count as unset, because `.env.example` is copied
 * with its values left empty. Throws an EnvError naming every bad variable (never its value:
 * it may be a secret).
 */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
	const present = Object.fromEntries(
		Object.keys(envSchema.shape)
			.map((name) => [name, source[name]?.trim()])
			.filter(([, value]) => value !== undefined && value !== ''),
	);
	// Each variable is checked alone, so one pass names every bad variable and every bad pair among the rest.
	const values: Partial<Record<string, unknown>> = {};
	const bad = new Set<string>();
	const lines: string[] = [];
	for (const [name, schema] of Object.entries(envSchema.shape)) {
		const result = schema.safeParse(present[name]);
		if (result.success) values[name] = result.data;
		else {
			bad.add(name);
			lines.push(...result.error.issues.map((issue) => `  ${[name, ...issue.path].join('.')}: ${issue.message}`));
		}
	}
	lines.push(...channelsWithoutGuild(present), ...combinationProblems(values as Partial<EnvValues>, bad));
	if (lines.length > 0) throw new EnvError(`paperbot: bad configuration:\n${lines.join('\n')}`);
	return Object.freeze(values as EnvValues);
}

/** Checked on the raw values, beside any bad variable: without DISCORD_GUILD_ID these channels would be ignored, so they are refused. */
function channelsWithoutGuild(present: Record<string, unknown>): string[] {
	if (present.DISCORD_GUILD_ID !== undefined) return [];
	return ['POTD_CHANNEL_ID', 'DIGEST_CHANNEL_ID', 'READING_CHANNEL_ID', 'CITATIONS_CHANNEL_ID']
		.filter((name) => present[name] !== undefined)
		.map((name) => `  ${name}: needs DISCORD_GUILD_ID, the guild the channel is in; set DISCORD_GUILD_ID too, or leave ${name} blank`);
}

/** The schedule's settings before a guild saves its own: the environment's channels for DISCORD_GUILD_ID, its times for every guild. */
export function scheduleDefaults(env: Env): ScheduleDefaults {
	return {
		configuredGuildId: env.DISCORD_GUILD_ID,
		catchUp: env.POTD_CATCH_UP,
		postEmptyDigest: env.DIGEST_EMPTY === 'note',
		settingsFor(guildId) {
			const configured = env.DISCORD_GUILD_ID === guildId;
			return checkGuildSettings({
				guild_id: guildId,
				potd_channel_id: configured ? (env.POTD_CHANNEL_ID ?? null) : null,
				potd_time: env.POTD_TIME,
				timezone: env.TIMEZONE,
				potd_thread: DEFAULT_SETTINGS.potd_thread,
				digest_channel_id: configured ? (env.DIGEST_CHANNEL_ID ?? null) : null,
				digest_cron: env.DIGEST_SCHEDULE,
				feed_channel_id: configured ? (env.ARXIV_FEED_CHANNEL_ID ?? null) : null,
				feed_categories: configured ? (env.ARXIV_FEED_CATEGORIES ?? []) : [],
				feed_time: env.ARXIV_FEED_TIME,
				feed_max: env.ARXIV_FEED_MAX,
				feed_cross: env.ARXIV_FEED_CROSS,
				reading_channel_id: configured ? (env.READING_CHANNEL_ID ?? null) : null,
				reading_cron: env.READING_SCHEDULE,
				reading_hours: env.READING_POLL_HOURS,
				citations_channel_id: configured ? (env.CITATIONS_CHANNEL_ID ?? null) : null,
				citations_time: env.CITATIONS_TIME ?? env.ARXIV_FEED_TIME,
			});
		},
	};
}

/** Where papers added by DOI are looked up, and whom the services may contact. */
export function doiLookupOptions(env: Env, version: string): DoiLookupOptions {
	return {
		version,
		contactEmail: env.CONTACT_EMAIL,
		crossrefUrl: env.CROSSREF_API_URL,
		openAlexUrl: env.OPENALEX_API_URL,
		openAlexKey: env.OPENALEX_API_KEY,
	};
}

/** A server's settings in force, as the schedule reads them: saved ones, else the environment's. */
export function settingsOver(state: State, env: Env): (guildId: string) => GuildSettings {
	const defaults = scheduleDefaults(env);
	return (guildId) => getGuildSettings(state, guildId) ?? defaults.settingsFor(guildId);
}

/** The Zotero sync's settings, or null when ZOTERO_LIBRARY is unset (no sync). */
export function zoteroSettings(env: Env): ZoteroSettings | null {
	if (!env.ZOTERO_LIBRARY) return null;
	return {
		library: env.ZOTERO_LIBRARY,
		collections: env.ZOTERO_COLLECTIONS ?? [],
		cron: env.ZOTERO_SYNC,
		timezone: env.TIMEZONE,
		apiUrl: env.ZOTERO_API_URL,
		...(env.ZOTERO_API_KEY ? { apiKey: env.ZOTERO_API_KEY } : {}),
	};
}
