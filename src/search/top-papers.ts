import type { PaperFilter } from './filters.js';
import { documentFrequency, IMPACT_STEPS, type Postings } from './postings.js';
import { accumulateScores, type ScoreBuffers, type ScoredPaper, type TermExpansion, termFactor, topScored } from './rank.js';

/**
 * The best `limit` papers for a query's expanded words that pass `accept`, as accumulateScores
 * then topScored rank them, to the bit, without adding every posting of the words most papers have
 * when that can change nothing. The other words are added first; when the common words' largest
 * possible scores together cannot lift a paper those words left below the last place into it,
 * only the papers that may still reach it are scored, looking each up in the common words' lists
 * (see exactScores). Otherwise the common words are added too.
 *
 * At a million papers a word most papers have makes most of a query's time: its list is the
 * longest, and every paper it touches has to be ranked, though its idf is near zero.
 */
export function topPapers(
	postings: Postings,
	buffers: ScoreBuffers,
	words: readonly TermExpansion[][],
	limit: number,
	accept: PaperFilter | null,
): ScoredPaper[] {
	const expansions = words.flat();
	if (expansions.length === 1) return topOfOneTerm(postings, expansions[0]!, limit, accept);
	const isCommon = (expansion: TermExpansion) => documentFrequency(postings, expansion.term) >= postings.paperCount * COMMON_SHARE;
	const common = expansions.filter(isCommon);
	const rare = expansions.filter((expansion) => !isCommon(expansion));
	if (common.length === 0 || rare.length === 0) {
		accumulateScores(postings, buffers, words);
		return topScored(buffers, limit, accept);
	}
	accumulateScores(postings, buffers, [rare]);
	const partial = topScored(buffers, limit, accept);
	const commonBound = common.reduce((sum, { term, weight }) => sum + IMPACT_STEPS * termFactor(postings, term, weight), 0);
	const threshold = partial.length === limit ? partial.at(-1)!.score : 0;
	if (commonBound + marginBelow(threshold) < threshold) {
		return exactlyBest(postings, buffers, words, threshold - commonBound - marginBelow(threshold), limit, accept);
	}
	// Added in another order than the query's, the scores may differ from its in their last bits:
	// the papers near the last place are scored again exactly.
	accumulateScores(postings, buffers, [common], true);
	const approximate = topScored(buffers, limit, accept);
	if (approximate.length < limit)
		return bestOf(
			exactScores(
				postings,
				words,
				approximate.map(({ paperNo }) => paperNo),
			),
			limit,
		);
	const last = approximate.at(-1)!.score;
	return exactlyBest(postings, buffers, words, last - marginBelow(last), limit, accept);
}

/**
 * The best `limit` papers of one term's list: a paper's score is its one posting's, so the list is
 * read as it is, with no score buffers and no second pass over the papers it touches.
 */
function topOfOneTerm(postings: Postings, { term, weight }: TermExpansion, limit: number, accept: PaperFilter | null): ScoredPaper[] {
	const { offsets, papers, impacts } = postings;
	const factor = termFactor(postings, term, weight);
	const best: ScoredPaper[] = [];
	for (let at = offsets[term]!; at < offsets[term + 1]!; at++) {
		const score = Math.fround(impacts[at]! * factor);
		// Papers come in ascending order, so one that only ties the last place stays out.
		if (best.length === limit && score <= best[limit - 1]!.score) continue;
		const paperNo = papers[at]!;
		if (accept && !accept(paperNo)) continue;
		insertInOrder(best, { paperNo, score }, limit);
	}
	return best;
}

/** Far above the rounding of a float32 sum of a query's terms near `score`, and far below any real difference. */
const marginBelow = (score: number) => score * 1e-4;

/** The best `limit` of the touched papers whose score in the buffers is at least `lowest`, scored exactly. */
function exactlyBest(
	postings: Postings,
	buffers: ScoreBuffers,
	words: readonly TermExpansion[][],
	lowest: number,
	limit: number,
	accept: PaperFilter | null,
): ScoredPaper[] {
	const candidates: number[] = [];
	for (let at = 0; at < buffers.touchedCount; at++) {
		const paperNo = buffers.touched[at]!;
		if (buffers.scores[paperNo]! >= lowest && (!accept || accept(paperNo))) candidates.push(paperNo);
	}
	return bestOf(exactScores(postings, words, candidates), limit);
}

/** A word in at least this share of the papers is a common word. */
const COMMON_SHARE = 0.25;

/**
 * The best `limit` of the given papers (as topScored ranks them after accumulateScores): for a
 * filter that names its few papers (an author's) rather than all papers touched by the words.
 */
export function topPapersAmong(
	postings: Postings,
	words: readonly TermExpansion[][],
	paperNos: Iterable<number>,
	limit: number,
	accept: PaperFilter | null,
): ScoredPaper[] {
	const accepted = [...paperNos].filter((paperNo) => !accept || accept(paperNo));
	return bestOf(exactScores(postings, words, accepted), limit);
}

/** The best `limit` of the scored papers, best first, ties to the lower paper number (as topScored orders them). */
function bestOf({ paperNos, scores, matched }: ExactScores, limit: number): ScoredPaper[] {
	const best: ScoredPaper[] = [];
	for (let at = 0; at < paperNos.length; at++) {
		if (matched[at]) insertInOrder(best, { paperNo: paperNos[at]!, score: scores[at]! }, limit);
	}
	return best;
}

const better = (a: ScoredPaper, b: ScoredPaper) => a.score > b.score || (a.score === b.score && a.paperNo < b.paperNo);

/** Puts `scored` in its place in `best` (best first, at most `limit` long) if it belongs there. */
function insertInOrder(best: ScoredPaper[], scored: ScoredPaper, limit: number): void {
	if (best.length === limit && !better(scored, best.at(-1)!)) return;
	let place = best.length === limit ? limit - 1 : best.length;
	while (place > 0 && better(scored, best[place - 1]!)) {
		best[place] = best[place - 1]!;
		place--;
	}
	best[place] = scored;
}

/** Papers in ascending order, each one's exact score, and whether any word matched it. */
interface ExactScores {
	paperNos: Uint32Array;
	scores: Float32Array;
	matched: Uint8Array;
}

/**
 * Each paper's score as accumulateScores sums it, to the bit: every expansion in query order, each
 * added into a float32 as the score buffers store it; papers no word matches are left out. The
 * papers and each term's list are both in paper order, so each list is met with the papers by
 * galloping through the longer of the two.
 */
function exactScores(postings: Postings, words: readonly TermExpansion[][], candidates: readonly number[]): ExactScores {
	const { offsets, papers, impacts } = postings;
	const paperNos = Uint32Array.from(candidates).sort();
	const scores = new Float32Array(paperNos.length);
	const matched = new Uint8Array(paperNos.length);
	for (const expansions of words) {
		for (const { term, weight } of expansions) {
			const factor = termFactor(postings, term, weight);
			const end = offsets[term + 1]!;
			let at = offsets[term]!;
			let found = 0;
			while (at < end && found < paperNos.length) {
				if (papers[at]! < paperNos[found]!) at = gallop(papers, at, end, paperNos[found]!);
				else if (papers[at]! > paperNos[found]!) found = gallop(paperNos, found, paperNos.length, papers[at]!);
				else {
					scores[found] = scores[found]! + impacts[at]! * factor;
					matched[found] = 1;
					at++;
					found++;
				}
			}
		}
	}
	return { paperNos, scores, matched };
}

/** The first position from `from` (before `end`) of ascending `values` holding at least `value`: steps that double, then bisection. */
function gallop(values: Uint32Array, from: number, end: number, value: number): number {
	let step = 1;
	let low = from;
	let high = from + 1;
	while (high < end && values[high]! < value) {
		low = high;
		step *= 2;
		high = Math.min(end, from + step);
	}
	high = Math.min(high, end);
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (values[middle]! < value) low = middle + 1;
		else high = middle;
	}
	return low;
}
