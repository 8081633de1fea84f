import type { z } from 'zod';
import { isIsoDate, isPartialDate, normalisePaperKey, type Paper, paperFieldsSchema, paperSchema } from './paper.js';
import { arxivSnapshotSchema, isArxivSnapshot } from './arxiv-snapshot.js';

/** A place in a corpus file, written `path:line` as the caller gave the path. */
export type Place = string;

/** Fields that a metadata overlay adds, by id, to a paper read elsewhere; null means "not known here". */
export type PaperOverlay = z.infer<typeof overlaySchema>;

/** What one corpus file yielded: papers and overlays with where each came from, why records were skipped, and notes on records kept. */
export interface ParsedFile {
	papers: { paper: Paper; place: Place }[];
	overlays: { overlay: PaperOverlay; place: Place }[];
	/** Each `path:line: reason` for a record skipped. */
	warnings: string[];
	/** Each `path:line: note` for a record kept, but not quite as written. */
	notes: string[];
}

export const emptyParsedFile = (): ParsedFile => ({ papers: [], overlays: [], warnings: [], notes: [] });

/** An overlay is a paper record without its abstract: every field but the id may be left out. */
const overlaySchema = paperFieldsSchema.omit({ abstract: true });

/**
 * Turns zod's issues into one human reason, e.g. `"foo" is not an arXiv id`, `the record has neither a title nor an abstract`,
 * `published: dates are YYYY-MM-DD`, `title is missing`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
	return issues
		.map((issue) => {
			const field = issue.path.join('.');
			const namesItself = issue.message.startsWith(`${field} `) || issue.message.startsWith(`${field}:`);
			if (!field || namesItself || issue.message.startsWith('"')) return issue.message;
			if (valueAt(input, issue.path) === undefined) return `${field} is missing`;
			return `${field}: ${issue.message.replace(/^Invalid input: /, '')}`;
		})
		.join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/**
 * Reads one JSON value from a corpus file into `into`, deciding what it is from its fields:
 * an `abstract` with arXiv-snapshot fields (authors as one string, `update_date`, `versions`,
 * `journal-ref`) is a snapshot record; an `abstract` alone is paperbot's own schema, where
 * `"abstract": null` is a paper whose abstract is unknown; no `abstract` field at all makes it an
 * overlay. A record that does not validate becomes a warning.
 */
export function readJsonRecord(value: unknown, place: Place, into: ParsedFile): void {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		into.warnings.push(`${place}: not a JSON object`);
		return;
	}
	const record = value as Record<string, unknown>;
	if (!('abstract' in record)) {
		const overlay = overlaySchema.safeParse(record);
		if (overlay.success) into.overlays.push({ overlay: overlay.data, place });
		else into.warnings.push(`${place}: ${describeIssues(overlay.error.issues, record)}`);
		return;
	}
	const snapshot = isArxivSnapshot(record);
	const canonical = snapshot ? null : canonicalPaper(record);
	if (canonical) {
		into.papers.push({ paper: canonical, place });
		return;
	}
	const parsed = snapshot ? arxivSnapshotSchema.safeParse(record) : paperSchema.safeParse(record);
	if (parsed.success) into.papers.push({ paper: parsed.data, place });
	else into.warnings.push(`${place}: ${describeIssues(parsed.error.issues, record)}`);
}

const CANONICAL_ID = /^\d{4}\.\d{4,5}$/;

const isCanonicalText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.trim() === value;
const isOptionalText = (value: unknown) => value == null || isCanonicalText(value);
const isOptionalList = (value: unknown) => value == null || (Array.isArray(value) && value.length > 0 && value.every(isCanonicalText));
const isOptionalDate = (value: unknown) => value == null || (typeof value === 'string' && isIsoDate(value));
const isOptionalPartialDate = (value: unknown) => value == null || (typeof value === 'string' && isPartialDate(value));
/** Only for fields the checks above have already proven to be a T, null or absent. */
const orNull = <T>(value: unknown) => (value ?? null) as T | null;

/** A key already as `normalisePaperKey` writes it: a new-style arXiv id at once, any other by the function itself. */
const isCanonicalKey = (value: unknown): value is string =>
	typeof value === 'string' && (CANONICAL_ID.test(value) || (value.includes(':') && normalisePaperKey(value) === value));
const isOptionalVersion = (value: unknown) => value == null || (typeof value === 'number' && Number.isInteger(value) && value > 0);

/**
 * The hot path for large corpora and for the files paperbot writes: a record already in the exact
 * form `paperSchema` outputs (a canonical key, trimmed non-empty text, a title or an abstract, no
 * empty lists, dates as written) becomes a Paper without a zod pass, which costs more than the
 * JSON parse itself. Anything else returns null and goes through `paperSchema`, so the schema
 * stays the one definition of a valid paper.
 */
function canonicalPaper(record: Record<string, unknown>): Paper | null {
	const { id, title, authors, abstract, categories, venue, comment, journal_ref, doi, code_url, url, published, updated } = record;
	const { version, cite_key, entry_type, zotero_key } = record;
	if (
		!isCanonicalKey(id) ||
		!isOptionalText(abstract) ||
		!isOptionalText(title) ||
		(abstract == null && title == null) ||
		!isOptionalList(authors) ||
		!isOptionalList(categories) ||
		!isOptionalText(venue) ||
		!isOptionalText(comment) ||
		!isOptionalText(journal_ref) ||
		!isOptionalText(doi) ||
		!isOptionalText(code_url) ||
		!isOptionalText(url) ||
		!isOptionalPartialDate(published) ||
		!isOptionalDate(updated) ||
		!isOptionalVersion(version) ||
		!isOptionalText(cite_key) ||
		!isOptionalText(entry_type) ||
		!isOptionalText(zotero_key)
	) {
		return null;
	}
	return {
		id,
		title: orNull<string>(title),
		authors: orNull<string[]>(authors),
		abstract: orNull<string>(abstract),
		categories: orNull<string[]>(categories),
		venue: orNull<string>(venue),
		comment: orNull<string>(comment),
		journal_ref: orNull<string>(journal_ref),
		doi: orNull<string>(doi),
		code_url: orNull<string>(code_url),
		url: orNull<string>(url),
		published: orNull<string>(published),
		updated: orNull<string>(updated),
		version: orNull<number>(version),
		cite_key: orNull<string>(cite_key),
		entry_type: orNull<string>(entry_type),
		zotero_key: orNull<string>(zotero_key),
	};
}
