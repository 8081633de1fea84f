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
 * no word positions.
 */
export function proximityReward(paper: Paper, words: readonly (ProximityWord | null)[]): number {
	const texts = [paper.title ?? '', paper.authors?.join(', ') ?? '', paper.abstract].map(searchWordsOf);
	const stems = new Map<string, string>();
	const matches = (token: string, word: ProximityWord) => {
		if (word.typedPrefix !== null && token.startsWith(word.typedPrefix)) return true;
		// A stem is nearly always a prefix of its word's first letters: most tokens fail here, unstemmed.
		if (token.charCodeAt(0) !== word.stem.charCodeAt(0) || !token.startsWith(word.stem.slice(0, 3))) return false;
		let stem = stems.get(token);
		if (stem === undefined) stems.set(token, (stem = stemOf(token)));
		return stem === word.stem;
	};
	let reward = 0;
	for (let pair = 0; pair + 1 < words.length; pair++) {
		const [first, second] = [words[pair], words[pair + 1]];
		if (!first || !second) continue;
		const together = texts.some((tokens) => {
			for (let at = 0; at + 1 < tokens.length; at++) if (matches(tokens[at]!, first) && matches(tokens[at + 1]!, second)) return true;
			return false;
		});
		if (together) reward += Math.min(first.idf, second.idf);
	}
	return reward;
}
