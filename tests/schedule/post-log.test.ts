import { describe, expect, it } from 'vitest';
import {
	claimSlot,
	failedPosts,
	getPost,
	markFailed,
	markSent,
	recentPosts,
	retakeSlot,
	unsentClaims,
} from '../../src/schedule/post-log.js';
import { openState, type State } from '../../src/schedule/state.js';
import { useTempState } from './temp-state.js';

let state: State;
const t = (iso: string) => new Date(iso);

useTempState((opened) => (state = opened));

describe('claimSlot', () => {
	it('claims a slot once; a second claim of the same slot fails', () => {
		expect(claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'))).toBe(true);
		expect(claimSlot(state, 'g1', 'potd', '2025-06-02', 'b:2', t('2025-06-02T09:00:01Z'))).toBe(false);
		expect(getPost(state, 'g1', 'potd', '2025-06-02')).toMatchObject({ status: 'claimed', claimant: 'a:1', attempts: 1 });
	});

	it('keeps guilds, kinds and slots apart', () => {
		const now = t('2025-06-02T09:00:00Z');
		expect(claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', now)).toBe(true);
		expect(claimSlot(state, 'g2', 'potd', '2025-06-02', 'a:1', now)).toBe(true);
		expect(claimSlot(state, 'g1', 'digest', '2025-06-02', 'a:1', now)).toBe(true);
		expect(claimSlot(state, 'g1', 'potd', '2025-06-03', 'a:1', now)).toBe(true);
	});

	it('is exclusive between two connections on one file', () => {
		const other = openState(state.path);
		const now = t('2025-06-02T09:00:00Z');
		const wins = [claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', now), claimSlot(other, 'g1', 'potd', '2025-06-02', 'b:2', now)];
		other.close();
		expect(wins).toEqual([true, false]);
	});
});

describe('markSent', () => {
	it('records the channel, message and time, and clears the last error', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'Discord 503');
		markSent(state, 'g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:00:02Z'));
		expect(getPost(state, 'g1', 'potd', '2025-06-02')).toMatchObject({
			status: 'sent',
			channel_id: 'c1',
			message_id: 'm1',
			sent_at: '2025-06-02T09:00:02.000Z',
			last_error: null,
		});
	});
});

describe('markFailed', () => {
	it('records why, without undoing a sent post', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'Missing Permissions');
		expect(getPost(state, 'g1', 'potd', '2025-06-02')).toMatchObject({ status: 'failed', last_error: 'Missing Permissions' });
		markSent(state, 'g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:01:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'late error');
		expect(getPost(state, 'g1', 'potd', '2025-06-02')?.status).toBe('sent');
	});

	it('keeps long reasons short', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'x'.repeat(5000));
		expect(getPost(state, 'g1', 'potd', '2025-06-02')?.last_error).toHaveLength(300);
	});
});

describe('retakeSlot', () => {
	it('lets exactly one of two takers retake a failed slot', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'Discord 503');
		const seen = getPost(state, 'g1', 'potd', '2025-06-02')!;
		expect(retakeSlot(state, seen, 'b:2', t('2025-06-02T09:05:00Z'))).toBe(true);
		expect(retakeSlot(state, seen, 'c:3', t('2025-06-02T09:05:00Z'))).toBe(false);
		expect(getPost(state, 'g1', 'potd', '2025-06-02')).toMatchObject({ status: 'claimed', claimant: 'b:2', attempts: 2 });
	});

	it('never retakes a sent slot', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markSent(state, 'g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:00:01Z'));
		expect(retakeSlot(state, getPost(state, 'g1', 'potd', '2025-06-02')!, 'b:2', t('2025-06-02T10:00:00Z'))).toBe(false);
	});
});

describe('unsentClaims', () => {
	it('lists only slots still claimed, oldest first', () => {
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		claimSlot(state, 'g1', 'potd', '2025-06-01', 'a:1', t('2025-06-01T09:00:00Z'));
		claimSlot(state, 'g1', 'potd', '2025-06-03', 'a:1', t('2025-06-03T09:00:00Z'));
		markSent(state, 'g1', 'potd', '2025-06-03', { channelId: 'c1', messageId: 'm3' }, t('2025-06-03T09:00:01Z'));
		claimSlot(state, 'g2', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		expect(unsentClaims(state, 'g1').map((r) => r.slot)).toEqual(['2025-06-01', '2025-06-02']);
	});
});

describe('recentPosts', () => {
	it('gives the newest records first, at most the number asked', () => {
		for (const day of ['01', '02', '03', '04']) claimSlot(state, 'g1', 'potd', `2025-06-${day}`, 'a:1', t(`2025-06-${day}T09:00:00Z`));
		expect(recentPosts(state, 'g1', 3).map((r) => r.slot)).toEqual(['2025-06-04', '2025-06-03', '2025-06-02']);
		expect(recentPosts(state, 'g2', 3)).toEqual([]);
	});
});

describe('failedPosts', () => {
	it('lists failed slots claimed since the given time', () => {
		claimSlot(state, 'g1', 'potd', '2025-05-01', 'a:1', t('2025-05-01T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-05-01', 'old failure');
		claimSlot(state, 'g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		markFailed(state, 'g1', 'potd', '2025-06-02', 'Missing Access');
		expect(failedPosts(state, 'g1', t('2025-06-01T00:00:00Z')).map((r) => r.last_error)).toEqual(['Missing Access']);
	});
});
