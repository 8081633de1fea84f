import { createHash } from 'node:crypto';
import type { CitingWork } from '../library/openalex-citations.js';
import {
	type CitationPair,
	citationKey,
	getCitationCheck,
	knownCitations,
	recordCitationCheck,
	recordCitations,
} from '../store/citation-log.js';
import type { PostLog } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { DEFAULT_LEASE_MS, takeSlot } from './claims.js';
import type { SchedulerLog } from './slot-runner.js';
import { localDate, nextPotdTime } from './time.js';

/** A work citing lab papers, with the keys of the lab papers it cites. */
export interface Citation {
	work: CitingWork;
	cites: string[];
}

export interface CitationSchedulerOptions {
	state: State;
	/** The clock; every decision reads it. */
	now?: () => Date;
	/** The works citing the lab's papers published on or after `since` (`YYYY-MM-DD`; null for all). Throws when OpenAlex cannot be read. */
	find: (since: string | null) => Promise<Citation[]>;
	/** Posts one work's alert naming `cited` (lab paper keys), marked with `slot`; returns its message id. */
	sendAlert: (guild: GuildSettings, citation: Citation, slot: string) => Promise<string>;
	/** Posts the first look's one line: `pairs` earlier citations of `papers` lab papers recorded. */
	sendSummary: (guild: GuildSettings, counts: { pairs: number; papers: number }, slot: string) => Promise<string>;
	/** Looks through the channel for our post of this slot: its message id, or null. */
	reconcile: (guild: GuildSettings, slot: string) => Promise<string | null>;
	/** Waits before each retry of a failed look; the last repeats until the next citations time. */
	retryDelaysMs?: readonly number[];
	claimant?: string;
	log?: SchedulerLog;
}

/** What a look for new citations works with: the scheduler's options with their defaults. */
export interface CitationCheckContext extends Required<Omit<CitationSchedulerOptions, 'now'>> {
	now: () => Date;
	posts: PostLog;
	/** Whether this process is looking at the guild's citations now (its claims are then live). */
	isChecking(guildId: string): boolean;
}

/**
 * Days before today the daily look reaches back: OpenAlex lists a work weeks or months after its
 * publication date, and a citation already posted or recorded is never posted again.
 */
export const LOOKBACK_DAYS = 180;
/** The slot of the first look's summary: once per guild. */
export const EARLIER_SLOT = 'earlier';
const DAY_MS = 86_400_000;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Longest list of cited keys a slot spells out; a longer one is named by its digest, so the footer marker stays short. */
const SLOT_KEYS_MAX = 160;

/** The slot of one work's alert: the work and the lab papers it newly cites, so a pair is posted once. */
export function citationSlot(workId: string, cited: readonly string[]): string {
	const keys = [...cited].sort().join(' ');
	return `${workId} ${keys.length > SLOT_KEYS_MAX ? `#${createHash('sha256').update(keys).digest('hex').slice(0, 16)}` : keys}`;
}

/**
 * Looks once for the works newly citing the lab's papers and posts each once. The first look (no
 * summary posted yet) records every citation there is as known and posts one line; later looks
 * reach back {@link LOOKBACK_DAYS} and post one alert per work for the pairs not yet known. Each
 * post's slot is claimed in the post log, an interrupted one is looked for in the channel first,
 * and its pairs are recorded with its mark, so nothing is posted twice across restarts. Returns
 * when the next look is due.
 */
export async function checkCitations(context: CitationCheckContext, guild: GuildSettings): Promise<Date> {
	const { state, posts, now } = context;
	const next = nextPotdTime(guild.citations_time, guild.timezone, now());
	const first = posts.get(guild.guild_id, 'citation', EARLIER_SLOT)?.status !== 'sent';
	let citations: Citation[];
	try {
		citations = await context.find(first ? null : new Date(now().getTime() - LOOKBACK_DAYS * DAY_MS).toISOString().slice(0, 10));
	} catch (error) {
		return checkFailed(context, guild, reasonOf(error), next);
	}
	const pairsOf = (citation: Citation): CitationPair[] =>
		citation.cites.map((cited) => ({ citingId: citation.work.id, citedPaperId: cited }));
	const known = knownCitations(state, guild.guild_id, citations.flatMap(pairsOf));
	let newCount = 0;
	const failures: string[] = [];
	if (first) {
		const pairs = citations.flatMap(pairsOf);
		const counts = { pairs: pairs.length, papers: new Set(pairs.map((pair) => pair.citedPaperId)).size };
		const outcome = await postOnce(
			context,
			guild,
			EARLIER_SLOT,
			() => context.sendSummary(guild, counts, EARLIER_SLOT),
			() => recordCitations(state, guild.guild_id, pairs, 'known', now()),
		);
		if (outcome instanceof Error) failures.push(outcome.message);
		else newCount = pairs.length;
	} else {
		for (const citation of citations) {
			const fresh = pairsOf(citation).filter((pair) => !known.has(citationKey(pair)));
			if (fresh.length === 0) continue;
			const shown = { ...citation, cites: fresh.map((pair) => pair.citedPaperId) };
			const slot = citationSlot(citation.work.id, shown.cites);
			const outcome = await postOnce(
				context,
				guild,
				slot,
				() => context.sendAlert(guild, shown, slot),
				() => recordCitations(state, guild.guild_id, fresh, 'posted', now()),
			);
			if (outcome instanceof Error) failures.push(outcome.message);
			else if (outcome === 'posted') newCount += fresh.length;
		}
	}
	if (failures.length > 0) return checkFailed(context, guild, failures[0]!, next);
	context.log.info({ guild: guild.guild_id, kind: 'citation', first, new: newCount }, 'citations: looked');
	return recordCheck(context, guild, { checked_on: localDate(now(), guild.timezone), new_count: newCount }, next);
}

/** Posts a slot once across restarts; 'held' when another live process is posting it, 'done' when it was posted before. */
async function postOnce(
	context: CitationCheckContext,
	guild: GuildSettings,
	slot: string,
	send: () => Promise<string>,
	alongside: () => void,
): Promise<'posted' | 'held' | 'done' | Error> {
	const { posts, now, claimant } = context;
	const check = { claimant, now: now(), leaseMs: DEFAULT_LEASE_MS, isRunning: () => context.isChecking(guild.guild_id) };
	const taking = takeSlot(posts, guild.guild_id, 'citation', slot, check);
	if (taking === null) return 'done';
	if (typeof taking === 'object') return 'held';
	try {
		const found = taking === 'again' ? await context.reconcile(guild, slot) : null;
		const messageId = found ?? (await send());
		posts.markSent(guild.guild_id, 'citation', slot, { channelId: guild.citations_channel_id, messageId }, now(), alongside);
		context.log.info(
			{ guild: guild.guild_id, kind: 'citation', slot, messageId },
			found !== null ? 'citations: found an interrupted post in the channel; not posting again' : 'citations: posted',
		);
		return 'posted';
	} catch (error) {
		posts.markFailed(guild.guild_id, 'citation', slot, reasonOf(error));
		return error instanceof Error ? error : new Error(String(error));
	}
}

const HOUR_MS = 3_600_000;

/** Records a failed look and returns its retry time: backing off with each failure in a row, no later than the next citations time. */
function checkFailed(context: CitationCheckContext, guild: GuildSettings, reason: string, next: Date): Date {
	const failures = (getCitationCheck(context.state, guild.guild_id)?.failures ?? 0) + 1;
	const delay = context.retryDelaysMs[Math.min(failures, context.retryDelaysMs.length) - 1] ?? HOUR_MS;
	const retryAt = new Date(Math.min(context.now().getTime() + delay, next.getTime()));
	context.log.warn(
		{ guild: guild.guild_id, kind: 'citation', failures, reason, retryAt: retryAt.toISOString() },
		'citations: look failed; will retry',
	);
	return recordCheck(context, guild, { last_error: reason }, retryAt);
}

/** Saves what a look found and when the next is due, and returns that time. */
function recordCheck(
	{ state, now }: CitationCheckContext,
	guild: GuildSettings,
	found: { checked_on?: string; new_count?: number; last_error?: string },
	next: Date,
): Date {
	const last = getCitationCheck(state, guild.guild_id);
	recordCitationCheck(state, {
		guild_id: guild.guild_id,
		checked_at: now().toISOString(),
		checked_on: found.checked_on ?? last?.checked_on ?? null,
		new_count: found.new_count ?? last?.new_count ?? 0,
		failures: found.last_error ? (last?.failures ?? 0) + 1 : 0,
		last_error: found.last_error ?? null,
		next_check: next.toISOString(),
	});
	return next;
}
