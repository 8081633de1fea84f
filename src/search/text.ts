import { stemmer } from '@orama/stemmers/english';
import { latexToPlainText } from '../corpus/latex.js';
import { grown } from './typed-arrays.js';

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

/**
 * Numbers the search words of many texts (see {@link searchWordsOf}): the same word, the same id.
 * Reading a text leaves its words' ids in `found`, stop words skipped. Folded ASCII text, nearly
 * every field, is read in place: each word found by the rule {@link ASCII_SEARCH_WORD} spells,
 * looked up in an open-addressed table by a hash of its characters, so a word met before costs
 * no string and no map lookup (a corpus's build reads hundreds of millions of them). Other text
 * is split by searchWordsOf and its words looked up the same way.
 */
export class SearchWordIds {
	/** The ids of the words of the text read last, `found[0]` up to `found[count]`. */
	found = new Int32Array(256);
	private readonly words: string[] = [];
	/** Per word: its id (-1 for a stop word) and its hash. */
	private ids = new Int32Array(1 << 12);
	private hashes = new Int32Array(1 << 12);
	/** Word number + 1 by hash, 0 for an empty slot; kept at most half full. */
	private slots = new Int32Array(1 << 13);

	/** `idOfNewWord` is asked once for each word not met before (never for a stop word). */
	constructor(private readonly idOfNewWord: (word: string) => number) {}

	/** Reads `text`'s search words into `found`; returns how many there are. */
	read(text: string): number {
		const folded = foldText(text);
		let count = 0;
		let at = 0;
		while (at < folded.length) {
			const code = folded.charCodeAt(at);
			if (code > 0x7f) return this.readSplit(folded);
			const end = asciiSearchWordEnd(folded, at, code);
			if (end === at) {
				at++;
				continue;
			}
			count = this.note(count, this.idOf(folded, at, end));
			at = end;
		}
		return count;
	}

	/** Every word met and its id, stop words left out. */
	*entries(): Generator<[string, number]> {
		for (let wordNo = 0; wordNo < this.words.length; wordNo++) {
			if (this.ids[wordNo]! >= 0) yield [this.words[wordNo]!, this.ids[wordNo]!];
		}
	}

	private readSplit(folded: string): number {
		const words = folded.match(ANY_SEARCH_WORD) ?? [];
		let count = 0;
		for (const word of words) count = this.note(count, this.idOf(word, 0, word.length));
		return count;
	}

	/** Notes `id` as the text's `count`th word, unless it is a stop word's; returns how many are noted. */
	private note(count: number, id: number): number {
		if (id < 0) return count;
		if (count === this.found.length) this.found = grown(this.found, count * 2);
		this.found[count] = id;
		return count + 1;
	}

	/** The id of the word `text[start, end)`, numbering it when it is new. */
	private idOf(text: string, start: number, end: number): number {
		let hash = FNV_OFFSET;
		for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
		const mask = this.slots.length - 1;
		let slot = hash & mask;
		for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
			const wordNo = entry - 1;
			const word = this.words[wordNo]!;
			if (this.hashes[wordNo] === hash && word.length === end - start && text.startsWith(word, start)) return this.ids[wordNo]!;
			slot = (slot + 1) & mask;
		}
		const word = start === 0 && end === text.length ? text : text.slice(start, end);
		const id = STOP_WORDS.has(word) ? -1 : this.idOfNewWord(word);
		const wordNo = this.words.length;
		this.words.push(word);
		if (wordNo === this.ids.length) {
			this.ids = grown(this.ids, wordNo * 2);
			this.hashes = grown(this.hashes, wordNo * 2);
		}
		this.ids[wordNo] = id;
		this.hashes[wordNo] = hash;
		this.slots[slot] = wordNo + 1;
		if (this.words.length * 2 > this.slots.length) this.growSlots();
		return id;
	}

	private growSlots(): void {
		const slots = new Int32Array(this.slots.length * 2);
		const mask = slots.length - 1;
		for (let wordNo = 0; wordNo < this.words.length; wordNo++) {
			let slot = this.hashes[wordNo]! & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = wordNo + 1;
		}
		this.slots = slots;
	}
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

const isLetter = (code: number) => code >= 0x61 && code <= 0x7a;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * Where the search word starting at `at` of folded ASCII text ends, as {@link ASCII_SEARCH_WORD}
 * matches it there (`code` is the character at `at`), or `at` when no word starts there.
 */
function asciiSearchWordEnd(text: string, at: number, code: number): number {
	let end = at + 1;
	if (isLetter(code)) {
		while (end < text.length && isLetter(text.charCodeAt(end))) end++;
		if (end - at > 1 || end === text.length || !isDigit(text.charCodeAt(end))) return end;
	} else if (!isDigit(code)) return at;
	while (end < text.length && isDigit(text.charCodeAt(end))) end++;
	return end < text.length && isLetter(text.charCodeAt(end)) ? end + 1 : end;
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
