import { describe, expect, it } from 'vitest';
import { newlyAnnounced, parseAnnouncementFeed } from '../../src/arxiv/announcements.js';
import type { Paper } from '../../src/corpus/paper.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { announcementXml } from '../arxiv/feed-stand-in.js';
import { ASTRO_CORPUS, COLD_START, NE_DAY } from './astro-day.js';
import { FEED_DATE, FEED_DAY, OFF_TOPIC, ON_TOPIC } from './feed-day.js';
import { CROSS_LISTED_SPIKING, NEW_SPIKING, SPIKING_DAY, SPIKING_DAY_DATE } from './spiking-day.js';

const shippedIndex = async () => buildSearchIndex((await loadCorpus('data')).papers);
const feedPapers = () => newlyAnnounced(parseAnnouncementFeed(announcementXml('cs.NE+cs.LG', FEED_DATE, FEED_DAY)), { cross: true });

describe('rankFeedPapers', () => {
	it('posts a paper by an author of a corpus paper first, then the papers close to the corpus, each with its reason', async () => {
		const { picks } = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 10 });
		expect(picks.map((pick) => pick.reason)).toMatchObject([
			{ kind: 'author', name: 'Jiayu Zhou', paper: { id: '2306.02368' } },
			{ kind: 'corpus', paper: { id: '2305.11484' } },
		]);
	});

	it('never keeps a paper the corpus holds, and ranks every other new paper', async () => {
		const ranking = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 10 });
		expect(ranking.picks.map((pick) => pick.paper.id)).not.toContain('2305.10246');
		expect(ranking.ranked).toBe(ON_TOPIC.length + OFF_TOPIC.length);
	});

	it('keeps at most max papers, the lab’s people first', async () => {
		const { picks } = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 1 });
		expect(picks.map((pick) => pick.paper.id)).toEqual([ON_TOPIC[1]!.id]);
	});

	it('gives each pick its standing among the day: the share of the other papers less close to the lab', async () => {
		const { picks } = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 10 });
		const others = OFF_TOPIC.length + ON_TOPIC.length - 1;
		expect(picks.map((pick) => pick.standing)).toEqual([(others - 1) / others, 1]);
	});

	it('keeps a paper matching a digest topic first, naming the topic, however far from the corpus', async () => {
		const robots = (topic: string): Paper[] => (topic === 'locomotion' ? feedPapers().filter((paper) => paper.id === '2603.02001') : []);
		const { picks } = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 10, topics: ['locomotion'], matchTopic: robots });
		expect(picks[0]).toMatchObject({ paper: { id: '2603.02001' }, reason: { kind: 'topic', topic: 'locomotion' } });
		expect(picks.slice(1).map((pick) => pick.paper.id)).toEqual([ON_TOPIC[1]!.id, ON_TOPIC[0]!.id]);
	});

	it('keeps nothing from a day whose papers are all alike in their distance from the lab', async () => {
		const offTopic = feedPapers().filter((paper) => OFF_TOPIC.some((entry) => entry.id === paper.id));
		const ranking = await rankFeedPapers(await shippedIndex(), offTopic, { max: 10 });
		expect(ranking.picks).toEqual([]);
		expect(ranking.standingOut).toBe(0);
	});
});

describe('rankFeedPapers on a real cs.NE + cs.RO day', () => {
	const day = () => newlyAnnounced(parseAnnouncementFeed(announcementXml('cs.NE+cs.RO', SPIKING_DAY_DATE, SPIKING_DAY)), { cross: true });

	it('puts the four spiking-network papers first, the cross-listed one among them', async () => {
		const { picks, ranked } = await rankFeedPapers(await shippedIndex(), day(), { max: 10 });
		expect(ranked).toBe(SPIKING_DAY.length);
		expect(new Set(picks.slice(0, 4).map((pick) => pick.paper.id))).toEqual(
			new Set([...NEW_SPIKING, CROSS_LISTED_SPIKING].map((entry) => entry.id)),
		);
	});

	it('posts the cross-listed spiking-network paper even when only one paper may be posted besides the new ones', async () => {
		const { picks } = await rankFeedPapers(await shippedIndex(), day(), { max: 4 });
		expect(picks.map((pick) => pick.paper.id)).toContain(CROSS_LISTED_SPIKING.id);
	});
});

describe('rankFeedPapers with what the lab taught it', () => {
	const day = () => newlyAnnounced(parseAnnouncementFeed(announcementXml('cs.NE+cs.RO', SPIKING_DAY_DATE, SPIKING_DAY)), { cross: true });
	const pickOf = async (id: string, options: { own?: Paper[]; dismissed?: { paper: Paper; marks: number }[] }, without: string) => {
		const papers = day().filter((paper) => paper.id !== without);
		const { picks } = await rankFeedPapers(await shippedIndex(), papers, { max: papers.length, ...options });
		return picks.find((pick) => pick.paper.id === id);
	};
	const paper = (id: string) => day().find((entry) => entry.id === id)!;
	const MULTIMODAL_SPIKING = '2508.20121';
	const LEGGED_ROBOT = '2505.14266';
	const BIMANUAL_ROBOT = '2505.13667';

	it('ranks a paper like one marked Not for us lower the next day', async () => {
		const before = await pickOf(CROSS_LISTED_SPIKING.id, {}, MULTIMODAL_SPIKING);
		const after = await pickOf(
			CROSS_LISTED_SPIKING.id,
			{ dismissed: [{ paper: paper(MULTIMODAL_SPIKING), marks: 1 }] },
			MULTIMODAL_SPIKING,
		);
		expect(after!.score).toBeLessThan(before!.score);
	});

	it('ranks a paper lower the more members marked the paper like it Not for us', async () => {
		const marked = (marks: number) =>
			pickOf(CROSS_LISTED_SPIKING.id, { dismissed: [{ paper: paper(MULTIMODAL_SPIKING), marks }] }, MULTIMODAL_SPIKING);
		const [before, one, four] = [await pickOf(CROSS_LISTED_SPIKING.id, {}, MULTIMODAL_SPIKING), await marked(1), await marked(4)];
		expect(four!.score).toBeLessThan(one!.score);
		// Four members' marks weigh twice one member's.
		expect(before!.score - four!.score).toBeCloseTo(2 * (before!.score - one!.score), 6);
	});

	it('ranks a paper like one the lab discussed higher the next day', async () => {
		expect(await pickOf(BIMANUAL_ROBOT, {}, LEGGED_ROBOT)).toBeUndefined();
		const after = await pickOf(BIMANUAL_ROBOT, { own: [paper(LEGGED_ROBOT)] }, LEGGED_ROBOT);
		expect(after).toMatchObject({ reason: { kind: 'corpus' } });
	});
});

describe('rankFeedPapers and the lab’s least related pair', () => {
	it('posts no paper that shares less with its closest lab paper than the lab’s least related pair of papers share, however it stands in its day', async () => {
		const ranking = await rankFeedPapers(buildSearchIndex(ASTRO_CORPUS), NE_DAY, { max: 10 });
		expect(ranking.picks.map((pick) => pick.paper.id)).not.toContain(COLD_START.id);
		expect(ranking.picks).toEqual([]);
		expect(ranking.standingOut).toBe(0);
	});

	it('names the terms a pick shares with its closest lab paper, strongest first', async () => {
		const { picks } = await rankFeedPapers(await shippedIndex(), feedPapers(), { max: 10 });
		const close = picks.find((pick) => pick.reason.kind === 'corpus');
		expect(close?.reason).toMatchObject({ kind: 'corpus', paper: { id: '2305.11484' } });
		const shared = close?.reason.kind === 'corpus' ? close.reason.shared : [];
		expect(shared).toHaveLength(3);
		expect(shared).toContain('heterogeneity');
	});
});
