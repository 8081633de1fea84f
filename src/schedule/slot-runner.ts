import { claimMayBeLive, DEFAULT_LEASE_MS, takeSlot, THIS_PROCESS, type ClaimCheck } from './claims.js';
import { openDigestMarks } from '../store/digest-marks.js';
import { openPostLog, type PostKind, type PostLog, type PostRecord } from '../store/post-log.js';
import type { GuildSettings } from '../store/settings.js';
import { channelOf, slotDay } from './slots.js';
import type { State } from '../store/state.js';
import type { Timers } from './timers.js';
import { localDate } from './time.js';

/** pino-compatible logging: structured fields first, then the message. */
export interface SchedulerLog {
	info(fields: object, message: string): void;
	warn(fields: object, message: string): void;
	error(fields: object, message: string): void;
}

export interface SchedulerOptions {
	state: State;
	/** The clock; every decision reads it. */
	now?: () => Date;
	/**
	 * Sends a slot's post and returns its message id. For `potd` the slot is the local date (pick
	 * the paper with paperOfTheDay); for `digest` it is the fire time in ISO form (plan the content
	 * with planDigest(state, guild, new Date(slot), matches)). Throw when it was not sent; a post
	 * that went out with something missing (its thread) says so in `problem`, kept in the post log.
	 */
	post: (guild: GuildSettings, kind: PostKind, slot: string) => Promise<{ messageId: string; problem?: string }>;
	/** Looks through the channel's recent messages for our post of this slot: its message id, or null. */
	reconcile: (guild: GuildSettings, kind: PostKind, slot: string) => Promise<string | null>;
	/** After downtime over today's posting time, post today's once on start (default true). Earlier days are never back-filled. */
	catchUp?: boolean;
	/** Post a digest even when nothing is new (default false: log it and post nothing). */
	postEmptyDigest?: boolean;
	/** Waits before each retry of a failed send; retries stop at the end of the slot's local day. */
	retryDelaysMs?: readonly number[];
	/** A claim older than this, from a process we cannot check, is taken to be from a dead process (default 5 minutes). */
	claimLeaseMs?: number;
	/** This process in the post log (default `host:pid`). */
	claimant?: string;
	log?: SchedulerLog;
}

/** What runs the paper of the day's and digests' slots (claim, reconcile, send, record, retry): the scheduler's options with their defaults, its guilds and timers. */
export interface SlotRunner {
	state: State;
	posts: PostLog;
	now: () => Date;
	post: SchedulerOptions['post'];
	reconcile: SchedulerOptions['reconcile'];
	postEmptyDigest: boolean;
	retryDelays: readonly number[];
	leaseMs: number;
	claimant: string;
	log: SchedulerLog;
	/** The guilds' settings, read at each run. */
	guilds: ReadonlyMap<string, GuildSettings>;
	timers: Timers;
	/** Slots being run now, by guild, kind and slot. */
	running: Map<string, Promise<void>>;
	/** When each failed slot is tried again, by guild, kind and slot; a slot given up on has none. */
	retries: Map<string, Date>;
}

type Taken = 'fresh' | 'again';

const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000];
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };
/** A slot's key in the runner's maps: guild, kind and slot. */
export const slotKey = (guildId: string, kind: PostKind, slot: string) => `${guildId}:${kind}:${slot}`;

/** The slot runner over the scheduler's options, its guilds (read at each run) and its timers. */
export function createSlotRunner(options: SchedulerOptions, guilds: ReadonlyMap<string, GuildSettings>, timers: Timers): SlotRunner {
	return {
		...options,
		posts: openPostLog(options.state),
		now: options.now ?? (() => new Date()),
		postEmptyDigest: options.postEmptyDigest ?? false,
		retryDelays: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
		leaseMs: options.claimLeaseMs ?? DEFAULT_LEASE_MS,
		claimant: options.claimant ?? THIS_PROCESS,
		log: options.log ?? SILENT_LOG,
		guilds,
		timers,
		running: new Map(),
		retries: new Map(),
	};
}

/** Runs one slot, never two at once for the same slot in this process, and never throws. */
export function runSlot(runner: SlotRunner, guildId: string, kind: PostKind, slot: string): Promise<void> {
	const key = slotKey(guildId, kind, slot);
	const current = runner.running.get(key);
	if (current) return current;
	runner.retries.delete(key);
	const run = attemptSlot(runner, guildId, kind, slot)
		.catch((error: unknown) => runner.log.error({ guild: guildId, kind, slot, error: String(error) }, 'schedule: slot run failed'))
		.finally(() => runner.running.delete(key));
	runner.running.set(key, run);
	return run;
}

/** Interrupted claims from earlier days: reconciled so the log is right; a past day is never posted. */
export async function settleOldClaims(
	runner: SlotRunner,
	guild: GuildSettings,
	today: Partial<Record<PostKind, string | null>>,
): Promise<void> {
	const { posts, log } = runner;
	for (const record of posts.unsentClaims(guild.guild_id)) {
		// The feed's and the reading group's claims are settled by their own schedulers, which know their slots.
		if (
			(record.kind !== 'potd' && record.kind !== 'digest') ||
			record.slot === today[record.kind] ||
			claimMayBeLive(record, claimCheck(runner))
		)
			continue;
		if (!posts.retake(record, runner.claimant, runner.now())) continue;
		const found = await runner.reconcile(guild, record.kind, record.slot).catch((error: unknown) => {
			log.warn(
				{ guild: guild.guild_id, kind: record.kind, slot: record.slot, error: String(error) },
				'schedule: could not read the channel to reconcile',
			);
			return null;
		});
		if (found !== null) recordSent(runner, guild, record.kind, record.slot, found);
		else posts.markFailed(guild.guild_id, record.kind, record.slot, 'missed: the bot stopped before sending and the day has passed');
	}
}

function claimCheck(runner: SlotRunner): ClaimCheck {
	const { claimant, leaseMs, running } = runner;
	return { claimant, now: runner.now(), leaseMs, isRunning: (record) => running.has(slotKey(record.guild_id, record.kind, record.slot)) };
}

/** Sends the slot if it is still the slot's local day and this process can take it; a failure is retried later. */
async function attemptSlot(runner: SlotRunner, guildId: string, kind: PostKind, slot: string): Promise<void> {
	const guild = runner.guilds.get(guildId);
	if (!guild || channelOf(guild, kind) === null) return;
	if (localDate(runner.now(), guild.timezone) !== slotDay(guild, kind, slot)) return;
	const taking = takeSlot(runner.posts, guildId, kind, slot, claimCheck(runner));
	if (taking === null) return;
	if (typeof taking === 'object') return checkWhenLeaseEnds(runner, guild, kind, taking.heldBy);
	try {
		await sendSlot(runner, guild, kind, slot, taking);
	} catch (error) {
		retryLater(runner, guild, kind, slot, error);
	}
}

/** Runs the slot again when the live claim's lease ends; a live process past its lease is checked once more a lease later. */
function checkWhenLeaseEnds(runner: SlotRunner, guild: GuildSettings, kind: PostKind, claim: PostRecord): void {
	const expires = new Date(claim.claimed_at).getTime() + runner.leaseMs;
	const checkAt = expires > runner.now().getTime() ? expires : runner.now().getTime() + runner.leaseMs;
	runner.timers.later(`${guild.guild_id}|slot`, new Date(checkAt), () => void runSlot(runner, guild.guild_id, kind, claim.slot));
}

/** Sends a taken slot (after reconciling an earlier attempt) and records it as sent. */
async function sendSlot(runner: SlotRunner, guild: GuildSettings, kind: PostKind, slot: string, taken: Taken): Promise<void> {
	const { log } = runner;
	const fields = { guild: guild.guild_id, kind, slot };
	if (taken === 'again') {
		const found = await runner.reconcile(guild, kind, slot);
		if (found !== null) {
			recordSent(runner, guild, kind, slot, found);
			log.info({ ...fields, messageId: found }, 'schedule: found an interrupted post in the channel; not posting again');
			return;
		}
	}
	if (
		kind === 'digest' &&
		!runner.postEmptyDigest &&
		openDigestMarks(runner.state).newPapers(guild.guild_id, new Date(slot)).length === 0
	) {
		recordSent(runner, guild, kind, slot, null);
		log.info(fields, 'schedule: no new papers since the last digest; nothing posted');
		return;
	}
	const { messageId, problem } = await runner.post(guild, kind, slot);
	recordSent(runner, guild, kind, slot, messageId, problem);
	log.info({ ...fields, messageId, ...(problem ? { problem } : {}) }, 'schedule: posted');
}

function recordSent(
	runner: SlotRunner,
	guild: GuildSettings,
	kind: PostKind,
	slot: string,
	messageId: string | null,
	problem?: string,
): void {
	// A digest's watermark moves with its post, so a crash between the two can neither skip papers nor post them twice.
	const advanceDigest = kind === 'digest' ? () => openDigestMarks(runner.state).advance(guild.guild_id, new Date(slot)) : undefined;
	runner.posts.markSent(guild.guild_id, kind, slot, { channelId: channelOf(guild, kind), messageId, problem }, runner.now(), advanceDigest);
}

/** Records a failed send and arms its retry, while the slot's local day lasts. */
function retryLater(runner: SlotRunner, guild: GuildSettings, kind: PostKind, slot: string, error: unknown): void {
	const { posts, log } = runner;
	// Discord's error code (50013, 50001…), when the failure carries one, stays in the log line.
	const code = (error as { code?: unknown } | null)?.code;
	const fields = { guild: guild.guild_id, kind, slot, ...(typeof code === 'number' ? { code } : {}) };
	const reason = error instanceof Error ? error.message : String(error);
	posts.markFailed(guild.guild_id, kind, slot, reason);
	const attempts = posts.get(guild.guild_id, kind, slot)?.attempts ?? 1;
	const delay = runner.retryDelays[attempts - 1];
	const retryAt = delay === undefined ? null : new Date(runner.now().getTime() + delay);
	if (retryAt && localDate(retryAt, guild.timezone) === slotDay(guild, kind, slot)) {
		log.warn({ ...fields, attempts, reason, retryAt: retryAt.toISOString() }, 'schedule: post failed; will retry');
		runner.retries.set(slotKey(guild.guild_id, kind, slot), retryAt);
		runner.timers.later(`${guild.guild_id}|slot`, retryAt, () => void runSlot(runner, guild.guild_id, kind, slot));
	} else {
		log.error({ ...fields, attempts, reason }, 'schedule: post failed; giving up for this slot');
	}
}
