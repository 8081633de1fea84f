import { describe, expect, it } from 'vitest';
import { openPaperPosts, STALE_CLAIM_MS, type PaperPostStore } from '../../src/store/paper-posts.js';
import { useTempState } from '../schedule/temp-state.js';

describe('paper posts', () => {
	let posts: PaperPostStore;
	useTempState((state) => {
		posts = openPaperPosts(state);
	});
	const at = new Date('2026-03-02T09:00:00Z');

	it('lets one press of any number post a paper, and shows the others the post, made or being made', () => {
		expect(posts.claim('g1', '2603.00001', 'c1', at)).toEqual({ claimed: true });
		const pending = { guildId: 'g1', paperId: '2603.00001', channelId: 'c1', messageId: null, withThread: false };
		expect(posts.claim('g1', '2603.00001', 'c2', at)).toEqual({ claimed: false, existing: pending });
		posts.record('g1', '2603.00001', 'm1', false);
		posts.threadStarted('g1', 'm1');
		expect(posts.claim('g1', '2603.00001', 'c2', new Date(at.getTime() + 10 * STALE_CLAIM_MS))).toEqual({
			claimed: false,
			existing: { ...pending, messageId: 'm1', withThread: true },
		});
		expect(posts.claim('g2', '2603.00001', 'c9', at)).toEqual({ claimed: true });
	});

	it('frees a claim given up, and takes over a claim whose post never came', () => {
		posts.claim('g1', '2603.00001', 'c1', at);
		posts.release('g1', '2603.00001');
		expect(posts.claim('g1', '2603.00001', 'c1', at)).toEqual({ claimed: true });
		expect(posts.claim('g1', '2603.00001', 'c1', new Date(at.getTime() + STALE_CLAIM_MS))).toMatchObject({ claimed: false });
		expect(posts.claim('g1', '2603.00001', 'c2', new Date(at.getTime() + STALE_CLAIM_MS + 1))).toEqual({ claimed: true });
		expect(posts.get('g1', '2603.00001')).toMatchObject({ channelId: 'c2', messageId: null });
		posts.record('g1', '2603.00001', 'm1', true);
		posts.release('g1', '2603.00001');
		expect(posts.get('g1', '2603.00001')).toMatchObject({ messageId: 'm1', withThread: true });
	});

	it('forgets a post gone from Discord, and only that post', () => {
		posts.claim('g1', '2603.00001', 'c1', at);
		posts.record('g1', '2603.00001', 'm1', false);
		posts.forget('g1', '2603.00001', 'm0');
		expect(posts.get('g1', '2603.00001')).toMatchObject({ messageId: 'm1' });
		posts.forget('g1', '2603.00001', 'm1');
		expect(posts.get('g1', '2603.00001')).toBeNull();
		expect(posts.claim('g1', '2603.00001', 'c1', at)).toEqual({ claimed: true });
	});
});
