/**
 * `npx tsx tests/eval/feed-dismissal.ts` (about four minutes): what the Not for us weight costs.
 * Over the feed evaluation's labs (tests/eval/feed-labs.ts), 200 papers a day, each lab's days in
 * order: every day the lab marks three of the posted papers that are not its own Not for us (the
 * three ranked highest, or the three ranked lowest), and R@10 is read on its days after the first,
 * for each weight. The protocol has no papers a lab truly does not want, so this shows only what
 * marking costs the lab's own next papers, not what it gains.
 */
import { existsSync } from 'node:fs';
import type { Paper } from '../../src/corpus/paper.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { findLabs, labDays, readCollection, type LabDay } from './feed-labs.js';

const COLLECTION = new URL('../../../shared/evaldata/arxiv/arxiv-cs-2025/arxiv_cs_2025_shiyibihua.jsonl', import.meta.url);
const WEIGHTS = [0, 0.25, 0.5, 1];
const MARKED_A_DAY = 3;
const MAX = 10;

/** The share of a lab's later days whose hidden paper is posted, when `mark` picks what the lab marks from each day's post. */
async function recallWithMarks(byLab: readonly LabDay[][], weight: number, mark: (posted: Paper[]) => Paper[]): Promise<number> {
	let found = 0;
	let days = 0;
	for (const labDaysInOrder of byLab) {
		const dismissed: Paper[] = [];
		for (const [at, day] of labDaysInOrder.entries()) {
			const { picks } = await rankFeedPapers(buildSearchIndex(day.corpus), day.papers, {
				max: MAX,
				dismissed: dismissed.map((paper) => ({ paper, marks: 1 })),
				weights: { dismissed: weight },
			});
			const posted = picks.map((pick) => pick.paper);
			if (at > 0) {
				days++;
				if (posted.includes(day.hidden)) found++;
			}
			dismissed.push(...mark(posted.filter((paper) => paper !== day.hidden)));
		}
	}
	return found / days;
}

if (!existsSync(COLLECTION)) {
	console.log(`feed dismissal: skipped, ${COLLECTION.pathname} is not here`);
	process.exit(0);
}
const collection = readCollection(COLLECTION.pathname);
const labs = findLabs(collection);
const days = labDays(collection, labs, 200, false);
console.log(`half      marked          ${WEIGHTS.map((weight) => `weight ${weight}`.padStart(12)).join('')}`);
for (const half of ['tuning', 'reported'] as const) {
	const byLab = labs
		.filter((lab) => lab.half === half)
		.map((lab) => days.filter((day) => day.lab === lab))
		.filter((labDaysInOrder) => labDaysInOrder.length > 1);
	for (const [name, mark] of [
		['highest three', (posted: Paper[]) => posted.slice(0, MARKED_A_DAY)],
		['lowest three', (posted: Paper[]) => posted.slice(-MARKED_A_DAY)],
	] as const) {
		const figures: string[] = [];
		for (const weight of WEIGHTS) figures.push((await recallWithMarks(byLab, weight, mark)).toFixed(3).padStart(12));
		console.log(`${half.padEnd(10)}${name.padEnd(16)}${figures.join('')}`);
	}
}
