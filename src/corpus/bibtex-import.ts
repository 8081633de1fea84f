import { type Entry, type Library, parseAsync } from '@retorquere/bibtex-parser';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { latexToUnicode } from './latex.js';
import { isPartialDate, normaliseArxivId, normaliseDoi, arxivIdOfDoi, type Paper, paperSchema, stripDoiPrefix } from './paper.js';
import { describeIssues } from './records.js';
import { setAbstractsAside } from './bibtex-abstracts.js';

/** An entry of a `.bib` that could not be read, at the line where it starts. */
export interface BibtexFailure {
	line: number;
	reason: string;
}

/** What a `.bib` file holds: its papers, each with the line its entry starts on, and the entries that could not be read. */
export interface ParsedBibtex {
	papers: { paper: Paper; line: number }[];
	failed: BibtexFailure[];
}

/** Entries turned into papers between two turns of the event loop. */
const ENTRIES_PER_SLICE = 500;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `arXiv preprint arXiv:1706.03762`, `arXiv:1706.03762v2`, `CoRR abs/1706.03762` in a journal, note or howpublished field. */
const ARXIV_MENTION =
	/arxiv[:\s]*(?:preprint\s+)?(?:arxiv:\s*)?((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?)|\babs\/(\d{4}\.\d{4,5})/i;
/** A journal that names arXiv itself (Google Scholar's `arXiv preprint`, DBLP's `CoRR`): no published venue. */
const ARXIV_JOURNAL = /^(corr|arxiv)\b/i;
/** Where each entry type names its venue, after `journal` and `booktitle`. */
const VENUE_FALLBACKS: Record<string, string> = {
	phdthesis: 'school',
	mastersthesis: 'school',
	thesis: 'school',
	techreport: 'institution',
	book: 'publisher',
};

/**
 * Reads a `.bib` file's text into papers with @retorquere/bibtex-parser: `@string` macros,
 * `crossref` inheritance and month macros resolved by the parser, LaTeX left in place and turned
 * into text here by the corpus's own `latex.ts` (authors, venues), or kept for cards to render
 * (titles' `$…$`). A paper is keyed by its arXiv id (`eprint` with `archivePrefix`/`eprinttype`
 * arXiv, an arXiv URL or DOI, or `arXiv:…` in the journal, note or howpublished), else
 * `doi:<doi>`, else `bib:<cite key>`; it keeps its cite key and entry type. An entry that cannot
 * be read becomes a failure at the line it starts on, and the rest are read. Entries that other
 * entries `crossref` (a proceedings volume) give their fields and are not papers themselves.
 */
export async function parseBibtex(bibtex: string): Promise<ParsedBibtex> {
	const { text, abstracts } = setAbstractsAside(bibtex);
	// The async parser lets the event loop run every thousand entries, so the bot answers while a large file is read.
	const library = await parseAsync(text, { raw: true, applyCrossRef: true });
	const lines = lineStarts(text);
	const { starts, ends } = entryStretches(text, library.entries);
	const { failed, failedAt } = parseFailures(library, text, { starts, ends, lines });
	const papers: { paper: Paper; line: number }[] = [];
	const keys = new Map<string, number>();
	let abstractNo = 0;
	for (const [index, entry] of library.entries.entries()) {
		if (index % ENTRIES_PER_SLICE === ENTRIES_PER_SLICE - 1) await yieldToEventLoop();
		const at = starts[index]!;
		const end = ends[index]!;
		// Abstracts and entries are both in file order: this entry's is the one within its stretch.
		while (abstracts[abstractNo] && abstracts[abstractNo]!.at < at) abstractNo++;
		const abstract = abstracts[abstractNo] && abstracts[abstractNo]!.at < end ? abstracts[abstractNo]!.text : null;
		if (failedAt.some((failure) => failure >= at && failure < end) || Object.keys(entry.fields).length === 0) continue;
		if (entry.crossref?.donated.length) continue;
		const line = lineOf(lines, Math.max(at, 0));
		const fail = (reason: string) => failed.push({ line, reason: `@${entry.type}{${entry.key}}: ${reason}` });
		if (!entry.key.trim()) {
			failed.push({ line, reason: `@${entry.type} entry has no cite key` });
			continue;
		}
		const earlier = keys.get(entry.key);
		if (earlier !== undefined) {
			fail(`the cite key is used already at line ${earlier}`);
			continue;
		}
		keys.set(entry.key, line);
		const record = entryRecord(entry, abstract);
		const parsed = paperSchema.safeParse(record);
		if (parsed.success) papers.push({ paper: parsed.data, line });
		else fail(describeIssues(parsed.error.issues, record).replace('the record has neither a title nor an abstract', 'no title'));
	}
	failed.sort((a, b) => a.line - b.line);
	return { papers, failed };
}

/** Where each entry starts (-1 when it cannot be found) and where the next one starts: a parse error in that stretch is the entry's. */
function entryStretches(text: string, entries: readonly Entry[]): { starts: number[]; ends: number[] } {
	let cursor = 0;
	const starts = entries.map((entry) => {
		const at = entryStart(text, entry, cursor);
		if (at >= 0) cursor = at + 1;
		return at;
	});
	const ends: number[] = [];
	for (let index = starts.length - 1, next = text.length; index >= 0; index--) {
		ends[index] = next;
		if (starts[index]! >= 0) next = starts[index]!;
	}
	return { starts, ends };
}

/**
 * The parser's errors as failures at the line their entry starts on, named by the entry
 * (`@article{key}: …`), and where each was found, so the entry it broke is not also imported.
 */
function parseFailures(
	library: Library,
	text: string,
	{ starts, ends, lines }: { starts: readonly number[]; ends: readonly number[]; lines: readonly number[] },
): { failed: BibtexFailure[]; failedAt: number[] } {
	const failed: BibtexFailure[] = [];
	const failedAt: number[] = [];
	let cursor = 0;
	for (const error of library.errors) {
		let at = -1;
		if (error.input) {
			at = text.indexOf(error.input, cursor);
			if (at >= 0) cursor = at + 1;
		} else at = macroUse(text, error.error);
		failedAt.push(at);
		const named = /^@\s*(\w+)\s*[{(]\s*([^,\s]*)/.exec(error.input ?? '');
		// An error found inside an entry (a macro it uses) is told at the line the entry starts on.
		const within = named
			? -1
			: library.entries.findIndex((_entry, index) => starts[index]! >= 0 && starts[index]! <= at && at < ends[index]!);
		const entry = within >= 0 ? library.entries[within]! : null;
		const name = named ? `@${named[1]}{${named[2]}}: ` : entry ? `@${entry.type}{${entry.key}}: ` : '';
		failed.push({ line: lineOf(lines, Math.max(entry ? starts[within]! : at, 0)), reason: `${name}${readableError(error.error)}` });
	}
	return { failed, failedAt };
}

/** A parsed entry as a paperbot record, before the schema checks it. */
function entryRecord(entry: Entry, abstract: string | null): Record<string, unknown> {
	const fields = entry.fields as Record<string, unknown>;
	const field = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '') || null;
	const type = entry.type.toLowerCase();
	const doiText = field('doi');
	const doi = doiText ? normaliseDoi(doiText) : null;
	const arxivId = arxivIdOf(entry, doi);
	const venue = venueOf(entry, type);
	return {
		id: arxivId ?? (doi ? `doi:${doi}` : `bib:${entry.key}`),
		title: field('title') && tidyTitle(field('title')!),
		authors: namesOf(entry.fields.author ?? entry.fields.editor),
		abstract: abstract?.replace(/\s+/g, ' ').trim() || null,
		categories: arxivId && field('primaryclass') ? [field('primaryclass')] : null,
		venue,
		doi: doi && arxivIdOfDoi(doi) === null ? stripDoiPrefix(doiText!) : null,
		url: field('url'),
		published: dateOf(field('date'), field('year'), field('month')),
		cite_key: entry.key,
		entry_type: type,
	};
}

function arxivIdOf(entry: Entry, doi: string | null): string | null {
	const fields = entry.fields as Record<string, unknown>;
	const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
	const archive = `${text('archiveprefix')} ${text('eprinttype')}`.toLowerCase();
	const eprint = text('eprint');
	if (eprint && (archive.includes('arxiv') || /^arxiv:/i.test(eprint.trim()))) {
		const id = normaliseArxivId(eprint);
		if (id) return id;
	}
	if (doi && arxivIdOfDoi(doi)) return arxivIdOfDoi(doi);
	if (/arxiv\.org\//i.test(text('url'))) {
		const id = normaliseArxivId(text('url'));
		if (id) return id;
	}
	for (const name of ['journal', 'note', 'howpublished', 'volume']) {
		const match = ARXIV_MENTION.exec(text(name));
		const id = match ? normaliseArxivId(match[1] ?? match[2] ?? '') : null;
		if (id) return id;
	}
	return null;
}

function venueOf(entry: Entry, type: string): string | null {
	const fields = entry.fields as Record<string, unknown>;
	const journal = typeof fields.journal === 'string' ? fields.journal : typeof fields.journaltitle === 'string' ? fields.journaltitle : '';
	const fallback = VENUE_FALLBACKS[type];
	const candidates = [ARXIV_JOURNAL.test(journal.trim()) ? '' : journal, fields.booktitle, fallback ? fields[fallback] : undefined];
	for (const candidate of candidates) {
		const value = Array.isArray(candidate) ? candidate.join('; ') : candidate;
		if (typeof value === 'string' && value.trim()) return latexToUnicode(value);
	}
	return null;
}

/** A title's text-mode LaTeX made Unicode (`{\"U}ber`, `{B}ayes`), its `$…$` math kept for cards and BibTeX to render. */
function tidyTitle(title: string): string {
	let output = '';
	let last = 0;
	for (const math of title.matchAll(/(?<!\\)\$[^$]+(?<!\\)\$/g)) {
		output += textPart(title.slice(last, math.index)) + math[0];
		last = math.index + math[0].length;
	}
	return (output + textPart(title.slice(last))).replace(/\s+/g, ' ').trim();
}

/** latexToUnicode trims its text; a piece between math spans keeps the spaces that separate it from them. */
function textPart(text: string): string {
	const converted = latexToUnicode(text);
	if (!converted) return /\s/.test(text) ? ' ' : '';
	return `${/^\s/.test(text) ? ' ' : ''}${converted}${/\s$/.test(text) ? ' ' : ''}`;
}

type Creator = { name?: string; lastName?: string; firstName?: string; prefix?: string; suffix?: string };

/** Authors as "First Last", LaTeX made Unicode; a name in braces (`{OpenAI}`) as written. */
function namesOf(creators: unknown): string[] | null {
	if (!Array.isArray(creators)) return null;
	const names = (creators as Creator[])
		.map((creator) => {
			const parts = creator.name ? [creator.name] : [creator.firstName, creator.prefix, creator.lastName];
			const name = latexToUnicode(parts.filter(Boolean).join(' '));
			return creator.suffix ? `${name}, ${latexToUnicode(creator.suffix)}` : name;
		})
		.filter((name) => name && name.toLowerCase() !== 'others');
	return names.length ? names : null;
}

/** A date known to the day, month or year: biblatex's `date`, else `year` with `month` (`dec`, `December`, `12`). */
function dateOf(date: string | null, year: string | null, month: string | null): string | null {
	if (date && isPartialDate(date.slice(0, 10))) return date.slice(0, 10);
	const yyyy = year?.match(/\d{4}/)?.[0];
	if (!yyyy) return null;
	const monthText = month?.trim().toLowerCase() ?? '';
	const byName = MONTHS.indexOf(monthText.slice(0, 3)) + 1;
	const number = /^\d{1,2}$/.test(monthText) ? Number(monthText) : byName;
	return number >= 1 && number <= 12 ? `${yyyy}-${String(number).padStart(2, '0')}` : yyyy;
}

/** Where an entry starts: its text as the parser kept it, else its `@type{key`, looked for from where the previous entry started. */
function entryStart(text: string, entry: Entry, from: number): number {
	const at = entry.input ? text.indexOf(entry.input, from) : -1;
	if (at >= 0) return at;
	const key = entry.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`@\\s*${entry.type}\\s*[{(]\\s*${key}\\s*[,}\\s]`, 'gi');
	pattern.lastIndex = from;
	return pattern.exec(text)?.index ?? -1;
}

/** Where an unresolved `@string` macro the parser names is used, or -1. */
function macroUse(text: string, error: string): number {
	const name = /@string reference "([^"]+)"/.exec(error)?.[1];
	if (!name) return -1;
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`[=#]\\s*${escaped}\\b`, 'i').exec(text)?.index ?? -1;
}

/** The parser's message without the entry type it names at its end: `Unterminated brace-value "…" at line 47, column 1`. */
function readableError(error: string): string {
	return error
		.replace(/ in "[^"]*"$/, '')
		.replace(/^Unresolved @string reference "([^"]+)"$/, 'the @string macro "$1" is not defined')
		.replace(/\s+/g, ' ');
}

function lineStarts(text: string): number[] {
	const starts = [0];
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
	return starts;
}

/** The 1-based line of a position, by binary search over the lines' starts. */
function lineOf(starts: readonly number[], position: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= position) low = middle;
		else high = middle - 1;
	}
	return low + 1;
}
