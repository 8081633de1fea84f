import { describe, expect, it } from 'vitest';
import { openPostLog, type PostLog } from '../../src/store/post-log.js';
import { openState, type State } from '../../src/store/state.js';
import { useTempState } from '../schedule/temp-state.js';

let state: State;
let posts: PostLog;
const t = (iso: string) => new Date(iso);

useTempState((opened) => {
	state = opened;
	posts = openPostLog(opened);
});

describe('claim', () => {
	it('claims a slot once; a second claim of the same slot fails', () => {
		expect(posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'))).toBe(true);
		expect(posts.claim('g1', 'potd', '2025-06-02', 'b:2', t('2025-06-02T09:00:01Z'))).toBe(false);
		expect(posts.get('g1', 'potd', '2025-06-02')).toMatchObject({ status: 'claimed', claimant: 'a:1', attempts: 1 });
	});

	it('keeps guilds, kinds and slots apart', () => {
		const now = t('2025-06-02T09:00:00Z');
		expect(posts.claim('g1', 'potd', '2025-06-02', 'a:1', now)).toBe(true);
		expect(posts.claim('g2', 'potd', '2025-06-02', 'a:1', now)).toBe(true);
		expect(posts.claim('g1', 'digest', '2025-06-02', 'a:1', now)).toBe(true);
		expect(posts.claim('g1', 'potd', '2025-06-03', 'a:1', now)).toBe(true);
	});

	it('is exclusive between two connections on one file', () => {
		const other = openState(state.path);
		const now = t('2025-06-02T09:00:00Z');
		const wins = [posts.claim('g1', 'potd', '2025-06-02', 'a:1', now), openPostLog(other).claim('g1', 'potd', '2025-06-02', 'b:2', now)];
		other.close();
		expect(wins).toEqual([true, false]);
	});
});

describe('markSent', () => {
	it('records the channel, message and time, and clears the last error', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'Discord 503');
		posts.markSent('g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:00:02Z'));
		expect(posts.get('g1', 'potd', '2025-06-02')).toMatchObject({
			status: 'sent',
			channel_id: 'c1',
			message_id: 'm1',
			sent_at: '2025-06-02T09:00:02.000Z',
			last_error: null,
		});
	});

	it('marks a post sent together with the record made beside it, or neither when that record fails', () => {
		const first = '2025-06-02T09:00:00.000Z';
		const second = '2025-06-03T09:00:00.000Z';
		posts.claim('g1', 'digest', first, 'a:1', t(first));
		posts.markSent('g1', 'digest', first, { channelId: 'c1', messageId: 'm1' }, t(first), () => {
			state.db.prepare(`INSERT INTO digest_watermark (guild_id, covered_until) VALUES ('g1', ?)`).run(first);
		});
		expect(posts.get('g1', 'digest', first)?.status).toBe('sent');
		expect(state.db.prepare(`SELECT covered_until FROM digest_watermark WHERE guild_id = 'g1'`).get()).toEqual({ covered_until: first });
		posts.claim('g1', 'digest', second, 'a:1', t(second));
		const failing = () => {
			throw new Error('disk full');
		};
		expect(() => posts.markSent('g1', 'digest', second, { channelId: 'c1', messageId: 'm2' }, t(second), failing)).toThrow('disk full');
		expect(posts.get('g1', 'digest', second)).toMatchObject({ status: 'claimed', message_id: null });
	});
});

describe('markFailed', () => {
	it('records why, without undoing a sent post', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'Missing Permissions');
		expect(posts.get('g1', 'potd', '2025-06-02')).toMatchObject({ status: 'failed', last_error: 'Missing Permissions' });
		posts.markSent('g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:01:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'late error');
		expect(posts.get('g1', 'potd', '2025-06-02')?.status).toBe('sent');
	});

	it('keeps long reasons short', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'x'.repeat(5000));
		expect(posts.get('g1', 'potd', '2025-06-02')?.last_error).toHaveLength(300);
	});
});

describe('retake', () => {
	it('lets exactly one of two takers retake a failed slot', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'Discord 503');
		const seen = posts.get('g1', 'potd', '2025-06-02')!;
		expect(posts.retake(seen, 'b:2', t('2025-06-02T09:05:00Z'))).toBe(true);
		expect(posts.retake(seen, 'c:3', t('2025-06-02T09:05:00Z'))).toBe(false);
		expect(posts.get('g1', 'potd', '2025-06-02')).toMatchObject({ status: 'claimed', claimant: 'b:2', attempts: 2 });
	});

	it('never retakes a sent slot', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markSent('g1', 'potd', '2025-06-02', { channelId: 'c1', messageId: 'm1' }, t('2025-06-02T09:00:01Z'));
		expect(posts.retake(posts.get('g1', 'potd', '2025-06-02')!, 'b:2', t('2025-06-02T10:00:00Z'))).toBe(false);
	});
});

describe('unsentClaims', () => {
	it('lists only slots still claimed, oldest first', () => {
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.claim('g1', 'potd', '2025-06-01', 'a:1', t('2025-06-01T09:00:00Z'));
		posts.claim('g1', 'potd', '2025-06-03', 'a:1', t('2025-06-03T09:00:00Z'));
		posts.markSent('g1', 'potd', '2025-06-03', { channelId: 'c1', messageId: 'm3' }, t('2025-06-03T09:00:01Z'));
		posts.claim('g2', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		expect(posts.unsentClaims('g1').map((r) => r.slot)).toEqual(['2025-06-01', '2025-06-02']);
	});
});

describe('recent', () => {
	it('gives the newest records first, at most the number asked', () => {
		for (const day of ['01', '02', '03', '04']) posts.claim('g1', 'potd', `2025-06-${day}`, 'a:1', t(`2025-06-${day}T09:00:00Z`));
		expect(posts.recent('g1', 3).map((r) => r.slot)).toEqual(['2025-06-04', '2025-06-03', '2025-06-02']);
		expect(posts.recent('g2', 3)).toEqual([]);
	});
});

describe('failedSince', () => {
	it('lists failed slots claimed since the given time', () => {
		posts.claim('g1', 'potd', '2025-05-01', 'a:1', t('2025-05-01T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-05-01', 'old failure');
		posts.claim('g1', 'potd', '2025-06-02', 'a:1', t('2025-06-02T09:00:00Z'));
		posts.markFailed('g1', 'potd', '2025-06-02', 'Missing Access');
		expect(posts.failedSince('g1', t('2025-06-01T00:00:00Z')).map((r) => r.last_error)).toEqual(['Missing Access']);
	});
});
