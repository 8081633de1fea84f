import { latexToPlainText, latexToUnicode } from '../corpus/latex.js';
import { doiOfKey, isArxivKey, type Paper, paperUrl } from '../corpus/paper.js';

/** Title words too common to make a citation key memorable. */
const SKIPPED_TITLE_WORDS = new Set([
	'a',
	'an',
	'the',
	'on',
	'of',
	'in',
	'for',
	'to',
	'and',
	'with',
	'towards',
	'toward',
	'via',
	'is',
	'are',
	'do',
	'does',
]);
const OLD_STYLE_ID = /^[a-z-]+(\.[A-Z]{2})?\/(\d{2})(\d{2})\d{3}$/;
const NEW_STYLE_ID = /^(\d{2})(\d{2})\.\d{4,5}$/;
const MATH_SPAN = /(?<!\\)\$[^$]+(?<!\\)\$/g;

/** The field that names the venue, by entry type; other types give it as a `note`. */
const VENUE_FIELDS: Record<string, string> = {
	article: 'journal',
	inproceedings: 'booktitle',
	conference: 'booktitle',
	incollection: 'booktitle',
	inbook: 'booktitle',
	phdthesis: 'school',
	mastersthesis: 'school',
	techreport: 'institution',
	book: 'publisher',
};

/**
 * The paper's BibTeX entry. A paper imported from the lab's own `.bib` keeps its cite key and entry
 * type; an arXiv paper is otherwise `@misc` with `eprint`, `archivePrefix = {arXiv}` and
 * `primaryClass`, as arXiv's own export writes it. Fields that are unknown are left out, never
 * guessed. With the corpus given, a made key is unique within it (see `bibtexKey`).
 */
export function buildBibtex(paper: Paper, corpus?: readonly Paper[]): string {
	const entryType = paper.entry_type?.toLowerCase() ?? 'misc';
	const fields: [string, string][] = [];
	if (paper.title) fields.push(['title', escapeLatexText(paper.title)]);
	if (paper.authors) fields.push(['author', paper.authors.map(bibtexName).join(' and ')]);
	const year = paperYear(paper);
	if (year) fields.push(['year', year]);
	const venue = paper.venue ?? paper.journal_ref;
	const venueField = VENUE_FIELDS[entryType];
	if (venue && venueField) fields.push([venueField, escapeLatexText(venue)]);
	if (isArxivKey(paper.id)) {
		fields.push(['eprint', paper.id]);
		fields.push(['archivePrefix', 'arXiv']);
		if (paper.categories) fields.push(['primaryClass', escapeLatexText(paper.categories[0]!)]);
	}
	const url = paperUrl(paper);
	if (url) fields.push(['url', url.replace(/[{}\\\s%]/g, '')]);
	const doi = paper.doi ?? doiOfKey(paper.id);
	if (doi) fields.push(['doi', doi.replace(/[{}\\\s%]/g, '')]);
	if (venue && !venueField) fields.push(['note', escapeLatexText(venue)]);
	const body = fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n');
	const ownKey = paper.cite_key ?? (paper.id.startsWith('bib:') ? paper.id.slice(4) : null);
	const key = ownKey?.replace(/[\s,{}]/g, '') || bibtexKey(paper, corpus);
	return `@${entryType}{${key},\n${body}\n}`;
}

/**
 * A citation key that is stable for the same corpus: first author's surname, year and first
 * significant title word (`hong2023revisiting`), or `arXiv-<id>` when the author is unknown. Where
 * several papers of the corpus share a key, they are told apart by `a`, `b`, … in id order, and
 * the oldest keeps the bare key.
 */
export function bibtexKey(paper: Paper, corpus: readonly Paper[] = []): string {
	const base = baseKey(paper);
	const sharing = new Set(
		papersWithSurname(corpus, firstSurname(paper))
			.filter((other) => baseKey(other) === base)
			.map((other) => other.id),
	);
	sharing.add(paper.id);
	if (sharing.size === 1) return base;
	const position = [...sharing].sort(compareIds).indexOf(paper.id);
	return position === 0 ? base : `${base}${suffixLetters(position)}`;
}

/** Each corpus's papers grouped by first author's surname, made once: only papers sharing it can share a key. */
const papersBySurname = new WeakMap<readonly Paper[], Map<string, Paper[]>>();

function papersWithSurname(corpus: readonly Paper[], surname: string): readonly Paper[] {
	let groups = papersBySurname.get(corpus);
	if (!groups) {
		groups = new Map();
		for (const other of corpus) {
			const key = firstSurname(other);
			const group = groups.get(key);
			if (group) group.push(other);
			else groups.set(key, [other]);
		}
		papersBySurname.set(corpus, groups);
	}
	return groups.get(surname) ?? [];
}

function firstSurname(paper: Paper): string {
	return asciiWord(paper.authors?.[0]?.trim().split(/\s+/).at(-1) ?? '');
}

function baseKey(paper: Paper): string {
	const surname = firstSurname(paper);
	if (!surname) return isArxivKey(paper.id) ? `arXiv-${paper.id.replace(/\//g, '-')}` : paper.id.replace(/[^A-Za-z0-9]+/g, '-');
	const titleWord = paper.title
		? latexToPlainText(paper.title)
				.split(/[^\p{L}\p{N}]+/u)
				.map(asciiWord)
				.find((word) => word && !SKIPPED_TITLE_WORDS.has(word))
		: undefined;
	return `${surname}${paperYear(paper) ?? ''}${titleWord ?? ''}`;
}

/** Lowercase ASCII letters and digits only: accents dropped, anything else removed. */
function asciiWord(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** a, b, … z, aa, ab, …: the disambiguating suffix for the paper at that position. */
function suffixLetters(position: number): string {
	let suffix = '';
	for (let rest = position; rest > 0; rest = Math.floor((rest - 1) / 26)) {
		suffix = String.fromCharCode(97 + ((rest - 1) % 26)) + suffix;
	}
	return suffix;
}

/** Old-style ids (before 2007) sort before new-style ones; within a style, by id. */
function compareIds(left: string, right: string): number {
	const leftOld = OLD_STYLE_ID.test(left);
	const rightOld = OLD_STYLE_ID.test(right);
	if (leftOld !== rightOld) return leftOld ? -1 : 1;
	return left < right ? -1 : left > right ? 1 : 0;
}

/** The first version's year, else the year an arXiv id encodes; null when neither is known. */
function paperYear(paper: Paper): string | null {
	if (paper.published) return paper.published.slice(0, 4);
	const newStyle = NEW_STYLE_ID.exec(paper.id);
	if (newStyle) return `20${newStyle[1]}`;
	const oldStyle = OLD_STYLE_ID.exec(paper.id);
	if (!oldStyle) return null;
	const yy = Number(oldStyle[2]);
	return String(yy > 90 ? 1900 + yy : 2000 + yy);
}

/** A name kept whole: one containing " and " or a comma is braced so BibTeX does not split it. */
function bibtexName(name: string): string {
	const escaped = escapeLatexText(name);
	return /\s+and\s+|,/i.test(name) ? `{${escaped}}` : escaped;
}

/**
 * arXiv's LaTeX-flavoured text as BibTeX needs it: `$…$` math kept as written when its braces
 * balance; elsewhere markup (`\emph{…}`, `\"o`, grouping braces) made plain Unicode, and every
 * special character left in the visible text (`& % $ # _ { } ~ ^ \`) escaped, so no input can
 * unbalance the entry's braces.
 */
export function escapeLatexText(text: string): string {
	let output = '';
	let last = 0;
	for (const match of text.matchAll(MATH_SPAN)) {
		if (!bracesBalance(match[0])) continue;
		output += escapeSpecials(latexToUnicode(text.slice(last, match.index)), text.slice(last, match.index));
		output += match[0];
		last = match.index + match[0].length;
	}
	const rest = text.slice(last);
	return (output + escapeSpecials(latexToUnicode(rest), rest)).replace(/\s+/g, ' ').trim();
}

function escapeSpecials(converted: string, original: string): string {
	// latexToUnicode trims; keep the spaces that separated this piece from its math neighbours.
	const leading = /^\s/.test(original) ? ' ' : '';
	const trailing = /\s$/.test(original) ? ' ' : '';
	const escaped = converted.replace(/[\\{}&%$#_~^]/g, (character) => LATEX_ESCAPES[character]!);
	return converted ? `${leading}${escaped}${trailing}` : leading;
}

const LATEX_ESCAPES: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'{': '\\{',
	'}': '\\}',
	'&': '\\&',
	'%': '\\%',
	$: '\\$',
	'#': '\\#',
	_: '\\_',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}',
};

function bracesBalance(text: string): boolean {
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		if (text[index] === '\\') index++;
		else if (text[index] === '{') depth++;
		else if (text[index] === '}' && --depth < 0) return false;
	}
	return depth === 0;
}
