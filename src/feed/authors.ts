import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import { lowerBound } from '../search/sorted.js';
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

/** The corpus's papers by an author whose folded name is exactly `words`. */
function papersByName(index: PaperIndex, words: readonly string[]): Uint32Array {
	const { names, namesByWord, paperOffsets, namePapers } = index.authors;
	const name = words.join(' ');
	const nameNo = (namesByWord.get(words[0] ?? '') ?? []).find((candidate) => names[candidate] === name);
	return nameNo === undefined ? new Uint32Array(0) : namePapers.subarray(paperOffsets[nameNo]!, paperOffsets[nameNo + 1]!);
}

/** The newest of the papers that pass `keep`, or undefined. */
function newest(index: PaperIndex, papers: Uint32Array, keep: (paperNo: number) => boolean = () => true): number | undefined {
	let found: number | undefined;
	for (const paperNo of papers) {
		if (keep(paperNo) && (found === undefined || index.recency[paperNo]! < index.recency[found]!)) found = paperNo;
	}
	return found;
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
		let chosen: number | undefined;
		if (!isCommonName(words) || standsOut) chosen = newest(index, papers);
		else {
			// A name's papers are in ascending order, so a shared paper is found by bisection.
			const byOther = (others: Uint32Array, paperNo: number) =>
				others[lowerBound(others.length, (at) => others[at]! < paperNo)] === paperNo;
			chosen = newest(index, papers, (paperNo) => written.some((others, other) => other !== position && byOther(others, paperNo)));
		}
		if (chosen !== undefined) return { name, paper: index.papers.at(chosen)! };
	}
	return null;
}
