import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { claimMayBeLive, takeSlot, THIS_PROCESS, type ClaimCheck } from '../../src/schedule/claims.js';
import { openPostLog, type PostLog, type PostRecord } from '../../src/store/post-log.js';
import { useTempState } from './temp-state.js';

let posts: PostLog;
useTempState((opened) => {
	posts = openPostLog(opened);
});

const CLAIMED_AT = new Date('2026-03-02T09:00:00Z');
const LEASE_MS = 5 * 60_000;

/** This process (`host-a:1`) at `now`, sending nothing unless `running` says so. */
function checkAt(now: Date, running = false): ClaimCheck {
	return { claimant: 'host-a:1', now, leaseMs: LEASE_MS, isRunning: () => running };
}

const minutesAfterClaim = (minutes: number) => new Date(CLAIMED_AT.getTime() + minutes * 60_000);

function deadPid(): number {
	return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('takeSlot', () => {
	it('takes a slot never tried as fresh, claimed by this process', () => {
		expect(takeSlot(posts, 'g1', 'potd', '2026-03-02', checkAt(CLAIMED_AT))).toBe('fresh');
		expect(posts.get('g1', 'potd', '2026-03-02')).toMatchObject({ status: 'claimed', claimant: 'host-a:1', attempts: 1 });
	});

	it('takes a failed slot again, counting the attempt', () => {
		posts.claim('g1', 'potd', '2026-03-02', 'host-a:1', CLAIMED_AT);
		posts.markFailed('g1', 'potd', '2026-03-02', 'HTTP 503');
		expect(takeSlot(posts, 'g1', 'potd', '2026-03-02', checkAt(minutesAfterClaim(1)))).toBe('again');
		expect(posts.get('g1', 'potd', '2026-03-02')).toMatchObject({ status: 'claimed', attempts: 2 });
	});

	it('leaves a sent slot alone', () => {
		posts.claim('g1', 'potd', '2026-03-02', 'host-b:1', CLAIMED_AT);
		posts.markSent('g1', 'potd', '2026-03-02', { channelId: 'c', messageId: 'm1' }, CLAIMED_AT);
		expect(takeSlot(posts, 'g1', 'potd', '2026-03-02', checkAt(minutesAfterClaim(60)))).toBeNull();
	});

	it('names the claim that holds the slot while another host’s lease lasts, and retakes it after', () => {
		posts.claim('g1', 'feed', '2026-03-02', 'host-b:1', CLAIMED_AT);
		const held = takeSlot(posts, 'g1', 'feed', '2026-03-02', checkAt(minutesAfterClaim(4)));
		expect(held).toMatchObject({ heldBy: { claimant: 'host-b:1', claimed_at: CLAIMED_AT.toISOString() } });
		expect(takeSlot(posts, 'g1', 'feed', '2026-03-02', checkAt(minutesAfterClaim(6)))).toBe('again');
		expect(posts.get('g1', 'feed', '2026-03-02')).toMatchObject({ claimant: 'host-a:1', attempts: 2 });
	});

	it('holds off while this process is sending the slot, and retakes it when it is not', () => {
		posts.claim('g1', 'digest', '2026-03-02T09:00:00.000Z', 'host-a:1', CLAIMED_AT);
		expect(takeSlot(posts, 'g1', 'digest', '2026-03-02T09:00:00.000Z', checkAt(minutesAfterClaim(1), true))).toMatchObject({
			heldBy: { claimant: 'host-a:1' },
		});
		expect(takeSlot(posts, 'g1', 'digest', '2026-03-02T09:00:00.000Z', checkAt(minutesAfterClaim(1), false))).toBe('again');
	});
});

describe('claimMayBeLive', () => {
	const record = (claimant: string): PostRecord => ({
		guild_id: 'g1',
		kind: 'potd',
		slot: '2026-03-02',
		status: 'claimed',
		claimant,
		claimed_at: CLAIMED_AT.toISOString(),
		attempts: 1,
		last_error: null,
		channel_id: null,
		message_id: null,
		sent_at: null,
	});

	it('takes a claim by a live process on this host as live, whatever its age', () => {
		expect(claimMayBeLive(record(THIS_PROCESS), checkAt(minutesAfterClaim(600)))).toBe(true);
	});

	it('takes a claim by a process on this host that has exited as dead, within its lease', () => {
		expect(claimMayBeLive(record(`${hostname()}:${deadPid()}`), checkAt(minutesAfterClaim(1)))).toBe(false);
	});
});
