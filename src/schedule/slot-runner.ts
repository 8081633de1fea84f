import { claimMayBeLive, DEFAULT_LEASE_MS, THIS_PROCESS } from './claims.js';
import { advanceDigestWatermark, papersForDigest } from './digest.js';
import { claimSlot, getPost, markFailed, markSent, retakeSlot, unsentClaims, type PostKind, type PostRecord } from './post-log.js';
import type { SchedulerLog, SchedulerOptions } from './scheduler.js';
import type { GuildSettings } from './settings.js';
import { channelOf, slotDay } from './slots.js';
import type { Timers } from './timers.js';
import { localDate } from './time.js';

/** Runs the paper of the day's and digests' slots: claim, reconcile, send, record, retry. */
export interface SlotRunner {
	/** Runs one slot, never two at once for the same slot in this process, and never throws. */
	runSlot(guildId: string, kind: PostKind, slot: string): Promise<void>;
	/** Interrupted claims from earlier days: reconciled so the log is right; a past day is never posted. */
	settleOldClaims(guild: GuildSettings, today: Partial<Record<PostKind, string | null>>): Promise<void>;
	/** Slots being run now. */
	readonly running: ReadonlyMap<string, Promise<void>>;
}

const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000];
const SILENT_LOG: SchedulerLog = { info() {}, warn() {}, error() {} };
const slotKey = (guildId: string, kind: PostKind, slot: string) => `${guildId}:${kind}:${slot}`;

/** The slot runner over the scheduler's options, its guilds (read at each run) and its timers. */
export function createSlotRunner(options: SchedulerOptions, guilds: ReadonlyMap<string, GuildSettings>, timers: Timers): SlotRunner {
	const { state, post, reconcile } = options;
	const now = options.now ?? (() => new Date());
	const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
	const leaseMs = options.claimLeaseMs ?? DEFAULT_LEASE_MS;
	const claimant = options.claimant ?? THIS_PROCESS;
	const log = options.log ?? SILENT_LOG;
	const running = new Map<string, Promise<void>>();

	const claimIsLive = (record: PostRecord) =>
		claimMayBeLive(record, { claimant, now: now(), leaseMs, isRunning: (r) => running.has(slotKey(r.guild_id, r.kind, r.slot)) });

	function recordSent(guild: GuildSettings, kind: PostKind, slot: string, messageId: string | null): void {
		state.db.transaction(() => {
			markSent(state, guild.guild_id, kind, slot, { channelId: channelOf(guild, kind), messageId }, now());
			if (kind === 'digest') advanceDigestWatermark(state, guild.guild_id, new Date(slot));
		})();
	}

	/** Takes the slot for this process; 'fresh' when never tried, 'again' when an earlier attempt must be reconciled. */
	function acquire(guild: GuildSettings, kind: PostKind, slot: string): 'fresh' | 'again' | null {
		if (claimSlot(state, guild.guild_id, kind, slot, claimant, now())) return 'fresh';
		const record = getPost(state, guild.guild_id, kind, slot);
		if (!record || record.status === 'sent') return null;
		if (record.status === 'claimed' && claimIsLive(record)) {
			// Look again when the lease ends; a live process past its lease is checked once more a lease later.
			const expires = new Date(record.claimed_at).getTime() + leaseMs;
			const checkAt = expires > now().getTime() ? expires : now().getTime() + leaseMs;
			timers.later(`${guild.guild_id}|slot`, new Date(checkAt), () => void runSlot(guild.guild_id, kind, slot));
			return null;
		}
		return retakeSlot(state, record, claimant, now()) ? 'again' : null;
	}

	/** Sends a taken slot (after reconciling an earlier attempt) and records it as sent. */
	async function send(guild: GuildSettings, kind: PostKind, slot: string, taken: 'fresh' | 'again'): Promise<void> {
		const fields = { guild: guild.guild_id, kind, slot };
		if (taken === 'again') {
			const found = await reconcile(guild, kind, slot);
			if (found !== null) {
				recordSent(guild, kind, slot, found);
				log.info({ ...fields, messageId: found }, 'schedule: found an interrupted post in the channel; not posting again');
				return;
			}
		}
		if (kind === 'digest' && !options.postEmptyDigest && papersForDigest(state, guild.guild_id, new Date(slot)).length === 0) {
			recordSent(guild, kind, slot, null);
			log.info(fields, 'schedule: no new papers since the last digest; nothing posted');
			return;
		}
		const { messageId } = await post(guild, kind, slot);
		recordSent(guild, kind, slot, messageId);
		log.info({ ...fields, messageId }, 'schedule: posted');
	}

	/** Records a failed send and arms its retry, while the slot's local day lasts. */
	function retryLater(guild: GuildSettings, kind: PostKind, slot: string, error: unknown): void {
		const fields = { guild: guild.guild_id, kind, slot };
		const reason = error instanceof Error ? error.message : String(error);
		markFailed(state, guild.guild_id, kind, slot, reason);
		const attempts = getPost(state, guild.guild_id, kind, slot)?.attempts ?? 1;
		const delay = retryDelays[attempts - 1];
		const retryAt = delay === undefined ? null : new Date(now().getTime() + delay);
		if (retryAt && localDate(retryAt, guild.timezone) === slotDay(guild, kind, slot)) {
			log.warn({ ...fields, attempts, reason, retryAt: retryAt.toISOString() }, 'schedule: post failed; will retry');
			timers.later(`${guild.guild_id}|slot`, retryAt, () => void runSlot(guild.guild_id, kind, slot));
		} else {
			log.error({ ...fields, attempts, reason }, 'schedule: post failed; giving up for this slot');
		}
	}

	async function attempt(guildId: string, kind: PostKind, slot: string): Promise<void> {
		const guild = guilds.get(guildId);
		if (!guild || channelOf(guild, kind) === null) return;
		if (localDate(now(), guild.timezone) !== slotDay(guild, kind, slot)) return;
		const taken = acquire(guild, kind, slot);
		if (taken === null) return;
		try {
			await send(guild, kind, slot, taken);
		} catch (error) {
			retryLater(guild, kind, slot, error);
		}
	}

	function runSlot(guildId: string, kind: PostKind, slot: string): Promise<void> {
		const key = slotKey(guildId, kind, slot);
		const current = running.get(key);
		if (current) return current;
		const run = attempt(guildId, kind, slot)
			.catch((error: unknown) => log.error({ guild: guildId, kind, slot, error: String(error) }, 'schedule: slot run failed'))
			.finally(() => running.delete(key));
		running.set(key, run);
		return run;
	}

	async function settleOldClaims(guild: GuildSettings, today: Partial<Record<PostKind, string | null>>): Promise<void> {
		for (const record of unsentClaims(state, guild.guild_id)) {
			// The feed's claims are settled by the feed's own scheduler, which knows its announcement dates.
			if (record.kind === 'feed' || record.slot === today[record.kind] || claimIsLive(record)) continue;
			if (!retakeSlot(state, record, claimant, now())) continue;
			const found = await reconcile(guild, record.kind, record.slot).catch((error: unknown) => {
				log.warn({ guild: guild.guild_id, kind: record.kind, slot: record.slot, error: String(error) }, 'schedule: could not read the channel to reconcile');
				return null;
			});
			if (found !== null) recordSent(guild, record.kind, record.slot, found);
			else markFailed(state, guild.guild_id, record.kind, record.slot, 'missed: the bot stopped before sending and the day has passed');
		}
	}

	return { runSlot, settleOldClaims, running };
}
