import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import { termsOf } from '../search/text.js';

/** A new paper's author who wrote a corpus paper, as the new paper names them, and that corpus paper (the newest of theirs). */
export interface CorpusAuthor {
	name: string;
	paper: Paper;
}

/**
 * Fewer letters than this in a full name (given and family names together, folded) make it a name
 * many unrelated people share: "Yi Zeng" and "Wei Wang" are, "Dongcheng Zhao" is not.
 */
const SHORT_NAME_LETTERS = 9;

/**
 * Whether a name alone cannot tell its author from others of the same name: a given name written
 * as an initial ("Y. Zeng"), a single word, or a short full name ({@link SHORT_NAME_LETTERS}).
 */
export function isCommonName(words: readonly string[]): boolean {
	return words.length < 2 || words.slice(0, -1).some((word) => word.length === 1) || words.join('').length < SHORT_NAME_LETTERS;
}

/** The corpus's papers by an author whose folded name is exactly `words`, newest first. */
function papersByName(index: PaperIndex, words: readonly string[]): number[] {
	const { names, namesByWord, paperOffsets, namePapers } = index.authors;
	const nameNo = (namesByWord.get(words[0] ?? '') ?? []).find(
		(candidate) => names[candidate]!.length === words.length && names[candidate]!.every((word, i) => word === words[i]),
	);
	if (nameNo === undefined) return [];
	return Array.from(namePapers.subarray(paperOffsets[nameNo]!, paperOffsets[nameNo + 1]!)).sort(
		(a, b) => index.recency[a]! - index.recency[b]!,
	);
}

/**
 * The first of the paper's authors who wrote a corpus paper, matched by name folded as search folds
 * it (`André Müller` is `andre muller`). A common name (see {@link isCommonName}) needs a second
 * signal: another author of the new paper on the same corpus paper, or `standsOut` (the paper is
 * close to the lab by its words). Null when no author qualifies.
 */
export function corpusAuthorOf(index: PaperIndex, paper: Paper, standsOut: boolean): CorpusAuthor | null {
	const authors = (paper.authors ?? []).map((name) => ({ name, words: termsOf(name) }));
	const written = authors.map(({ words }) => papersByName(index, words));
	for (const [position, { name, words }] of authors.entries()) {
		const papers = written[position]!;
		if (papers.length === 0) continue;
		const coAuthored = (paperNo: number) => written.some((others, other) => other !== position && others.includes(paperNo));
		const chosen = !isCommonName(words) || standsOut ? papers[0] : papers.find(coAuthored);
		if (chosen !== undefined) return { name, paper: index.papers[chosen]! };
	}
	return null;
}
