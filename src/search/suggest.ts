import { stripArxivLink, stripDoiPrefix } from '../corpus/paper.js';
import type { TextList } from './columns.js';
import type { PaperList } from './paper-list.js';
import { countsToOffsets, lowerBound } from './sorted.js';
import { termsOf } from './text.js';

/**
 * The autocomplete structure: every title read from each of its word starts, sorted, so that the
 * papers whose title contains a typed phrase are one binary search away; and paper numbers sorted
 * by id for id prefixes. Small (two numbers per title word) and never fuzzy: autocomplete runs on
 * every keystroke.
 */
export interface SuggestionIndex {
	/** Each paper's title as folded words joined by single spaces ('' when it has none). */
	titleKeys: TextList;
	/** Entry i is the title of paper `entryPapers[i]` read from character `entryOffsets[i]`. */
	entryPapers: Uint32Array;
	entryOffsets: Uint16Array;
	/** Paper numbers in id order. */
	papersById: Uint32Array;
}

/**
 * Builds the suggestion structure for `papers` (paper number = position in the list). Entries are
 * ordered as their texts would sort, but compared as sequences of word ranks: all entries are
 * first bucketed by their first word, then each bucket is sorted on its own, so the cost grows with
 * the number of entries rather than with string comparisons across the whole corpus.
 */
export function buildSuggestionIndex(papers: PaperList, ids: readonly string[]): SuggestionIndex {
	const { titleKeys, sequence, starts, entryPapers, entryOffsets, distinctWords } = titleEntries(papers);
	const entryCount = starts.length;

	// Counting sort by first word (ranks start at 1), stable so each bucket stays in paper order.
	const bucketStarts = new Uint32Array(distinctWords + 2);
	for (let entry = 0; entry < entryCount; entry++) bucketStarts[sequence[starts[entry]!]! + 1]!++;
	countsToOffsets(bucketStarts);
	const order = new Uint32Array(entryCount);
	const cursor = bucketStarts.slice();
	for (let entry = 0; entry < entryCount; entry++) order[cursor[sequence[starts[entry]!]!]!++] = entry;

	// Within a bucket the first words are equal: compare from the second word; a title's end (0)
	// sorts before any word, as a shorter text sorts before a longer one it begins.
	const compareRest = (a: number, b: number) => {
		let i = starts[a]! + 1;
		let j = starts[b]! + 1;
		while (sequence[i] === sequence[j] && sequence[i] !== 0) {
			i++;
			j++;
		}
		return sequence[i]! - sequence[j]! || entryPapers[a]! - entryPapers[b]!;
	};
	for (let rank = 1; rank + 1 < bucketStarts.length; rank++) {
		if (bucketStarts[rank + 1]! - bucketStarts[rank]! > 1) order.subarray(bucketStarts[rank], bucketStarts[rank + 1]).sort(compareRest);
	}
	// An array's sort, not a typed array's: it runs in linear time on the corpus's usual id order.
	const papersById = Uint32Array.from([...ids.keys()].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1)));
	return {
		titleKeys,
		entryPapers: order.map((entry) => entryPapers[entry]!),
		entryOffsets: Uint16Array.from(order, (entry) => entryOffsets[entry]!),
		papersById,
	};
}

/**
 * Each paper's title key, and every title as a run of word ranks (1 = the first title word in
 * code-unit order) closed by a 0, with one entry per word start within the first 64k characters:
 * where its run starts, its paper and its character offset in the key. Ranks compare as the words
 * do, and every word character sorts after the joining space, so comparing runs orders entries as
 * their texts. Word lists are read twice rather than kept, so that no per-title array outlives its
 * title: kept, they would be copied by every young-generation collection.
 */
function titleEntries(papers: PaperList) {
	const titleKeys: string[] = [];
	const ranks = new Map<string, number>();
	let wordCount = 0;
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const title = papers.at(paperNo)!.title;
		const words = title ? termsOf(title) : [];
		wordCount += words.length;
		for (const word of words) ranks.set(word, 0);
		titleKeys.push(words.join(' '));
	}
	for (const [position, word] of [...ranks.keys()].sort().entries()) ranks.set(word, position + 1);
	const sequence = new Uint32Array(wordCount + titleKeys.length);
	const starts = new Uint32Array(wordCount);
	const entryPapers = new Uint32Array(wordCount);
	const entryOffsets = new Uint16Array(wordCount);
	let entryCount = 0;
	let at = 0;
	titleKeys.forEach((key, paperNo) => {
		let offset = 0;
		for (const word of key ? key.split(' ') : []) {
			if (offset <= 0xffff) {
				starts[entryCount] = at;
				entryPapers[entryCount] = paperNo;
				entryOffsets[entryCount++] = offset;
			}
			sequence[at++] = ranks.get(word)!;
			offset += word.length + 1;
		}
		sequence[at++] = 0;
	});
	return { titleKeys, sequence, starts: starts.subarray(0, entryCount), entryPapers, entryOffsets, distinctWords: ranks.size };
}

/** What a lookup needs besides the structure itself. */
export interface SuggestionContext {
	/** Each paper's id. */
	ids: readonly string[];
	suggestions: SuggestionIndex;
	/** The papers in the order of their titles: the entries that start a title (see titleStartsOf). */
	titleStarts: Uint32Array;
	/** Paper numbers, newest first. */
	newest: Uint32Array;
	/** Each paper's position in `newest`. */
	recency: Uint32Array;
}

/** Titles a lookup checks for every typed word, when the typed phrase itself matches too few. */
const EVERY_WORD_CHECKS = 400;
/**
 * How many times more checking a paper's title costs than reading one entry of a range: a range is
 * walked newest first instead of read whole when the checks that should find its newest matches
 * (the limit over the share of papers that match) cost less than reading it.
 */
const CHECK_COST = 40;
/** A walk gives up, and the range is read whole, after this many times the checks expected. */
const WALK_SLACK = 4;

/** The entries of `suggestions` that start a title, in title order: one per paper with a title. */
export function titleStartsOf(suggestions: SuggestionIndex): Uint32Array {
	const { entryPapers, entryOffsets } = suggestions;
	let count = 0;
	for (let i = 0; i < entryOffsets.length; i++) if (entryOffsets[i] === 0) count++;
	const starts = new Uint32Array(count);
	let at = 0;
	for (let i = 0; i < entryOffsets.length; i++) if (entryOffsets[i] === 0) starts[at++] = entryPapers[i]!;
	return starts;
}

/**
 * Up to `limit` papers for a partly typed query: papers whose id starts with it; papers whose title
 * contains it as a phrase from a word start (titles starting with it first); failing enough of
 * those, papers whose title has every typed word (the last may be partial). Newest first within
 * each kind, exactly, however common the prefix: a short range of matches is read whole; a long
 * one (a letter or two typed into a million titles) is answered by checking the newest papers in
 * turn, which stops once `limit` are found, a few hundred checks when the prefix is common (see
 * newestMatching). The
 * every-word kind, a last resort, checks at most {@link EVERY_WORD_CHECKS} titles. The newest
 * papers for an empty query.
 */
export function suggestPaperNumbers(context: SuggestionContext, partial: string, limit: number): number[] {
	const { ids, suggestions, titleStarts, recency } = context;
	if (!partial.trim()) return [...context.newest.subarray(0, limit)];
	const chosen = new Set<number>();
	const choose = (found: readonly number[]) => {
		for (const paperNo of found) if (chosen.size < limit) chosen.add(paperNo);
	};
	const { papersById, entryPapers, titleKeys } = suggestions;
	const idPrefix = keyPrefixOf(partial);
	if (idPrefix && !/\s/.test(idPrefix)) {
		const [start, end] = sortedRange(papersById.length, (i) => ids[papersById[i]!]!, idPrefix);
		choose(
			newestMatching(
				context,
				limit,
				start,
				end,
				(i) => papersById[i]!,
				(paperNo) => ids[paperNo]!.startsWith(idPrefix),
			),
		);
	}

	const words = termsOf(partial);
	if (words.length === 0) return [...chosen];
	const phrase = words.join(' ');
	const wordStart = ` ${phrase}`;
	const [titleStart, titleEnd] = sortedRange(titleStarts.length, (i) => titleKeys.at(titleStarts[i]!)!, phrase);
	choose(
		newestMatching(
			context,
			limit,
			titleStart,
			titleEnd,
			(i) => titleStarts[i]!,
			(paperNo) => titleKeys.at(paperNo)!.startsWith(phrase),
		),
	);
	const [start, end] = phraseRange(suggestions, phrase);
	choose(
		newestMatching(
			context,
			limit,
			start,
			end,
			(i) => entryPapers[i]!,
			(paperNo) => {
				const key = titleKeys.at(paperNo)!;
				return key.startsWith(phrase) || key.includes(wordStart);
			},
		),
	);

	if (chosen.size < limit && words.length > 1) {
		const last = words[words.length - 1]!;
		const others = words.slice(0, -1);
		// Titles are read from the typed word that starts the fewest title words.
		const [wordStart, wordEnd] = others
			.map((word) => phraseRange(suggestions, word))
			.reduce((fewest, range) => (range[1] - range[0] < fewest[1] - fewest[0] ? range : fewest));
		const hasEveryWord = new NewestPapers(recency, limit);
		let checks = 0;
		for (let i = wordEnd - 1; i >= wordStart && checks < EVERY_WORD_CHECKS; i--) {
			const paperNo = entryPapers[i]!;
			if (!hasEveryWord.wants(paperNo)) continue;
			checks++;
			const key = ` ${titleKeys.at(paperNo)} `;
			if (others.every((word) => key.includes(` ${word} `)) && key.includes(` ${last}`)) hasEveryWord.offer(paperNo);
		}
		choose(hasEveryWord.papers);
	}
	return [...chosen];
}

/**
 * The `limit` newest papers among positions `[start, end)` of a sorted list (`paperAt` gives each
 * position's paper), newest first. `matches` must hold for exactly those papers: a range long
 * enough is answered by walking the newest papers and keeping those that match, which gives the
 * same papers in the same order and stops once `limit` are found.
 */
function newestMatching(
	context: SuggestionContext,
	limit: number,
	start: number,
	end: number,
	paperAt: (position: number) => number,
	matches: (paperNo: number) => boolean,
): number[] {
	const { newest } = context;
	const range = end - start;
	// Matches spread evenly over time are found after limit × papers / range checks.
	const expectedChecks = (limit * newest.length) / Math.max(range, 1);
	if (expectedChecks * CHECK_COST < range) {
		const found: number[] = [];
		const walked = Math.min(newest.length, Math.ceil(WALK_SLACK * expectedChecks));
		for (let at = 0; at < walked && found.length < limit; at++) if (matches(newest[at]!)) found.push(newest[at]!);
		// Matches bunched among older papers (an old id prefix) are not found so: then the range is read.
		if (found.length === limit || walked === newest.length) return found;
	}
	const kept = new NewestPapers(context.recency, limit);
	// From the end of the range, where ids and the usual corpus order put the newest papers.
	for (let i = end - 1; i >= start; i--) kept.offer(paperAt(i));
	return kept.papers;
}

/**
 * The `limit` newest distinct papers of those offered, newest first. Offering a paper costs one
 * comparison unless it is newer than the oldest kept, so one pass over every match of a common
 * prefix stays cheap: no match is cut before the newest are found. Lookups offer from the end of
 * their range, where ids and the usual corpus order put the newest papers, so that few are kept
 * only to be dropped.
 */
class NewestPapers {
	readonly papers: number[] = [];
	constructor(
		private readonly recency: Uint32Array,
		private readonly limit: number,
	) {}

	/** Whether `paperNo` would be kept: there is room, or it is newer than the oldest kept, and not kept already. */
	wants(paperNo: number): boolean {
		const { papers, recency, limit } = this;
		if (papers.length === limit && recency[paperNo]! >= recency[papers[limit - 1]!]!) return false;
		return !papers.includes(paperNo);
	}

	offer(paperNo: number): void {
		if (!this.wants(paperNo)) return;
		const { papers, recency } = this;
		let at = papers.length;
		while (at > 0 && recency[papers[at - 1]!]! > recency[paperNo]!) at--;
		papers.splice(at, 0, paperNo);
		if (papers.length > this.limit) papers.pop();
	}
}

/** What a partly typed key starts with, as keys are written: an arXiv link's id, or a DOI (bare or as a link) as `doi:` and lower case. */
function keyPrefixOf(partial: string): string {
	const stripped = stripArxivLink(partial);
	const doi = stripDoiPrefix(stripped);
	return /^10\./.test(doi) ? `doi:${doi.toLowerCase()}` : stripped;
}

/** The positions `[start, end)` of a sorted list of `length` texts (`textAt`) that start with `prefix`. */
function sortedRange(length: number, textAt: (position: number) => string, prefix: string): [number, number] {
	return [lowerBound(length, (i) => textAt(i) < prefix), lowerBound(length, (i) => textAt(i) < `${prefix}\uffff`)];
}

/** The entries whose text starts with `phrase`. */
function phraseRange(suggestions: SuggestionIndex, phrase: string): [number, number] {
	const { titleKeys, entryPapers, entryOffsets } = suggestions;
	const head = (i: number) => {
		const offset = entryOffsets[i]!;
		return titleKeys.at(entryPapers[i]!)!.slice(offset, offset + phrase.length);
	};
	const start = lowerBound(entryPapers.length, (i) => head(i) < phrase);
	const end = lowerBound(entryPapers.length, (i) => head(i) <= phrase);
	return [start, end];
}
