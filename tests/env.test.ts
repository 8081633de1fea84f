import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, scheduleDefaults } from '../src/env.js';

const TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nzg.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('parseEnv', () => {
	it('gives every default when nothing is set', () => {
		expect(parseEnv({})).toEqual({
			DISCORD_API_URL: 'https://discord.com/api',
			CORPUS_PATH: 'data/',
			LOG_LEVEL: 'info',
			STATE_PATH: 'state/paperbot.db',
			POTD_TIME: '09:00',
			TIMEZONE: 'UTC',
			POTD_CATCH_UP: true,
			DIGEST_SCHEDULE: '0 9 * * 1',
			DIGEST_EMPTY: 'skip',
			ARXIV_API_URL: 'https://export.arxiv.org/api/query',
			CROSSREF_API_URL: 'https://api.crossref.org',
			OPENALEX_API_URL: 'https://api.openalex.org',
			ARXIV_FEED_TIME: '09:00',
			ARXIV_FEED_MAX: 10,
			ARXIV_FEED_CROSS: true,
			ARXIV_FEED_URL: 'https://rss.arxiv.org/atom',
			ARXIV_REQUEST_INTERVAL: 3,
			ARXIV_CHECKS_PER_DAY: 2000,
			READING_SCHEDULE: '0 10 * * 1',
			READING_POLL_HOURS: 24,
			ZOTERO_SYNC: '0 * * * *',
			ZOTERO_API_URL: 'https://api.zotero.org',
		});
	});

	it('reads the Zotero settings, and names a bad one without repeating the key', () => {
		const key = 'AbCdEf0123456789GhIjKlMn';
		expect(
			parseEnv({
				ZOTERO_LIBRARY: '/groups/4242/',
				ZOTERO_API_KEY: key,
				ZOTERO_COLLECTIONS: 'Reading group, ABCD2345,',
				ZOTERO_SYNC: '30 */2 * * *',
			}),
		).toMatchObject({
			ZOTERO_LIBRARY: 'groups/4242',
			ZOTERO_API_KEY: key,
			ZOTERO_COLLECTIONS: ['Reading group', 'ABCD2345'],
			ZOTERO_SYNC: '30 */2 * * *',
		});
		expect(parseEnv({ ZOTERO_LIBRARY: 'users/17' }).ZOTERO_COLLECTIONS).toBeUndefined();
		const badKey = `${key} with words`;
		const refused = (() => {
			try {
				parseEnv({ ZOTERO_LIBRARY: 'groups/lab', ZOTERO_API_KEY: badKey, ZOTERO_API_URL: 'api.zotero.org', ZOTERO_SYNC: 'hourly' });
			} catch (error) {
				return error as Error;
			}
		})();
		expect(refused).toEqual(
			new EnvError(
				'paperbot: bad configuration:\n' +
					"  ZOTERO_LIBRARY: must be groups/<id> or users/<id>, e.g. groups/123456 (a group's id is in its zotero.org address; your user id is at zotero.org/settings/keys)\n" +
					'  ZOTERO_API_KEY: must be a Zotero API key, 24 letters and digits (create one at zotero.org/settings/keys)\n' +
					'  ZOTERO_SYNC: schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1" (Mondays 09:00); "hourly" is not one\n' +
					'  ZOTERO_API_URL: must be an http(s) URL',
			),
		);
		expect(refused?.message).not.toContain(key);
	});

	it('refuses a Zotero key or collections without the library they are for', () => {
		expect(() => parseEnv({ ZOTERO_API_KEY: 'AbCdEf0123456789GhIjKlMn', ZOTERO_COLLECTIONS: 'Reading group' })).toThrow(
			new EnvError(
				'paperbot: bad configuration:\n' +
					'  ZOTERO_API_KEY: needs ZOTERO_LIBRARY, the library to sync (groups/<id> or users/<id>)\n' +
					'  ZOTERO_COLLECTIONS: needs ZOTERO_LIBRARY, the library to sync (groups/<id> or users/<id>)',
			),
		);
	});

	it('reads the reading-group settings, and names a bad one or a channel without its guild', () => {
		const guild = '123456789012345678';
		expect(parseEnv({ DISCORD_GUILD_ID: guild, READING_CHANNEL_ID: '223456789012345678', READING_POLL_HOURS: '48' })).toMatchObject({
			READING_CHANNEL_ID: '223456789012345678',
			READING_POLL_HOURS: 48,
		});
		expect(() => parseEnv({ READING_CHANNEL_ID: '223456789012345678', READING_POLL_HOURS: '800', READING_SCHEDULE: 'weekly' })).toThrow(
			new EnvError(
				'paperbot: bad configuration:\n' +
					'  READING_SCHEDULE: schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1" (Mondays 09:00); "weekly" is not one\n' +
					'  READING_POLL_HOURS: hours must be a whole number from 1 to 768 (32 days), e.g. 24\n' +
					'  READING_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in; set DISCORD_GUILD_ID too, or leave READING_CHANNEL_ID blank',
			),
		);
	});

	it("reads the lab's authors and the citation alerts' settings, and names a bad one", () => {
		const guild = '123456789012345678';
		expect(
			parseEnv({
				DISCORD_GUILD_ID: guild,
				LAB_AUTHORS: ' Yi Zeng ;; Dongcheng  Zhao; Yi Zeng ',
				CITATIONS_CHANNEL_ID: '223456789012345678',
				OPENALEX_API_KEY: 'k-123',
				CONTACT_EMAIL: 'lab@example.org',
				OPENALEX_API_URL: 'http://127.0.0.1:9/',
			}),
		).toMatchObject({
			LAB_AUTHORS: ['Yi Zeng', 'Dongcheng Zhao'],
			CITATIONS_CHANNEL_ID: '223456789012345678',
			OPENALEX_API_KEY: 'k-123',
			CONTACT_EMAIL: 'lab@example.org',
			OPENALEX_API_URL: 'http://127.0.0.1:9',
		});
		// The citations time follows the feed's first look unless set.
		const defaults = (variables: Record<string, string>) =>
			scheduleDefaults(parseEnv({ DISCORD_GUILD_ID: guild, ...variables })).settingsFor(guild);
		expect(defaults({ ARXIV_FEED_TIME: '07:30' }).citations_time).toBe('07:30');
		expect(defaults({ ARXIV_FEED_TIME: '07:30', CITATIONS_TIME: '6:05' }).citations_time).toBe('06:05');
		expect(() =>
			parseEnv({
				CITATIONS_CHANNEL_ID: '223456789012345678',
				CONTACT_EMAIL: 'lab at example',
				CITATIONS_TIME: 'noon',
				OPENALEX_API_KEY: 'k-123',
			}),
		).toThrow(
			new EnvError(
				'paperbot: bad configuration:\n' +
					'  CONTACT_EMAIL: must be an email address, e.g. lab@example.org\n' +
					'  CITATIONS_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "noon" is not one\n' +
					'  CITATIONS_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in; set DISCORD_GUILD_ID too, or leave CITATIONS_CHANNEL_ID blank',
			),
		);
	});

	it('never asks arXiv itself more often than every 3 seconds, but lets a mirror be asked sooner', () => {
		const tooFast =
			"  ARXIV_REQUEST_INTERVAL: arXiv's terms ask for at least 3 seconds between requests; a shorter interval is only for a mirror set in ARXIV_API_URL and ARXIV_FEED_URL";
		expect(() => parseEnv({ ARXIV_REQUEST_INTERVAL: '1' })).toThrow(new EnvError(`paperbot: bad configuration:\n${tooFast}`));
		expect(() => parseEnv({ ARXIV_REQUEST_INTERVAL: '0', ARXIV_API_URL: 'http://127.0.0.1:9/api/query' })).toThrow(
			new EnvError(`paperbot: bad configuration:\n${tooFast}`),
		);
		expect(() => parseEnv({ ARXIV_REQUEST_INTERVAL: 'soon', ARXIV_FEED_URL: 'http://127.0.0.1:9/atom' })).toThrow(
			new EnvError('paperbot: bad configuration:\n  ARXIV_REQUEST_INTERVAL: must be a number of seconds'),
		);
		const mirror = { ARXIV_API_URL: 'http://127.0.0.1:9/api/query', ARXIV_FEED_URL: 'http://127.0.0.1:9/atom' };
		expect(parseEnv({ ...mirror, ARXIV_REQUEST_INTERVAL: '0.5' }).ARXIV_REQUEST_INTERVAL).toBe(0.5);
		expect(parseEnv({ ARXIV_REQUEST_INTERVAL: '10' }).ARXIV_REQUEST_INTERVAL).toBe(10);
	});

	it('reads the feed settings: categories space- or comma-separated, max as a number', () => {
		const env = parseEnv({
			DISCORD_GUILD_ID: '123456789012345678',
			ARXIV_FEED_CHANNEL_ID: '223456789012345678',
			ARXIV_FEED_CATEGORIES: 'cs.NE, q-bio.NC  cs.NE',
			ARXIV_FEED_MAX: '5',
			ARXIV_FEED_CROSS: 'off',
			ARXIV_FEED_URL: 'http://127.0.0.1:9/atom/',
		});
		expect(env).toMatchObject({
			ARXIV_FEED_CATEGORIES: ['cs.NE', 'q-bio.NC'],
			ARXIV_FEED_MAX: 5,
			ARXIV_FEED_CROSS: false,
			ARXIV_FEED_URL: 'http://127.0.0.1:9/atom',
		});
	});

	it('names bad feed settings, and a feed channel without its guild or categories', () => {
		expect(() => parseEnv({ ARXIV_FEED_CATEGORIES: 'cs.NE physics!', ARXIV_FEED_MAX: '0', ARXIV_FEED_TIME: '9am' })).toThrow(
			new EnvError(
				'paperbot: bad configuration:\n' +
					'  ARXIV_FEED_CATEGORIES: categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "physics!" is not one\n' +
					'  ARXIV_FEED_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "9am" is not one\n' +
					'  ARXIV_FEED_MAX: max must be a whole number from 1 to 25, e.g. 10',
			),
		);
		expect(() => parseEnv({ ARXIV_FEED_CHANNEL_ID: '223456789012345678' })).toThrow(
			new EnvError(
				'paperbot: bad configuration:\n' +
					'  ARXIV_FEED_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in\n' +
					'  ARXIV_FEED_CHANNEL_ID: needs ARXIV_FEED_CATEGORIES, e.g. "cs.NE q-bio.NC"',
			),
		);
	});

	it('treats blank lines copied from .env.example as unset', () => {
		const env = parseEnv({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '  ', CORPUS_PATH: '', TIMEZONE: '' });
		expect(env.DISCORD_TOKEN).toBeUndefined();
		expect(env.DISCORD_GUILD_ID).toBeUndefined();
		expect(env.CORPUS_PATH).toBe('data/');
	});

	it('accepts a full configuration and strips the trailing slash of URLs', () => {
		const env = parseEnv({
			DISCORD_TOKEN: TOKEN,
			DISCORD_GUILD_ID: '123456789012345678',
			DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
			TIMEZONE: 'Europe/London',
			POTD_CATCH_UP: 'off',
		});
		expect(env).toMatchObject({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: 'http://127.0.0.1:8080/api',
			TIMEZONE: 'Europe/London',
			POTD_CATCH_UP: false,
		});
	});

	it('is frozen', () => {
		expect(Object.isFrozen(parseEnv({}))).toBe(true);
	});

	it('names every bad variable at once, and never a value', () => {
		const secret = 'Bot not a token';
		let error: unknown;
		try {
			parseEnv({
				DISCORD_TOKEN: secret,
				DISCORD_GUILD_ID: 'abc',
				DISCORD_API_URL: 'ftp://x',
				LOG_LEVEL: 'loud',
				POTD_TIME: '25:00',
				TIMEZONE: 'Mars/Olympus',
				DIGEST_SCHEDULE: 'every monday',
				DIGEST_EMPTY: 'maybe',
			});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(EnvError);
		const message = (error as Error).message;
		for (const name of [
			'DISCORD_TOKEN',
			'DISCORD_GUILD_ID',
			'DISCORD_API_URL',
			'LOG_LEVEL',
			'POTD_TIME',
			'TIMEZONE',
			'DIGEST_SCHEDULE',
			'DIGEST_EMPTY',
		]) {
			expect(message).toContain(`  ${name}: `);
		}
		expect(message).toContain('POTD_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00');
		expect(message).toContain('TIMEZONE: timezone must be an IANA time-zone name, e.g. "Europe/London"');
		expect(message).toContain(
			'DIGEST_SCHEDULE: schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1"',
		);
		expect(message).not.toContain(secret);
	});

	it('names a bad combination in the same pass as bad variables, and checks categories against arXiv', () => {
		expect(() =>
			parseEnv({
				POTD_TIME: '25:00',
				TIMEZONE: 'Mars/Olympus',
				ARXIV_FEED_MAX: '0',
				ARXIV_FEED_CATEGORIES: 'notacat cs.XX',
				ARXIV_REQUEST_INTERVAL: '0.5',
			}),
		).toThrow(
			new EnvError(
				[
					'paperbot: bad configuration:',
					'  POTD_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one',
					'  TIMEZONE: timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one',
					`  ARXIV_FEED_CATEGORIES: categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "notacat" is not one; "cs.XX" is not one (cs has ${'AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY'.replace(/\w+/g, 'cs.$&')})`,
					'  ARXIV_FEED_MAX: max must be a whole number from 1 to 25, e.g. 10',
					"  ARXIV_REQUEST_INTERVAL: arXiv's terms ask for at least 3 seconds between requests; a shorter interval is only for a mirror set in ARXIV_API_URL and ARXIV_FEED_URL",
				].join('\n'),
			),
		);
	});

	it('reads the library services: a contact address, their URLs and the OpenAlex key', () => {
		expect(
			parseEnv({
				CONTACT_EMAIL: 'lab@example.org',
				CROSSREF_API_URL: 'http://127.0.0.1:9/crossref/',
				OPENALEX_API_URL: 'http://127.0.0.1:9/openalex',
				OPENALEX_API_KEY: 'k3y-of_the.lab',
			}),
		).toMatchObject({
			CONTACT_EMAIL: 'lab@example.org',
			CROSSREF_API_URL: 'http://127.0.0.1:9/crossref',
			OPENALEX_API_URL: 'http://127.0.0.1:9/openalex',
			OPENALEX_API_KEY: 'k3y-of_the.lab',
		});
	});

	it('names bad library settings, and never repeats the OpenAlex key', () => {
		const key = 'secret key 12345';
		let error: unknown;
		try {
			parseEnv({ CONTACT_EMAIL: 'the lab', CROSSREF_API_URL: 'api.crossref.org', OPENALEX_API_URL: 'ftp://x', OPENALEX_API_KEY: key });
		} catch (caught) {
			error = caught;
		}
		expect(error).toEqual(
			new EnvError(
				[
					'paperbot: bad configuration:',
					'  CONTACT_EMAIL: must be an email address, e.g. lab@example.org',
					'  CROSSREF_API_URL: must be an http(s) URL',
					'  OPENALEX_API_URL: must be an http(s) URL',
					'  OPENALEX_API_KEY: must be the key alone: letters, digits, "_", "." and "-", no spaces',
				].join('\n'),
			),
		);
		expect((error as Error).message).not.toContain('secret');
	});

	it("reads categories in arXiv's spelling whatever their case", () => {
		expect(parseEnv({ ARXIV_FEED_CATEGORIES: 'cs.ne Q-BIO.NC physics.OPTICS math' }).ARXIV_FEED_CATEGORIES).toEqual([
			'cs.NE',
			'q-bio.NC',
			'physics.optics',
			'math',
		]);
	});

	it('accepts H:MM and stores it as HH:MM', () => {
		expect(parseEnv({ POTD_TIME: '9:00' }).POTD_TIME).toBe('09:00');
	});

	it('quotes a bad POTD_TIME, as it does a bad TIMEZONE', () => {
		expect(() => parseEnv({ POTD_TIME: '25:00' })).toThrow('  POTD_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one');
	});

	it.each([
		['a short token', 'abc.def.ghi', 'DISCORD_TOKEN: is 11 characters long, too short for a bot token (about 70)'],
		['a token with the Bot prefix', `Bot ${TOKEN}`, 'DISCORD_TOKEN: must be the token alone, with no spaces and no "Bot " prefix'],
		['a token with a stray character', `${TOKEN}!`, 'DISCORD_TOKEN: has characters no bot token has'],
		['a token that is not three parts', TOKEN.replace(/\./g, ''), 'DISCORD_TOKEN: is not a bot token (three parts joined by ".")'],
	])('tells %s its real fault, without repeating it', (_, token, message) => {
		let error: unknown;
		try {
			parseEnv({ DISCORD_TOKEN: token });
		} catch (caught) {
			error = caught;
		}
		expect((error as Error).message).toContain(message);
		expect((error as Error).message.split('\n')).toHaveLength(2);
		expect((error as Error).message).not.toContain(token.slice(4, 14));
	});

	it('refuses channel ids without DISCORD_GUILD_ID, naming both, beside other bad variables', () => {
		const channel = '123456789012345678';
		expect(() => parseEnv({ POTD_CHANNEL_ID: channel, DIGEST_CHANNEL_ID: channel, TIMEZONE: 'Mars/Olympus' })).toThrow(
			[
				'paperbot: bad configuration:',
				'  TIMEZONE: timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one',
				'  POTD_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in; set DISCORD_GUILD_ID too, or leave POTD_CHANNEL_ID blank',
				'  DIGEST_CHANNEL_ID: needs DISCORD_GUILD_ID, the guild the channel is in; set DISCORD_GUILD_ID too, or leave DIGEST_CHANNEL_ID blank',
			].join('\n'),
		);
		expect(parseEnv({ POTD_CHANNEL_ID: channel, DISCORD_GUILD_ID: channel }).POTD_CHANNEL_ID).toBe(channel);
	});
});
