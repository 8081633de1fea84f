import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, startBotProcess, type BotProcess } from './bot-process.js';
import { startDiscordStandin, type OptionValue, type Standin } from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const SEND_MESSAGES = (1n << 11n).toString();
const CREATE_PUBLIC_THREADS = (1n << 35n).toString();
const TIMEZONE = 'Europe/London';

/** `/paperbot <path…> options` as an admin sends it; the stand-in types the options from the registered command. */
function paperbot(path: string[], options: Record<string, OptionValue> = {}) {
	const values = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'boolean' ? 5 : 3, value }));
	const nested = path.reduceRight<unknown[]>(
		(inner, part, index) => [{ name: part, type: index === 0 && path.length === 2 ? 2 : 1, options: inner }],
		values,
	);
	return { type: 2 as const, data: { name: 'paperbot', type: 1, options: nested }, permissions: ADMIN_PERMISSIONS };
}

/** `2024-03-10 09:00`: a time as read on a clock in `timezone`. */
function localClock(at: Date, timezone: string): { date: string; time: string } {
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
	return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

const field = (answer: APIMessage, name: string) =>
	(answer.embeds[0] as APIEmbed | undefined)?.fields?.find((candidate) => candidate.name === name)?.value ?? '';

describe('/paperbot admin commands through the real bot', () => {
	let folder: string;
	let standin: Standin;
	let bot: BotProcess;
	let potdChannelId: string;
	let digestChannelId: string;
	// Two hours ahead in London: far enough that nothing is posted while the file runs.
	const potdAt = localClock(new Date(Date.now() + 2 * 3_600_000), TIMEZONE);

	async function ask(path: string[], options: Record<string, OptionValue> = {}): Promise<APIMessage> {
		const { waitForAnswer } = await standin.sendInteraction(paperbot(path, options));
		return waitForAnswer();
	}

	function postLog(): unknown[] {
		const db = new Database(join(folder, 'paperbot.db'), { readonly: true });
		try {
			return db.prepare('SELECT kind, slot, status FROM post_log').all();
		} finally {
			db.close();
		}
	}

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-admin-'));
		standin = await startDiscordStandin();
		bot = await startBotProcess(standin, { corpusPath: await copyCorpus(folder), stateDir: folder });
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		potdChannelId = standin.addTextChannel('paper-of-the-day').id;
		digestChannelId = standin.addTextChannel('digests').id;
	}, 30_000);

	afterAll(async () => {
		if (bot?.isAlive()) await bot.stop();
		await standin?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	describe('/paperbot potd', () => {
		it('saves the channel, time and time zone privately, and status shows them with the next local time and no problems', async () => {
			const saved = await ask(['potd'], { channel: potdChannelId, time: potdAt.time, timezone: TIMEZONE, thread: true });
			expect(saved.flags).toBe(64);
			expect(saved.content).toContain(`Paper of the day: <#${potdChannelId}> at ${potdAt.time} ${TIMEZONE}, with a discussion thread.`);

			const status = await ask(['status']);
			expect(status.flags).toBe(64);
			expect(field(status, 'Paper of the day')).toContain(`<#${potdChannelId}> at ${potdAt.time}, with a thread`);
			expect(field(status, 'Paper of the day')).toContain(`Next: ${potdAt.date} ${potdAt.time} (${TIMEZONE})`);
			expect(field(status, 'Problems')).toBe('none');
		});

		it('refuses a channel whose overwrites deny the bot Send Messages, and saves nothing', async () => {
			const before = await ask(['status']);
			const closed = standin.addTextChannel('announcements-only', [{ id: standin.botUser.id, type: 1, allow: '0', deny: SEND_MESSAGES }]);
			const refused = await ask(['potd'], { channel: closed.id, time: '07:30', timezone: TIMEZONE });
			expect(refused.flags).toBe(64);
			expect(refused.content).toBe(
				`Paper of the day: paperbot lacks *Send Messages* (nothing is posted there) in <#${closed.id}>; give it *Send Messages* there, or pick another channel.\nNothing was saved.`,
			);
			expect((await ask(['status'])).embeds).toEqual(before.embeds);
		});

		it('accepts a channel where the bot may post but not start threads, warning that posts go out without one and how to fix it', async () => {
			const noThreads = standin.addTextChannel('no-threads', [
				{ id: standin.botUser.id, type: 1, allow: '0', deny: CREATE_PUBLIC_THREADS },
			]);
			const lacks = `paperbot lacks *Create Public Threads* (posts go out without a thread) in <#${noThreads.id}>; give it *Create Public Threads* there (or turn threads off with \`thread:false\`).`;
			const accepted = await ask(['potd'], { channel: noThreads.id, time: potdAt.time, timezone: TIMEZONE, thread: true });
			const [saved, warning] = accepted.content.split('\n');
			expect(saved).toContain(`Paper of the day: <#${noThreads.id}> at ${potdAt.time} ${TIMEZONE}, with a discussion thread.`);
			expect(warning).toBe(`Warning: ${lacks}`);
			expect(field(await ask(['status']), 'Problems')).toBe(`• Paper of the day: ${lacks}`);
			const withoutThreads = await ask(['potd'], { channel: noThreads.id, time: potdAt.time, timezone: TIMEZONE, thread: false });
			expect(withoutThreads.content).not.toContain('Warning');
			expect(field(await ask(['status']), 'Problems')).toBe('none');
			await ask(['potd'], { channel: potdChannelId, time: potdAt.time, timezone: TIMEZONE, thread: true });
		});

		it('refuses an unknown time zone with the expected form, and saves nothing', async () => {
			const before = await ask(['status']);
			const refused = await ask(['potd'], { channel: potdChannelId, time: '07:30', timezone: 'Mars/Olympus' });
			expect(refused.flags).toBe(64);
			expect(refused.content).toBe(
				'timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one\nNothing was saved.',
			);
			expect((await ask(['status'])).embeds).toEqual(before.embeds);
		});

		it('refuses a channel id that is not in the server, and saves nothing', async () => {
			const before = await ask(['status']);
			const refused = await ask(['potd'], { channel: '123456789012345678', time: '07:30', timezone: TIMEZONE });
			expect(refused.flags).toBe(64);
			expect(refused.content).toContain('paperbot cannot see a text channel <#123456789012345678> in this server');
			expect(refused.content).toContain('Nothing was saved.');
			expect((await ask(['status'])).embeds).toEqual(before.embeds);
		});
	});

	describe('/potd and /paperbot post kind:potd', () => {
		it("show the same paper privately, and the preview posts nothing and leaves today's slot free", async () => {
			const { waitForAnswer } = await standin.sendInteraction({ type: 2, data: { name: 'potd', type: 1 } });
			const today = await waitForAnswer();
			expect(today.flags).toBe(64);
			const title = today.embeds[0]?.title;
			expect(title).toBeTruthy();

			const preview = await ask(['post'], { kind: 'potd' });
			expect(preview.flags).toBe(64);
			expect(preview.content).toContain('Preview only: not posted, and the slot stays free.');
			expect(preview.embeds[0]?.title).toBe(title);
			expect(preview.embeds[0]?.author?.name).toBe('Paper of the day');

			expect(standin.messages(potdChannelId)).toEqual([]);
			expect(standin.threads()).toEqual([]);
			expect(postLog()).toEqual([]);
			expect(field(await ask(['status']), 'Last posts')).toBe('none');
		});
	});

	describe('/paperbot digest', () => {
		it('saves a channel and a cron schedule, and status shows the next digest in the server time zone', async () => {
			const saved = await ask(['digest'], { channel: digestChannelId, schedule: '0 9 * * 1' });
			expect(saved.flags).toBe(64);
			expect(saved.content).toContain(`Digests: <#${digestChannelId}> on \`0 9 * * 1\` (${TIMEZONE}).`);
			const digest = field(await ask(['status']), 'Digest');
			expect(digest).toContain(`<#${digestChannelId}> on \`0 9 * * 1\``);
			expect(digest).toMatch(new RegExp(`Next: \\d{4}-\\d\\d-\\d\\d 09:00 \\(${TIMEZONE}\\)`));
		});

		it('answers a broken cron privately with the expected form, and saves nothing', async () => {
			const before = await ask(['status']);
			const refused = await ask(['digest'], { channel: digestChannelId, schedule: 'not a cron' });
			expect(refused.flags).toBe(64);
			expect(refused.content).toBe(
				'schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1" (Mondays 09:00); "not a cron" is not one\nNothing was saved.',
			);
			expect((await ask(['status'])).embeds).toEqual(before.embeds);
		});
	});

	describe('/paperbot topic', () => {
		it('adds a topic, lists it, and removes it', async () => {
			expect((await ask(['topic', 'add'], { query: 'spiking' })).content).toBe('Topic `spiking` saved.');
			expect((await ask(['topic', 'list'])).content).toBe('Digest topics:\n• `spiking`');
			expect((await ask(['topic', 'remove'], { query: 'spiking' })).content).toBe('Topic `spiking` removed.');
			expect((await ask(['topic', 'list'])).content).toBe('No digest topics yet; add one with `/paperbot topic add query:<words>`.');
		});
	});

	describe('/paperbot status', () => {
		it('lists a saved channel that the bot can no longer post in under problems', async () => {
			standin.setPermissionOverwrites(potdChannelId, [{ id: standin.guildId, type: 0, allow: '0', deny: SEND_MESSAGES }]);
			const problems = field(await ask(['status']), 'Problems');
			expect(problems).toContain(
				`Paper of the day: paperbot lacks *Send Messages* (nothing is posted there) in <#${potdChannelId}>; give it *Send Messages* there, or pick another channel.`,
			);
			expect(problems).not.toContain('Digest:');
		});
	});
});
