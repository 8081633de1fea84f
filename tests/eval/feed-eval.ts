/**
 * The arXiv feed measured the way a lab lives it (protocol in tests/eval/feed-labs.ts): for each
 * day, is the lab's hidden paper among the papers posted? paperbot's feed as shipped (`max` 10, its
 * stand-out rule and all) beside two tf-idf anchors, on the tuning and the reported half of the
 * labs, with 95% bootstrap intervals over labs; then `/paper similar` over the same labs. Last in
 * `npm run eval`, or alone: `npm run eval -- --feed` (about a minute).
 */
import { existsSync } from 'node:fs';
import type { Paper } from '../../src/corpus/paper.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { seededRandom } from '../../src/schedule/seeded-random.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { similarPapers } from '../../src/search/similar.js';
import { centroidAnchor, nearestAnchor } from './feed-anchors.js';
import { type DatedPaper, findLabs, labDays, readCollection, SMALL_CORPUS, type Lab, type LabDay } from './feed-labs.js';

const COLLECTION = new URL('../../../shared/evaldata/arxiv/arxiv-cs-2025/arxiv_cs_2025_shiyibihua.jsonl', import.meta.url);
const MAX = 10;
const RESAMPLES = 1_000;

interface Ranker {
	name: string;
	/** The ids posted (or the first {@link MAX} ranked), best first. */
	rank(day: LabDay): Promise<string[]>;
}

const RANKERS: Ranker[] = [
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
interface Outcome {
	lab: Lab;
	position: number;
	posted: number;
}

const recall = (outcome: Outcome) => (outcome.position > 0 ? 1 : 0);
const reciprocal = (outcome: Outcome) => (outcome.position > 0 ? 1 / outcome.position : 0);
const ndcg = (outcome: Outcome) => (outcome.position > 0 ? 1 / Math.log2(outcome.position + 1) : 0);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** The 2.5th and 97.5th percentiles of the day-weighted mean over labs drawn with replacement. */
function bootstrap(outcomes: readonly Outcome[], metric: (outcome: Outcome) => number): [number, number] {
	const byLab = new Map<Lab, number[]>();
	for (const outcome of outcomes) byLab.set(outcome.lab, [...(byLab.get(outcome.lab) ?? []), metric(outcome)]);
	const labs = [...byLab.values()];
	const random = seededRandom(outcomes.length);
	const means: number[] = [];
	for (let draw = 0; draw < RESAMPLES; draw++) {
		let sum = 0;
		let count = 0;
		for (let i = 0; i < labs.length; i++) {
			const values = labs[Math.floor(random() * labs.length)]!;
			for (const value of values) sum += value;
			count += values.length;
		}
		means.push(sum / count);
	}
	means.sort((a, b) => a - b);
	return [means[Math.floor(0.025 * RESAMPLES)]!, means[Math.floor(0.975 * RESAMPLES)]!];
}

async function outcomesOf(ranker: Ranker, days: readonly LabDay[]): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	for (const day of days) {
		const posted = await ranker.rank(day);
		outcomes.push({ lab: day.lab, position: posted.indexOf(day.hidden.id) + 1, posted: posted.length });
	}
	return outcomes;
}

const three = (value: number) => value.toFixed(3);

/**
 * The lab's people, measured apart (the protocol hides authors): the 200-a-day days again with
 * every paper's authors shown, counting the hidden papers posted because an author wrote a corpus
 * paper, and the other papers the same rule posts (a shared name, not the lab).
 */
async function authorFigure(collection: readonly DatedPaper[], labs: readonly Lab[]): Promise<string> {
	const authors = new Map(collection.map((entry) => [entry.paper.id, entry.authors]));
	const shown = (paper: Paper): Paper => ({ ...paper, authors: authors.get(paper.id) ?? null });
	let byAuthor = 0;
	let found = 0;
	let others = 0;
	const days = labDays(collection, labs, 200, false);
	for (const day of days) {
		const { picks } = await rankFeedPapers(buildSearchIndex(day.corpus.map(shown)), day.papers.map(shown), { max: MAX });
		found += picks.some((pick) => pick.paper.id === day.hidden.id) ? 1 : 0;
		for (const pick of picks.filter((pick) => pick.reason.kind === 'author')) {
			if (pick.paper.id === day.hidden.id) byAuthor++;
			else others++;
		}
	}
	return `With authors shown (200 a day, both halves, ${days.length} days): the lab's paper posted on ${three(found / days.length)} of days, by the author rule on ${three(byAuthor / days.length)}; other papers posted by the author rule: ${(others / days.length).toFixed(2)} a day\n`;
}

/** How often another paper of the same lab is among a lab paper's five most similar, over the whole collection. */
function similarFigure(collection: readonly Paper[], labs: readonly Lab[]): string {
	const index = buildSearchIndex(collection);
	let found = 0;
	let asked = 0;
	for (const lab of labs) {
		const own = new Set(lab.papers.map((entry) => entry.paper.id));
		for (const entry of lab.papers) {
			asked++;
			if (similarPapers(index, entry.paper.id, 5).some((similar) => own.has(similar.paper.id))) found++;
		}
	}
	return `/paper similar: for ${found} of ${asked} lab papers (${three(found / asked)}) another paper of the same lab is among the five most similar, over all ${collection.length.toLocaleString('en')} papers\n`;
}

/** The feed table and the `/paper similar` figure, or why they were skipped. */
export async function feedEvalReport(): Promise<string> {
	if (!existsSync(COLLECTION)) return `arXiv feed evaluation: skipped, ${COLLECTION.pathname} is not here\n`;
	const collection = readCollection(COLLECTION.pathname);
	const labs = findLabs(collection);
	const conditions = [
		{ name: '200 a day', days: labDays(collection, labs, 200, false) },
		{ name: '500 a day', days: labDays(collection, labs, 500, false) },
		{ name: `${SMALL_CORPUS}-paper corpus`, days: labDays(collection, labs, 200, true) },
	];
	const halves = ['tuning', 'reported'] as const;
	const count = (half: string) => labs.filter((lab) => lab.half === half).length;
	const days = (half: string) => conditions[0]!.days.filter((day) => day.lab.half === half).length;
	const lines = [
		`arXiv feed: ${labs.length} labs from arxiv-cs-2025 (tuning half: ${count('tuning')} labs, ${days('tuning')} days; reported half: ${count('reported')} labs, ${days('reported')} days), max ${MAX}`,
		'half      condition          ranking                  R@10 [95% interval]      MRR@10  nDCG@10  posted/day',
	];
	for (const half of halves) {
		for (const condition of conditions) {
			const inHalf = condition.days.filter((day) => day.lab.half === half);
			for (const ranker of RANKERS) {
				const outcomes = await outcomesOf(ranker, inHalf);
				const [low, high] = bootstrap(outcomes, recall);
				lines.push(
					[
						(ranker === RANKERS[0] && condition === conditions[0] ? half : '').padEnd(9),
						(ranker === RANKERS[0] ? condition.name : '').padEnd(18),
						ranker.name.padEnd(24),
						`${three(mean(outcomes.map(recall)))} [${three(low)}, ${three(high)}]`.padEnd(24),
						three(mean(outcomes.map(reciprocal))).padStart(6),
						three(mean(outcomes.map(ndcg))).padStart(8),
						mean(outcomes.map((outcome) => outcome.posted))
							.toFixed(1)
							.padStart(11),
					].join(' '),
				);
			}
		}
	}
	return `${lines.join('\n')}\n${await authorFigure(collection, labs)}${similarFigure(
		collection.map((entry) => entry.paper),
		labs,
	)}`;
}
