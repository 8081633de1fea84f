import { afterEach, describe, expect, it } from 'vitest';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { createLogger } from '../../src/log.js';
import type { PostMessage } from '../../src/messages/post-messages.js';
import { postFollowedPapers } from '../../src/services/followed-authors.js';
import type { Poster } from '../../src/services/poster.js';
import { openFollows } from '../../src/store/follows.js';
import { openPostLog } from '../../src/store/post-log.js';
import { checkGuildSettings, DEFAULT_SETTINGS } from '../../src/store/settings.js';
import type { State } from '../../src/store/state.js';
import { apiFeedXml, startArxivStandIn } from '../arxiv/arxiv-stand-in.js';
import { useTempState } from '../schedule/temp-state.js';

let state: State;
useTempState((opened) => (state = opened));
let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;
afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
});

const GUILD = checkGuildSettings({
	guild_id: 'g1',
	potd_channel_id: null,
	digest_channel_id: null,
	...DEFAULT_SETTINGS,
	feed_channel_id: 'c1',
	feed_categories: ['cs.LG'],
});
const DATE = '2026-03-02';
const announcement = { date: DATE, entries: [], skipped: [] };

/** A poster that records what it sends, and finds in the channel the post `found` names. */
function recordingPoster(found: string | null = null): Poster & { sent: PostMessage[][] } {
	const sent: PostMessage[][] = [];
	const unused = () => {
		throw new Error('not used');
	};
	return {
		sent,
		async send(_guild, _channel, messages) {
			sent.push([...messages]);
			return { messageId: `m${sent.length}` };
		},
		findPost: async () => found,
		channelAccess: unused,
		sendPoll: unused,
		endPoll: unused,
		pollResults: unused,
	};
}

async function context(poster: Poster) {
	standIn = await startArxivStandIn(() => ({
		body: apiFeedXml([
			{ id: '2602.05555', title: 'Unlearning', authors: ['Jiayu Zhou'], categories: ['q-bio.QM'], published: '2026-02-27' },
		]),
	}));
	const corpus = [paperSchema.parse({ id: '2305.00054', title: 'LAVA', abstract: 'Data valuation.' })];
	return {
		state,
		poster,
		posts: openPostLog(state),
		now: () => new Date('2026-03-02T09:00:00Z'),
		log: createLogger('silent'),
		index: buildSearchIndex(corpus),
		arxiv: { apiUrl: standIn.apiUrl, queue: createRequestQueue(0), userAgent: 'paperbot-tests' },
	};
}

describe('postFollowedPapers', () => {
	it('posts a followed author’s paper once for the day, and never again on a later day', async () => {
		openFollows(state).add('g1', 'u1', 'Jiayu Zhou');
		const poster = recordingPoster();
		const run = await context(poster);
		const follows = openFollows(state).list('g1');
		await postFollowedPapers(run, GUILD, follows, announcement);
		await postFollowedPapers(run, GUILD, follows, announcement);
		await postFollowedPapers(run, GUILD, follows, { ...announcement, date: '2026-03-03' });
		expect(poster.sent).toHaveLength(1);
		expect(poster.sent[0]![0]!.mentionedUserIds).toEqual(['u1']);
		expect(standIn!.received).toHaveLength(2);
	});

	it('after a crash between sending and marking, finds its post in the channel and sends nothing again', async () => {
		openFollows(state).add('g1', 'u1', 'Jiayu Zhou');
		openPostLog(state).claim('g1', 'follow', DATE, 'elsewhere:1', new Date('2026-03-02T08:00:00Z'));
		const poster = recordingPoster('m-earlier');
		const run = await context(poster);
		await postFollowedPapers(run, GUILD, openFollows(state).list('g1'), announcement);
		expect(poster.sent).toEqual([]);
		expect(openPostLog(state).get('g1', 'follow', DATE)).toMatchObject({ status: 'sent', message_id: 'm-earlier' });
		await postFollowedPapers(run, GUILD, openFollows(state).list('g1'), { ...announcement, date: '2026-03-03' });
		expect(poster.sent).toEqual([]);
	});
});
