/**
 * One share of the feed evaluation's work (see feed-eval.ts): every ranking on every condition's
 * days whose position in the list falls to this shard, the author figure's days likewise, and the
 * `/paper similar` figure's labs. Run in a worker thread per core by feed-eval.ts, or in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Paper } from '../../src/corpus/paper.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { similarPapers } from '../../src/search/similar.js';
import { centroidAnchor, nearestAnchor } from './feed-anchors.js';
import { type DatedPaper, findLabs, labDays, readCollection, SMALL_CORPUS, type Lab, type LabDay } from './feed-labs.js';

export const MAX = 10;

export const CONDITIONS = [
	{ name: '200 a day', size: 200, small: false },
	{ name: '500 a day', size: 500, small: false },
	{ name: `${SMALL_CORPUS}-paper corpus`, size: 200, small: true },
] as const;

interface Ranker {
	name: string;
	/** The ids posted (or the first {@link MAX} ranked), best first. */
	rank(day: LabDay): Promise<string[]>;
}

export const RANKERS: Ranker[] = [
	{
		name: 'paperbot (as shipped)',
		async rank(day) {
			const { picks } = await rankFeedPapers(buildSearchIndex(day.corpus), day.papers, { max: MAX });
			return picks.map((pick) => pick.paper.id);
		},
	},
	{ name: 'tf-idf centroid', rank: async (day) => centroidAnchor(day.corpus, day.papers).slice(0, MAX) },
	{ name: 'tf-idf kNN-3', rank: async (day) => nearestAnchor(day.corpus, day.papers).slice(0, MAX) },
];

/** One day's outcome for one ranking: the hidden paper's position in the post (0 when not posted), and the post's length. */
export interface DayOutcome {
	/** The day's place in its condition's list of days (labDays order). */
	day: number;
	position: number;
	posted: number;
}

/** What one shard found. */
export interface ShardResult {
	/** By condition, then ranker, in {@link CONDITIONS} and {@link RANKERS} order. */
	outcomes: DayOutcome[][][];
	/** The author figure's counts over this shard's days. */
	authors: { days: number; found: number; byAuthor: number; others: number };
	/** The `/paper similar` figure's counts over this shard's labs. */
	similar: { found: number; asked: number };
}

/** The collection, its labs, and every condition's days: the same in every shard, as every step is seeded. */
export function readProtocol(path: string): { collection: DatedPaper[]; labs: Lab[]; days: LabDay[][] } {
	const collection = readCollection(path);
	const labs = findLabs(collection);
	return { collection, labs, days: CONDITIONS.map((condition) => labDays(collection, labs, condition.size, condition.small)) };
}

/**
 * The lab's people, measured apart (the protocol hides authors): the 200-a-day days again with
 * every paper's authors shown, counting the hidden papers posted, those posted because an author
 * wrote a corpus paper, and the other papers the same rule posts (a shared name, not the lab).
 */
async function authorCounts(collection: readonly DatedPaper[], days: readonly LabDay[]): Promise<ShardResult['authors']> {
	const authors = new Map(collection.map((entry) => [entry.paper.id, entry.authors]));
	const shown = (paper: Paper): Paper => ({ ...paper, authors: authors.get(paper.id) ?? null });
	const counts = { days: days.length, found: 0, byAuthor: 0, others: 0 };
	for (const day of days) {
		const { picks } = await rankFeedPapers(buildSearchIndex(day.corpus.map(shown)), day.papers.map(shown), { max: MAX });
		counts.found += picks.some((pick) => pick.paper.id === day.hidden.id) ? 1 : 0;
		for (const pick of picks.filter((pick) => pick.reason.kind === 'author')) {
			if (pick.paper.id === day.hidden.id) counts.byAuthor++;
			else counts.others++;
		}
	}
	return counts;
}

/** How often another paper of the same lab is among a lab paper's five most similar, over the whole collection. */
function similarCounts(collection: readonly DatedPaper[], labs: readonly Lab[]): ShardResult['similar'] {
	const index = buildSearchIndex(collection.map((entry) => entry.paper));
	const counts = { found: 0, asked: 0 };
	for (const lab of labs) {
		const own = new Set(lab.papers.map((entry) => entry.paper.id));
		for (const entry of lab.papers) {
			counts.asked++;
			if (similarPapers(index, entry.paper.id, 5).some((similar) => own.has(similar.paper.id))) counts.found++;
		}
	}
	return counts;
}

/** Shard `shard` of `shards`: every day, and every lab, whose position modulo `shards` is `shard`. */
export async function runShard(path: string, shard: number, shards: number): Promise<ShardResult> {
	const { collection, labs, days } = readProtocol(path);
	const mine = <T>(items: readonly T[]) => items.map((item, at) => ({ item, at })).filter(({ at }) => at % shards === shard);
	const outcomes: DayOutcome[][][] = [];
	for (const conditionDays of days) {
		const byRanker: DayOutcome[][] = [];
		for (const ranker of RANKERS) {
			const found: DayOutcome[] = [];
			for (const { item: day, at } of mine(conditionDays)) {
				const posted = await ranker.rank(day);
				found.push({ day: at, position: posted.indexOf(day.hidden.id) + 1, posted: posted.length });
			}
			byRanker.push(found);
		}
		outcomes.push(byRanker);
	}
	return {
		outcomes,
		authors: await authorCounts(
			collection,
			mine(days[0]!).map(({ item }) => item),
		),
		similar: similarCounts(
			collection,
			mine(labs).map(({ item }) => item),
		),
	};
}

if (parentPort && workerData?.feedShard) {
	const { path, shard, shards } = workerData.feedShard as { path: string; shard: number; shards: number };
	parentPort.postMessage(await runShard(path, shard, shards));
}
