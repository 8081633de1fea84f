/**
 * The feed check: how well the feed's ranking finds a lab's papers in a day of arXiv. A lab corpus
 * is drawn from one category of ../shared/evaldata/arxiv/arxiv-cs-2025; some of its papers are
 * hidden and mixed into a day of papers from other categories; the ranking's picks at `max` are
 * scored against the hidden ones. Run: `npx tsx tests/eval/feed-check.ts`. P@max is at most
 * HIDDEN_PER_DAY / MAX when a day posts MAX papers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Paper } from '../../src/corpus/paper.js';
import { CLOSENESS_FLOOR, rankFeedPapers } from '../../src/feed/rank.js';
import { seededRandom } from '../../src/schedule/seeded-random.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';

const COLLECTION = new URL('../../../shared/evaldata/arxiv/arxiv-cs-2025/arxiv_cs_2025_shiyibihua.jsonl', import.meta.url);
const TOPICS = ['cs.RO', 'eess.SY'];
const CORPUS_SIZES = [10, 300];
const DAYS = 20;
const HIDDEN_PER_DAY = 5;
const OTHERS_PER_DAY = 195;
const MAX = 10;

interface Row {
	id: string;
	title: string;
	authors: string;
	categories: string;
	abstract: string;
	published: string;
}

function readCollection(): Paper[] {
	return readFileSync(COLLECTION, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Row)
		.map((row) => ({
			id: row.id,
			title: row.title,
			authors: row.authors.split(/,\s*/),
			abstract: row.abstract,
			categories: row.categories.split(' '),
			venue: null,
			comment: null,
			journal_ref: null,
			doi: null,
			code_url: null,
			published: row.published || null,
			updated: null,
		}));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy;
}

/** Mean precision, recall and picks per day over DAYS days, for one topic, corpus size and floor. */
function check(papers: readonly Paper[], topic: string, corpusSize: number, floor: number) {
	const random = seededRandom(corpusSize * 7919 + topic.length);
	const onTopic = shuffled(
		papers.filter((paper) => paper.categories?.[0] === topic),
		random,
	);
	const offTopic = papers.filter((paper) => !paper.categories?.includes(topic));
	const corpus = onTopic.slice(0, Math.min(corpusSize, onTopic.length - DAYS * HIDDEN_PER_DAY));
	const hiddenPool = onTopic.slice(corpus.length);
	const index = buildSearchIndex(corpus);
	let precision = 0;
	let recall = 0;
	let picked = 0;
	for (let day = 0; day < DAYS; day++) {
		const hidden = hiddenPool.slice(day * HIDDEN_PER_DAY, (day + 1) * HIDDEN_PER_DAY);
		const others = shuffled(offTopic, random).slice(0, OTHERS_PER_DAY);
		const hiddenIds = new Set(hidden.map((paper) => paper.id));
		const picks = rankFeedPapers(index, shuffled([...hidden, ...others], random), { max: MAX, floor });
		const found = picks.filter((pick) => hiddenIds.has(pick.paper.id)).length;
		precision += picks.length ? found / picks.length : 1;
		recall += found / hidden.length;
		picked += picks.length;
	}
	return { precision: precision / DAYS, recall: recall / DAYS, picked: picked / DAYS };
}

/** The feed check's table, or why it was skipped; `npm run eval` prints it beside the search tables. */
export function feedCheckReport(): string {
	if (!existsSync(COLLECTION)) return `feed check: skipped, ${COLLECTION.pathname} is not here\n`;
	const papers = readCollection();
	const lines = [
		`feed check: ${DAYS} days of ${HIDDEN_PER_DAY} hidden lab papers among ${OTHERS_PER_DAY} others, max ${MAX}`,
		'topic    corpus  floor   P@max   R@max   posted/day',
	];
	for (const topic of TOPICS) {
		for (const size of CORPUS_SIZES) {
			for (const floor of [0, CLOSENESS_FLOOR]) {
				const result = check(papers, topic, size, floor);
				lines.push(
					[
						topic.padEnd(8),
						String(size).padStart(6),
						floor.toFixed(2).padStart(6),
						result.precision.toFixed(4).padStart(7),
						result.recall.toFixed(4).padStart(7),
						result.picked.toFixed(1).padStart(12),
					].join(' '),
				);
			}
		}
	}
	return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(feedCheckReport());
