import { stemmer } from '@orama/stemmers/english';
import { latexToPlainText } from '../corpus/latex.js';

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const ANY_WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Folds text for matching: LaTeX to its plain words, accents dropped (`Schrödinger` →
 * `schrodinger`), lower case. The index and every query go through this one function.
 */
function foldText(text: string): string {
	const plain = text.includes('$') || text.includes('\\') ? latexToPlainText(text) : text;
	const lower = plain.toLowerCase();
	return ASCII_ONLY.test(lower) ? lower : lower.normalize('NFKD').replace(COMBINING_MARKS, '');
}

/** The words of already folded text, in order: runs of letters and digits. */
function wordsOf(folded: string): string[] {
	return folded.match(ASCII_ONLY.test(folded) ? ASCII_WORD : ANY_WORD) ?? [];
}

/** {@link foldText} then {@link wordsOf}: the words of a text, as autocomplete and filters read them. */
export function termsOf(text: string): string[] {
	return wordsOf(foldText(text));
}

/**
 * Search words: a run of letters and a run of digits are separate words, so `CIFAR10`, `CIFAR-10`
 * and `CIFAR 10` read alike; a single letter stays with its digits (`3d`, `t5`, `1k`) as one word.
 */
const ASCII_SEARCH_WORD = /[a-z]{2,}|[a-z]?[0-9]+[a-z]?|[a-z]/g;
const ANY_SEARCH_WORD = /\p{L}{2,}|\p{L}?\p{N}+\p{L}?|\p{L}/gu;

/** Lucene's English stop words: in nearly every paper, they tell papers apart by nothing. */
const STOP_WORDS = new Set(
	'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
		' ',
	),
);

/**
 * The words a field or a query is searched by, in order, before stemming: folded as
 * {@link termsOf} folds, letters split from digits, stop words dropped.
 */
export function searchWordsOf(text: string): string[] {
	const folded = foldText(text);
	const words = folded.match(ASCII_ONLY.test(folded) ? ASCII_SEARCH_WORD : ANY_SEARCH_WORD) ?? [];
	return words.filter((word) => !STOP_WORDS.has(word));
}

/** The stem a search word is indexed under (Porter's English stemmer): `spiking` and `spike` meet. */
export function stemOf(word: string): string {
	return word.charCodeAt(0) <= 0x39 ? word : stemmer(word);
}

/** Shortest and longest run of capitalised title words read as an acronym. */
const ACRONYM_WORDS = { min: 3, max: 5 } as const;

/**
 * The acronyms a title's runs of capitalised words spell, so "spiking GAN" finds "Spiking
 * Generative Adversarial Network": every window of 3–5 consecutive capitalised words, as initials
 * (`sga`, `gan`, `sgan`, …). Lower-case words such as "with" end a run.
 */
export function titleAcronyms(title: string): string[] {
	const acronyms: string[] = [];
	const runs = title.split(/\s+/).reduce<string[][]>(
		(all, word) => {
			if (/^\p{Lu}/u.test(word)) all[all.length - 1]!.push(word.charAt(0));
			else if (all[all.length - 1]!.length > 0) all.push([]);
			return all;
		},
		[[]],
	);
	for (const initials of runs) {
		for (let start = 0; start < initials.length; start++) {
			for (let size = ACRONYM_WORDS.min; size <= ACRONYM_WORDS.max && start + size <= initials.length; size++) {
				acronyms.push(initials.slice(start, start + size).join(''));
			}
		}
	}
	return termsOf(acronyms.join(' '));
}
