import { z } from 'zod';
import { type PaperRecord, paperSchema } from './paper.js';

/**
 * True when a record with an abstract uses the field layout of the public arXiv metadata snapshot
 * (one JSON object per line: authors as one string, `update_date`, `versions`, `journal-ref`)
 * rather than paperbot's own schema.
 */
export function isArxivSnapshot(record: Record<string, unknown>): boolean {
	return (
		typeof record.authors === 'string' ||
		record.update_date !== undefined ||
		record.versions !== undefined ||
		record['journal-ref'] !== undefined
	);
}

/** Folds runs of whitespace, newlines included, into single spaces: snapshot titles and abstracts are hard-wrapped. */
const foldWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Splits the snapshot's one-string author list, "A, B and C" (or "A, B, and C"), into names.
 * Commas inside parentheses belong to affiliations, e.g. "A (MIT, CSAIL), B", and do not split.
 */
export function splitAuthors(authors: string): string[] {
	const names: string[] = [];
	let depth = 0;
	let start = 0;
	const text = foldWhitespace(authors);
	for (let i = 0; i <= text.length; i++) {
		const char = text[i];
		if (char === '(') depth++;
		else if (char === ')') depth = Math.max(0, depth - 1);
		else if (i === text.length || (char === ',' && depth === 0)) {
			names.push(...text.slice(start, i).split(/\s+and\s+/));
			start = i + 1;
		}
	}
	return names.map((name) => name.replace(/^and\s+/, '').trim()).filter((name) => name.length > 0);
}

/** "Mon, 2 Apr 2007 19:18:42 GMT" → "2007-04-02"; null when the text is not a date. */
export function snapshotDate(created: string): string | null {
	const time = Date.parse(created);
	return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

const optionalString = z.string().nullish();

/**
 * One record of the public arXiv metadata snapshot, mapped to a Paper: published is the first
 * version's date, updated is `update_date`, categories are split on spaces, and title and abstract
 * have their hard line wraps folded.
 */
export const arxivSnapshotSchema = z
	.object({
		id: z.string(),
		title: optionalString,
		authors: z.union([z.string(), z.array(z.string())]).nullish(),
		abstract: z.string(),
		categories: optionalString,
		comments: optionalString,
		'journal-ref': optionalString,
		doi: optionalString,
		update_date: optionalString,
		versions: z.array(z.object({ created: z.string() })).nullish(),
	})
	.transform((snapshot, ctx): PaperRecord => {
		const firstVersion = snapshot.versions?.[0]?.created;
		const published = firstVersion === undefined ? null : snapshotDate(firstVersion);
		if (firstVersion !== undefined && published === null) {
			ctx.addIssue({ code: 'custom', path: ['versions'], message: `versions: "${firstVersion}" is not a date` });
		}
		return {
			id: snapshot.id,
			title: snapshot.title == null ? null : foldWhitespace(snapshot.title),
			authors: typeof snapshot.authors === 'string' ? splitAuthors(snapshot.authors) : snapshot.authors,
			abstract: foldWhitespace(snapshot.abstract),
			categories: snapshot.categories?.split(/\s+/).filter((category) => category.length > 0),
			comment: snapshot.comments,
			journal_ref: snapshot['journal-ref'],
			doi: snapshot.doi,
			published,
			updated: snapshot.update_date,
			version: snapshot.versions?.length || null,
		};
	})
	.pipe(paperSchema);
