import { getCitationCheck } from '../store/citation-log.js';
import { openPostLog } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';
import { checkCitations, type CitationCheckContext, type CitationSchedulerOptions } from './citation-check.js';
import { THIS_PROCESS } from './claims.js';
import type { SchedulerLog } from './slot-runner.js';
import { guildLookScheduler, type GuildLookScheduler } from './guild-looks.js';
import { createTimers, type Timers } from './timers.js';
import { latestRunToday, nextPotdTime, potdPattern } from './time.js';

export type { Citation, CitationSchedulerOptions } from './citation-check.js';

export type CitationScheduler = GuildLookScheduler;

interface CitationLooks {
	context: CitationCheckContext;
	guilds: Map<string, GuildSettings>;
	timers: Timers;
	running: Map<string, Promise<void>>;
}

const DEFAULT_RETRY_DELAYS_MS = [300_000, 900_000, 3_600_000];
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };

/**
 * Citation alerts' scheduler: once a day at each guild's citations time it looks for works newly
 * citing the lab's papers (see checkCitations); a failed look is retried with backoff until the
 * next citations time, and a restart after the time looks once more only if that day's look did not
 * go through.
 */
export function createCitationScheduler(options: CitationSchedulerOptions): CitationScheduler {
	const now = options.now ?? (() => new Date());
	const running = new Map<string, Promise<void>>();
	const context: CitationCheckContext = {
		...options,
		now,
		posts: openPostLog(options.state),
		retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
		claimant: options.claimant ?? THIS_PROCESS,
		log: options.log ?? SILENT_LOG,
		isChecking: (guildId) => running.has(guildId),
	};
	const looks: CitationLooks = { context, guilds: new Map(), timers: createTimers(now), running };
	return guildLookScheduler((guild) => arm(looks, guild), looks.timers, running);
}

function arm(looks: CitationLooks, guild: GuildSettings): Promise<void> {
	looks.guilds.set(guild.guild_id, guild);
	looks.timers.clear(guild.guild_id);
	if (!guild.citations_channel_id) return Promise.resolve();
	const due = firstCheckTime(looks, guild);
	if (due === 'now') return runCheck(looks, guild.guild_id);
	checkAt(looks, guild.guild_id, due);
	return Promise.resolve();
}

/** 'now' when today's citations time has passed and no look since then set a later one; else when to look. */
function firstCheckTime({ context }: CitationLooks, guild: GuildSettings): Date | 'now' {
	const now = context.now();
	const windowStart = latestRunToday(potdPattern(guild.citations_time), guild.timezone, now);
	if (windowStart === null) return nextPotdTime(guild.citations_time, guild.timezone, now);
	const last = getCitationCheck(context.state, guild.guild_id);
	const due = last?.next_check ? new Date(last.next_check) : null;
	if (last && due && due > now && new Date(last.checked_at) >= windowStart) return due;
	return 'now';
}

function checkAt(looks: CitationLooks, guildId: string, at: Date): void {
	looks.timers.clear(guildId);
	looks.timers.later(guildId, at, () => void runCheck(looks, guildId));
}

/** Looks for the guild's new citations, never twice at once, and arms the look after; never throws. */
function runCheck(looks: CitationLooks, guildId: string): Promise<void> {
	const current = looks.running.get(guildId);
	if (current) return current;
	const run = (async () => {
		const guild = looks.guilds.get(guildId);
		if (!guild?.citations_channel_id) return;
		checkAt(looks, guildId, await checkCitations(looks.context, guild));
	})()
		.catch((error: unknown) =>
			looks.context.log.error({ guild: guildId, kind: 'citation', error: String(error) }, 'citations: look failed unexpectedly'),
		)
		.finally(() => looks.running.delete(guildId));
	looks.running.set(guildId, run);
	return run;
}
