import { hostname } from 'node:os';
import type { PostRecord } from './post-log.js';

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
