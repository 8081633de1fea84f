import type { Paper } from '../corpus/paper.js';
import { hasPaper, type PaperIndex } from '../search/paper-index.js';
import { corpusAuthorOf } from './authors.js';
import { candidatesFromIndex, centroid, cosines, labSample, type PaperVector, SimilaritySpace, upperFence } from '../search/similarity.js';

/**
 * Why a feed paper was picked: a digest topic it matches, an author of it who wrote a corpus paper
 * (named as the new paper names them), or the corpus paper it is closest to.
 */
export type FeedReason =
	| { kind: 'topic'; topic: string }
	| { kind: 'author'; name: string; paper: Paper }
	| { kind: 'corpus'; paper: Paper; shared: readonly string[] };

/** A feed paper worth posting, with how it stands among the day's papers and the reason. */
export interface FeedPick {
	paper: Paper;
	/** Closeness to the lab (see {@link rankFeedPapers}); comparable within one day only. */
	score: number;
	/** Share of the day's other papers less close to the lab, 0–1: 0.97 reads "closer than 97% of today's papers". */
	standing: number;
	reason: FeedReason;
}

/** A day's ranking: what to post, and how many papers it was chosen from. */
export interface FeedRanking {
	/** At most `max` papers: topic matches, then papers by the corpus's authors, then the closest that stand out. */
	picks: FeedPick[];
	/** The day's new papers that were ranked (those not in the corpus). */
	ranked: number;
	/**
	 * How many of them stood out from the day's scores (see {@link STANDOUT_FENCE}) and share more with
	 * their closest lab paper than the lab's least related pair of papers (see leastRelatedPair); may exceed `max`.
	 */
	standingOut: number;
}

/** What ranking takes besides the papers. */
export interface RankFeedOptions {
	/** Most papers kept. */
	max: number;
	/** The server's digest topics: a paper matching one is kept whatever its closeness. */
	topics?: readonly string[];
	/** The feed papers a topic matches, by the subscriptions' all-words rule. */
	matchTopic?: (topic: string) => readonly Paper[];
	/** Feed papers the lab took up from earlier posts: ranked against as the lab's own papers. */
	own?: readonly Paper[];
	/** Feed papers members marked Not for us, with how many members did: papers like them rank lower. */
	dismissed?: readonly { paper: Paper; marks: number }[];
	/** Other weights for the score's parts than the shipped {@link FEED_WEIGHTS}: for tuning them. */
	weights?: Partial<FeedWeights>;
}

/**
 * A day paper's score: closeness to the lab's centroid plus its mean closeness to its nearest
 * corpus papers, less a little of its closeness to the day's own centroid (a paper typical of the
 * whole day, such as a survey of the field, is no sign of the lab). Chosen on the tuning half of
 * the feed evaluation (DESIGN.md, "The arXiv feed"). A paper also loses its closeness to the
 * papers members marked **Not for us**: a quarter of its cosine with the closest of them, times the
 * square root of the number of members who marked it (one mark weighs a quarter, four weigh half).
 */
export const FEED_WEIGHTS = { centroid: 1, nearest: 1, typical: 0.1, dismissed: 0.25 } as const;
/** The weights of a day paper's score's parts (see {@link FEED_WEIGHTS}). */
export type FeedWeights = { readonly [part in keyof typeof FEED_WEIGHTS]: number };
/** How many of a paper's closest corpus papers its nearness averages over: the lab's work, not one paper. */
const NEAREST = 3;
/**
 * A paper stands out when it scores above the day's upper quartile by this share of the day's
 * interquartile range (Tukey's fence with a short reach): on the evaluation's days it drops
 * almost no lab paper from a post of 10, yet a small day whose papers are all alike posts fewer.
 */
export const STANDOUT_FENCE = 0.5;
/** Corpus papers compared closely with a day paper when the corpus is larger than the lab sample: the best the index finds for its words. */
const CANDIDATES = 10;
/**
 * Lab papers (the newest of the sample) whose pairs set the floor a paper close to the lab must
 * clear (see {@link leastRelatedPair}): enough to find the lab's loose ends, few enough that their
 * 20,000 pairs cost a large corpus a fraction of a second.
 */
const FLOOR_PAPERS = 200;
/** Shared terms a pick names, strongest first. */
const SHARED_TERMS = 3;
/** Longest stretch of ranking between two yields to the event loop, so the bot keeps answering. */
const SLICE_MS = 20;

/**
 * A pause to call between steps of a long computation: it yields to the event loop once
 * {@link SLICE_MS} have passed since the last yield, so timers and interactions run in between.
 */
function slices(): () => Promise<void> {
	let sliceStart = performance.now();
	return async () => {
		if (performance.now() - sliceStart < SLICE_MS) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		sliceStart = performance.now();
	};
}

/** The corpus side of a day's comparison: the lab's centroid, and the nearest corpus papers of any paper. */
interface Lab {
	centroid: PaperVector;
	/** Mean cosine of `vector` with its {@link NEAREST} closest lab papers, the closest one and its cosine. */
	nearest(vector: PaperVector, paper: Paper): Nearest;
}

/** A paper's nearness to the lab: see {@link Lab.nearest}. */
interface Nearest {
	closeness: number;
	closest: Paper | null;
	/** The cosine with the closest paper. */
	link: number;
}

/**
 * The lab: the corpus's `sample` (paper numbers) with their `vectors`, and the feed papers it took
 * up as its own (`own`, with `ownVectors`), which are always compared. The nearest papers of a
 * corpus larger than the sample come from the index.
 */
function labOf(
	index: PaperIndex,
	space: SimilaritySpace,
	sample: Uint32Array,
	vectors: readonly PaperVector[],
	own: readonly Paper[],
	ownVectors: readonly PaperVector[],
): Lab {
	const whole = sample.length === index.papers.length;
	const buffer = new Float64Array(Math.max(whole ? vectors.length : CANDIDATES, 1) + own.length);
	const known = new Map<number, PaperVector>(Array.from(sample, (paperNo, position) => [paperNo, vectors[position]!]));
	return {
		centroid: centroid([...vectors, ...ownVectors]),
		nearest(vector, paper) {
			const paperNos = whole ? Array.from(sample) : candidatesFromIndex(index, paper, CANDIDATES);
			const others = paperNos.map((paperNo) => {
				let other = known.get(paperNo);
				if (!other) known.set(paperNo, (other = space.vector(index.papers.at(paperNo)!)));
				return other;
			});
			const papers = [...paperNos.map((paperNo) => index.papers.at(paperNo)!), ...own];
			return meanOfBest(cosines(vector, [...others, ...ownVectors], buffer).subarray(0, papers.length), papers);
		},
	};
}

/** The mean of the {@link NEAREST} highest similarities, and the paper of the highest. */
function meanOfBest(similarities: Float64Array, papers: readonly Paper[]): Nearest {
	const best = [-1, -1, -1].slice(0, NEAREST);
	let closest = -1;
	for (let i = 0; i < similarities.length; i++) {
		const similarity = similarities[i]!;
		if (closest < 0 || similarity > similarities[closest]!) closest = i;
		const lowest = best.indexOf(Math.min(...best));
		if (similarity > best[lowest]!) best[lowest] = similarity;
	}
	const found = best.filter((similarity) => similarity >= 0);
	return {
		closeness: found.length ? found.reduce((sum, similarity) => sum + similarity, 0) / found.length : 0,
		closest: closest < 0 ? null : papers[closest]!,
		link: closest < 0 ? 0 : similarities[closest]!,
	};
}

/**
 * What the lab's least related pair of its own papers share: the least cosine between two of its
 * {@link FLOOR_PAPERS} newest papers. A day paper sharing no more than that with its closest lab
 * paper is not close to the lab, whatever its standing among a day far from the lab. Zero for a
 * lab of one paper.
 */
async function leastRelatedPair(labVectors: readonly PaperVector[], pause: () => Promise<void>): Promise<number> {
	const vectors = labVectors.slice(0, FLOOR_PAPERS);
	let least = vectors.length < 2 ? 0 : Number.POSITIVE_INFINITY;
	for (let i = 0; i + 1 < vectors.length; i++) {
		least = Math.min(least, ...cosines(vectors[i]!, vectors.slice(i + 1)));
		await pause();
	}
	return least;
}

/**
 * Ranks a day's new papers by closeness to the lab's corpus and picks what to post. Papers are
 * compared as {@link SimilaritySpace} vectors with idf over the lab and the day; a paper's score
 * adds its cosine with the lab's centroid and its mean cosine with its three closest corpus papers,
 * and takes away a tenth of its cosine with the day's centroid. There is no fixed floor: the picks
 * are the best `max` of the papers that stand out from the day's own scores (Tukey's fence, see
 * {@link STANDOUT_FENCE}) with a score above zero and more in common with their closest lab paper
 * than the lab's least related pair of papers have (each named with the terms it shares most with
 * that paper), after any paper matching a digest topic and any
 * paper by an author of a corpus paper (see corpusAuthorOf), so a day with nothing close posts
 * fewer or none. Papers already in the corpus are left out. Ranking yields to the event loop
 * every few milliseconds, so a large day against a large corpus never holds up the bot.
 */
export async function rankFeedPapers(index: PaperIndex, papers: readonly Paper[], options: RankFeedOptions): Promise<FeedRanking> {
	const fresh = papers.filter((paper) => !hasPaper(index, paper.id));
	if (fresh.length === 0) return { picks: [], ranked: 0, standingOut: 0 };
	const pause = slices();
	const sample = labSample(index);
	const own = (options.own ?? []).filter((paper) => !hasPaper(index, paper.id));
	const dismissed = options.dismissed ?? [];
	const space = new SimilaritySpace();
	for (const paper of [...Array.from(sample, (paperNo) => index.papers.at(paperNo)!), ...own, ...fresh]) {
		space.addToBackground(paper);
		await pause();
	}
	const labVectors: PaperVector[] = [];
	for (const paperNo of sample) {
		labVectors.push(space.vector(index.papers.at(paperNo)!));
		await pause();
	}
	const lab = labOf(
		index,
		space,
		sample,
		labVectors,
		own,
		own.map((paper) => space.vector(paper)),
	);
	const floor = await leastRelatedPair(labVectors, pause);
	const dismissedVectors = dismissed.map(({ paper }) => space.vector(paper));
	const markWeights = dismissed.map(({ marks }) => Math.sqrt(marks));
	const vectors = fresh.map((paper) => space.vector(paper));
	const toLab = cosines(lab.centroid, vectors);
	const toDay = cosines(centroid(vectors), vectors);
	const weights: FeedWeights = { ...FEED_WEIGHTS, ...options.weights };
	const scores = new Float64Array(fresh.length);
	const nearness: Nearest[] = [];
	const toDismissed = new Float64Array(dismissed.length);
	for (let i = 0; i < fresh.length; i++) {
		const nearest = lab.nearest(vectors[i]!, fresh[i]!);
		const unwanted = dismissed.length
			? Math.max(...cosines(vectors[i]!, dismissedVectors, toDismissed).map((similarity, d) => similarity * markWeights[d]!))
			: 0;
		scores[i] =
			weights.centroid * toLab[i]! + weights.nearest * nearest.closeness - weights.typical * toDay[i]! - weights.dismissed * unwanted;
		nearness.push(nearest);
		await pause();
	}
	const ranking = pickStandouts(index, fresh, scores, nearness, floor, options);
	for (const pick of ranking.picks)
		if (pick.reason.kind === 'corpus') {
			const vector = vectors[fresh.indexOf(pick.paper)]!;
			pick.reason = { ...pick.reason, shared: space.sharedTerms(vector, space.vector(pick.reason.paper), SHARED_TERMS) };
		}
	return ranking;
}

/**
 * The topic matches, then papers by the corpus's authors, then the papers above the day's fence
 * that share more with their closest lab paper than the lab's least related pair (`floor`), each closest
 * first, at most `max`.
 */
function pickStandouts(
	index: PaperIndex,
	fresh: readonly Paper[],
	scores: Float64Array,
	nearness: readonly Nearest[],
	floor: number,
	options: RankFeedOptions,
): FeedRanking {
	const fence = upperFence(scores, STANDOUT_FENCE);
	// A score at or under zero shares nothing with the lab that outweighs being typical of the day.
	const standsOut = (score: number) => score > 0 && score >= fence;
	const closeToLab = (i: number) => standsOut(scores[i]!) && nearness[i]!.link > floor;
	const sorted = Float64Array.from(scores).sort();
	const standing = (score: number) => {
		let below = 0;
		while (below < sorted.length && sorted[below]! < score) below++;
		return fresh.length > 1 ? below / (fresh.length - 1) : 1;
	};
	const topicOf = new Map<string, string>();
	for (const topic of options.topics ?? []) {
		for (const paper of options.matchTopic?.(topic) ?? []) if (!topicOf.has(paper.id)) topicOf.set(paper.id, topic);
	}
	const reasonOf = (paper: Paper, i: number): FeedReason | null => {
		const topic = topicOf.get(paper.id);
		if (topic !== undefined) return { kind: 'topic', topic };
		const author = corpusAuthorOf(index, paper, standsOut(scores[i]!));
		if (author) return { kind: 'author', name: author.name, paper: author.paper };
		const near = nearness[i]!.closest;
		return near && closeToLab(i) ? { kind: 'corpus', paper: near, shared: [] } : null;
	};
	const order: Record<FeedReason['kind'], number> = { topic: 0, author: 1, corpus: 2 };
	const picks = fresh
		.map((paper, i) => ({ paper, score: scores[i]!, reason: reasonOf(paper, i) }))
		.filter((pick): pick is Omit<FeedPick, 'standing'> => pick.reason !== null)
		.sort((a, b) => order[a.reason.kind] - order[b.reason.kind] || b.score - a.score || a.paper.id.localeCompare(b.paper.id))
		.slice(0, options.max)
		.map((pick) => ({ ...pick, standing: standing(pick.score) }));
	return { picks, ranked: fresh.length, standingOut: fresh.filter((_, i) => closeToLab(i)).length };
}

/** A pick's standing in words a reader can weigh: "closer to the lab than 97% of today's papers". */
export function standingText(pick: FeedPick): string {
	if (pick.standing === 1) return "closer to the lab than all of today's other papers";
	return `closer to the lab than ${Math.floor(pick.standing * 100)}% of today's papers`;
}
