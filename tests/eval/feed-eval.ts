/**
 * The arXiv feed measured the way a lab lives it (protocol in tests/eval/feed-labs.ts): for each
 * day, is the lab's hidden paper among the papers posted? paperbot's feed as shipped (`max` 10, its
 * stand-out rule and all) beside two tf-idf anchors, on the tuning and the reported half of the
 * labs, with 95% bootstrap intervals over labs; then the lab's people and `/paper similar` over the
 * same labs. The days are shared out among worker threads, one per core (tests/eval/feed-shard.ts).
 * Last in `npm run eval`, or alone: `npm run eval -- --feed`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { seededRandom } from '../../src/schedule/seeded-random.js';
import { CONDITIONS, type DayOutcome, MAX, RANKERS, readProtocol, runShard, type ShardResult } from './feed-shard.js';
import type { Lab } from './feed-labs.js';

const COLLECTION = new URL('../../../shared/evaldata/arxiv/arxiv-cs-2025/arxiv_cs_2025_shiyibihua.jsonl', import.meta.url);
const RESAMPLES = 1_000;
const SHARD_MODULE = new URL('./feed-shard.ts', import.meta.url).href;

/** One day's outcome for one ranking, with its lab. */
interface Outcome {
	lab: Lab;
	position: number;
	posted: number;
}

const recall = (outcome: Outcome) => (outcome.position > 0 ? 1 : 0);
const reciprocal = (outcome: Outcome) => (outcome.position > 0 ? 1 / outcome.position : 0);
const ndcg = (outcome: Outcome) => (outcome.position > 0 ? 1 / Math.log2(outcome.position + 1) : 0);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const three = (value: number) => value.toFixed(3);

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

/** Every shard's result: in worker threads, one per core, or in this thread on a single core. */
async function runShards(path: string): Promise<ShardResult[]> {
	const shards = Math.max(1, Math.min(availableParallelism(), 4));
	if (shards === 1) return [await runShard(path, 0, 1)];
	return Promise.all(
		Array.from(
			{ length: shards },
			(_, shard) =>
				new Promise<ShardResult>((resolve, reject) => {
					// A worker does not inherit tsx's loader: it loads the shard's TypeScript through tsx's API.
					const worker = new Worker(
						`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(SHARD_MODULE)}, ${JSON.stringify(import.meta.url)}))`,
						{
							eval: true,
							workerData: { feedShard: { path, shard, shards } },
						},
					);
					worker.once('message', resolve);
					worker.once('error', reject);
					worker.once('exit', (code) => reject(new Error(`feed evaluation shard ${shard} stopped (exit code ${code})`)));
				}),
		),
	);
}

/** The feed table, the author figure and the `/paper similar` figure, or why they were skipped. */
export async function feedEvalReport(): Promise<string> {
	if (!existsSync(COLLECTION)) return `arXiv feed evaluation: skipped, ${COLLECTION.pathname} is not here\n`;
	// The workers start first: this thread reads the protocol (to name each outcome's lab) while they rank.
	const running = runShards(COLLECTION.pathname);
	const { collection, labs, days } = readProtocol(COLLECTION.pathname);
	const results = await running;
	const outcomesOf = (condition: number, ranker: number): Outcome[] =>
		results
			.flatMap((result) => result.outcomes[condition]![ranker]!)
			.sort((a: DayOutcome, b: DayOutcome) => a.day - b.day)
			.map(({ day, position, posted }) => ({ lab: days[condition]![day]!.lab, position, posted }));
	const halves = ['tuning', 'reported'] as const;
	const count = (half: string) => labs.filter((lab) => lab.half === half).length;
	const dayCount = (half: string) => days[0]!.filter((day) => day.lab.half === half).length;
	const lines = [
		`arXiv feed: ${labs.length} labs from arxiv-cs-2025 (tuning half: ${count('tuning')} labs, ${dayCount('tuning')} days; reported half: ${count('reported')} labs, ${dayCount('reported')} days), max ${MAX}`,
		'half      condition          ranking                  R@10 [95% interval]      MRR@10  nDCG@10  posted/day',
	];
	for (const half of halves) {
		CONDITIONS.forEach((condition, c) => {
			RANKERS.forEach((ranker, r) => {
				const outcomes = outcomesOf(c, r).filter((outcome) => outcome.lab.half === half);
				const [low, high] = bootstrap(outcomes, recall);
				lines.push(
					[
						(r === 0 && c === 0 ? half : '').padEnd(9),
						(r === 0 ? condition.name : '').padEnd(18),
						ranker.name.padEnd(24),
						`${three(mean(outcomes.map(recall)))} [${three(low)}, ${three(high)}]`.padEnd(24),
						three(mean(outcomes.map(reciprocal))).padStart(6),
						three(mean(outcomes.map(ndcg))).padStart(8),
						mean(outcomes.map((outcome) => outcome.posted))
							.toFixed(1)
							.padStart(11),
					].join(' '),
				);
			});
		});
	}
	const sum = (of: (result: ShardResult) => number) => results.reduce((total, result) => total + of(result), 0);
	const authorDays = sum((result) => result.authors.days);
	const [found, asked] = [sum((result) => result.similar.found), sum((result) => result.similar.asked)];
	lines.push(
		`With authors shown (200 a day, both halves, ${authorDays} days): the lab's paper posted on ${three(sum((result) => result.authors.found) / authorDays)} of days, by the author rule on ${three(sum((result) => result.authors.byAuthor) / authorDays)}; other papers posted by the author rule: ${(sum((result) => result.authors.others) / authorDays).toFixed(2)} a day`,
		`/paper similar: for ${found} of ${asked} lab papers (${three(found / asked)}) another paper of the same lab is among the five most similar, over all ${collection.length.toLocaleString('en')} papers`,
	);
	return `${lines.join('\n')}\n`;
}
