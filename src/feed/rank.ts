import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import { findTerm } from '../search/postings.js';
import { accumulateScores, topScored } from '../search/rank.js';
import { termsOf } from '../search/text.js';

/** Why a feed paper was picked: the corpus paper it is closest to, or a digest topic it matches. */
export type FeedReason = { kind: 'corpus'; paper: Paper } | { kind: 'topic'; topic: string };

/** A feed paper worth posting, with its closeness to the corpus and the reason. */
export interface FeedPick {
	paper: Paper;
	/** Closeness to the corpus as a share of the lab's own cohesion, plus {@link TOPIC_BONUS} when it matches a topic. */
	score: number;
	reason: FeedReason;
}

/** What ranking takes besides the papers. */
export interface RankFeedOptions {
	/** Most papers kept. */
	max: number;
	/** The server's digest topics: a paper matching one clears the floor whatever its closeness. */
	topics?: readonly string[];
	/** The feed papers a topic matches, by the subscriptions' all-words rule. */
	matchTopic?: (topic: string) => readonly Paper[];
	/** Least closeness kept; default {@link CLOSENESS_FLOOR}. */
	floor?: number;
}

/**
 * Least closeness kept, as a share of how close the lab's own papers are to each other. Chosen
 * with the feed check of `npm run eval` (tests/eval/feed-check.ts), which shows it holding for a
 * ten-paper corpus and one of hundreds.
 */
export const CLOSENESS_FLOOR = 0.9;
/** Added to a topic match's score, so topic matches come before papers that are only close. */
const TOPIC_BONUS = 10;
/** Corpus papers compared closely with each feed paper: the best the index finds for its words. */
const CANDIDATES = 20;
/** How many of the closest corpus papers a feed paper's closeness averages over: the lab's work, not one paper. */
const NEAREST = 3;
/** Corpus papers sampled to measure how close the lab's papers are to each other. */
const COHESION_SAMPLE = 50;
/** A feed paper's words that go into the index query: its rarest, by idf over corpus and feed. */
const QUERY_WORDS = 32;
const MIN_WORD_LENGTH = 3;

/** Words too common in any English abstract to say what a paper is about. */
const STOP_WORDS = new Set(
	(
		'the and for with that this from are our which its their these those have has been was were can not but into than then also such ' +
		'both each more most other some over under between through while when where how what who all any new use using used based via ' +
		'show shows propose proposed paper approach method methods results result model models work however well across about two one ' +
		'first further large existing state art'
	).split(' '),
);

/** A paper's distinct content words: title and abstract, folded as search folds them. */
function contentWords(paper: Paper): Set<string> {
	const words = termsOf(`${paper.title ?? ''} ${paper.abstract}`);
	return new Set(words.filter((word) => word.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(word) && !/^\d+$/.test(word)));
}

/**
 * Inverse document frequency over the day's feed: the feed is a sample of the lab's fields, so
 * words common in it say little about closeness to the lab. The corpus is no background: its own
 * topic words would count for nothing.
 */
function feedIdf(feedWords: readonly Set<string>[]): (word: string) => number {
	const inFeed = new Map<string, number>();
	for (const words of feedWords) for (const word of words) inFeed.set(word, (inFeed.get(word) ?? 0) + 1);
	const total = feedWords.length + 1;
	return (word) => Math.log(1 + total / ((inFeed.get(word) ?? 0) + 1));
}

function norm(words: Set<string>, idf: (word: string) => number): number {
	let sum = 0;
	for (const word of words) sum += idf(word) ** 2;
	return Math.sqrt(sum);
}

interface Closeness {
	/** The corpus paper closest of all. */
	closest: Paper;
	/** Mean cosine similarity to the {@link NEAREST} closest corpus papers. */
	closeness: number;
}

/** Compares word sets with the corpus: cosine of idf-weighted word sets, among the index's best matches for the rarest words. */
function corpusComparer(index: PaperIndex, idf: (word: string) => number) {
	const cache = new Map<number, { words: Set<string>; norm: number }>();
	const corpusPaper = (paperNo: number) => {
		let entry = cache.get(paperNo);
		if (!entry) {
			const words = contentWords(index.papers[paperNo]!);
			cache.set(paperNo, (entry = { words, norm: norm(words, idf) }));
		}
		return entry;
	};
	function compare(words: Set<string>, except = -1): Closeness | null {
		const query = [...words]
			.map((word) => ({ term: findTerm(index.postings, word), weight: idf(word) }))
			.filter((entry) => entry.term >= 0)
			.sort((a, b) => b.weight - a.weight)
			.slice(0, QUERY_WORDS);
		if (query.length === 0) return null;
		accumulateScores(
			index.postings,
			index.buffers,
			query.map((entry) => [entry]),
		);
		const ownNorm = norm(words, idf);
		const nearest = topScored(index.buffers, CANDIDATES, (paperNo) => paperNo !== except)
			.map(({ paperNo }) => {
				const other = corpusPaper(paperNo);
				let shared = 0;
				for (const word of words) if (other.words.has(word)) shared += idf(word) ** 2;
				return { paper: index.papers[paperNo]!, closeness: shared / (ownNorm * other.norm || 1) };
			})
			.sort((a, b) => b.closeness - a.closeness)
			.slice(0, NEAREST);
		if (nearest.length === 0) return null;
		return { closest: nearest[0]!.paper, closeness: nearest.reduce((sum, entry) => sum + entry.closeness, 0) / nearest.length };
	}
	/** How close the lab's own papers are to the rest of the lab (median over a sample): the best a new paper can be expected to score. */
	function labCohesion(): number {
		const count = index.papers.length;
		const step = Math.max(1, Math.floor(count / COHESION_SAMPLE));
		const values: number[] = [];
		for (let paperNo = 0; paperNo < count && count > 1; paperNo += step) {
			values.push(compare(corpusPaper(paperNo).words, paperNo)?.closeness ?? 0);
		}
		values.sort((a, b) => a - b);
		const median = values[Math.floor(values.length / 2)] ?? 0;
		return median > 0 ? median : 1;
	}
	return { compare, labCohesion };
}

/**
 * Ranks a day's new papers by closeness to the lab's corpus. Each is compared with the corpus
 * papers most like it: cosine similarity of idf-weighted title and abstract words (idf over the
 * day's feed), averaged over its three closest corpus papers, and divided by how close the lab's
 * own papers are to each other, so the floor means the same for ten papers or a hundred thousand.
 * Keeps the best `max` at or above the floor, or matching a digest topic, most relevant first,
 * each with its reason. Papers already in the corpus are left out.
 */
export function rankFeedPapers(index: PaperIndex, papers: readonly Paper[], options: RankFeedOptions): FeedPick[] {
	const floor = options.floor ?? CLOSENESS_FLOOR;
	const fresh = papers.filter((paper) => !index.numbers.has(paper.id));
	const feedWords = fresh.map(contentWords);
	const comparer = corpusComparer(index, feedIdf(feedWords));
	const cohesion = comparer.labCohesion();
	const topicOf = new Map<string, string>();
	for (const topic of options.topics ?? []) {
		for (const paper of options.matchTopic?.(topic) ?? []) if (!topicOf.has(paper.id)) topicOf.set(paper.id, topic);
	}
	const picks: FeedPick[] = [];
	fresh.forEach((paper, position) => {
		const compared = comparer.compare(feedWords[position]!);
		const closeness = (compared?.closeness ?? 0) / cohesion;
		const topic = topicOf.get(paper.id);
		if (compared && closeness >= floor) {
			picks.push({ paper, score: closeness + (topic ? TOPIC_BONUS : 0), reason: { kind: 'corpus', paper: compared.closest } });
		} else if (topic) {
			picks.push({ paper, score: closeness + TOPIC_BONUS, reason: { kind: 'topic', topic } });
		}
	});
	return picks.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id)).slice(0, options.max);
}
