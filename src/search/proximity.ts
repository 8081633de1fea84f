import type { Paper } from '../corpus/paper.js';
import { searchWordsOf, stemOf } from './text.js';

/** One query word as proximity reads it. */
export interface ProximityWord {
	/** Its stem: a paper's word matches when it stems the same. */
	stem: string;
	/** The word as typed, when it is being typed: a paper's word that begins with it matches too. */
	typedPrefix: string | null;
	/** How rare the word is (its BM25 idf): a pair of rare words standing together says more. */
	idf: number;
}

/**
 * The reward a paper gets for holding consecutive query words next to each other, in order (stop
 * words aside), in its title, author list or abstract: for each such pair, the smaller idf of the
 * two. Read from the paper's text at query time, for the few best papers only, so the index stores
 * no word positions. A null word (one with no exact match) pairs with nothing.
 */
export function proximityReward(paper: Paper, words: readonly (ProximityWord | null)[]): number {
	const wordAt = queryWordFinder(words);
	const found = new Uint8Array(words.length);
	for (const text of [paper.title ?? '', paper.authors?.join(', ') ?? '', paper.abstract ?? '']) {
		let previous = -1;
		for (const token of searchWordsOf(text)) {
			const current = wordAt(token);
			if (current > 0 && previous === current - 1) found[previous] = 1;
			previous = current;
		}
	}
	let reward = 0;
	for (let pair = 0; pair + 1 < words.length; pair++) if (found[pair]) reward += Math.min(words[pair]!.idf, words[pair + 1]!.idf);
	return reward;
}

/** Which query word a paper's word is (its position in `words`), or -1. */
function queryWordFinder(words: readonly (ProximityWord | null)[]): (token: string) => number {
	// Stemming rewrites only a word's ending, so most tokens are ruled out unstemmed: a stem of four
	// letters or more begins with its word's first three; a shorter one (used → us, key → kei) with its first.
	const byStart = new Map<string, number[]>();
	words.forEach((word, position) => {
		if (!word) return;
		const start = word.stem.length >= 4 ? word.stem.slice(0, 3) : word.stem.charAt(0);
		byStart.set(start, [...(byStart.get(start) ?? []), position]);
	});
	const typed = words.at(-1)?.typedPrefix ?? null;
	const stems = new Map<string, string>();
	return (token) => {
		if (typed !== null && token.startsWith(typed)) return words.length - 1;
		const long = byStart.get(token.slice(0, 3));
		const short = byStart.get(token.charAt(0));
		if (!long && !short) return -1;
		let stem = stems.get(token);
		if (stem === undefined) stems.set(token, (stem = stemOf(token)));
		return (stem.length >= 4 ? long : short)?.find((position) => words[position]!.stem === stem) ?? -1;
	};
}
