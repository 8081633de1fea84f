import { hostname } from 'node:os';
import type { PostKind, PostLog, PostRecord } from '../store/post-log.js';

/** This process as the post log names it: `host:pid`. */
export const THIS_PROCESS = `${hostname()}:${process.pid}`;

/** A claim older than this, from a process we cannot check, is taken to be from a dead process. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** What deciding whether a claim is live needs to know about this process. */
export interface ClaimCheck {
	claimant: string;
	/** Whether this process is sending the record's slot right now. */
	isRunning(record: PostRecord): boolean;
	now: Date;
	leaseMs: number;
}

/**
 * Whether the process that made this claim may still be sending it: this process when it is
 * running the slot, a process on this host that is alive, or one elsewhere within its lease.
 */
export function claimMayBeLive(record: PostRecord, check: ClaimCheck): boolean {
	if (record.claimant === check.claimant) return check.isRunning(record);
	const [host, pidText] = record.claimant.split(':');
	const pid = Number(pidText);
	if (host === hostname() && Number.isInteger(pid) && pid > 0) return processIsAlive(pid);
	return check.now.getTime() - new Date(record.claimed_at).getTime() < check.leaseMs;
}

/**
 * Taking a slot for this process: 'fresh' when it was never tried, 'again' when an earlier attempt
 * must be reconciled first, `heldBy` a claim that may still be live, or null when it was sent or
 * another process took it first.
 */
export type SlotTaking = 'fresh' | 'again' | { heldBy: PostRecord } | null;

/** Claims the slot, or retakes it from a failed attempt or a dead claim. */
export function takeSlot(posts: PostLog, guildId: string, kind: PostKind, slot: string, check: ClaimCheck): SlotTaking {
	if (posts.claim(guildId, kind, slot, check.claimant, check.now)) return 'fresh';
	const record = posts.get(guildId, kind, slot);
	if (!record || record.status === 'sent') return null;
	if (record.status === 'claimed' && claimMayBeLive(record, check)) return { heldBy: record };
	return posts.retake(record, check.claimant, check.now) ? 'again' : null;
}
