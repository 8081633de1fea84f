import { isIsoDate, paperSchema } from './paper.js';
import { describeIssues, emptyParsedFile, type ParsedFile } from './records.js';

// One token after "arXiv:", so prose such as "arXiv: we show…" stays text; "arXiv:foo" is a bad id.
const ID_LINE = /^arxiv:\s*(\S+)$/i;
const CREATED_LINE = /^created:\s*(.*)$/i;
const COMMENT_LABEL = /^comments?:\s*/i;

/** One record of the listing as read, before validation; line numbers are 1-based. */
interface ListingRecord {
	start: number;
	paragraphs: { line: number; text: string[] }[];
	id?: { line: number; value: string };
	created?: { line: number; value: string };
}

/**
 * Parses the plain listing format that the lab pastes papers in (data/seed-papers.txt): per record
 * an abstract paragraph, optional comment lines (venue, page counts), `arXiv:ID` and
 * `Created: YYYY-MM-DD`, with records separated by blank lines. The `arXiv:`/`Created:` lines end
 * a record, so the blank lines inside one do not split it. Tolerates CRLF, trailing spaces and
 * extra blank lines; a record that does not validate becomes a `path:line: reason` warning, and a
 * `Created:` line that is no calendar date a warning and a paper without a date.
 */
export function parseListing(text: string, path: string): ParsedFile {
	const parsed = emptyParsedFile();
	let record: ListingRecord | null = null;
	let inParagraph = false;
	const finish = () => {
		if (record) readListingRecord(record, path, parsed);
		record = null;
		inParagraph = false;
	};
	for (const [index, rawLine] of text.split(/\r\n|\r|\n/).entries()) {
		const line = rawLine.trim();
		const lineNumber = index + 1;
		if (!line) {
			inParagraph = false;
			continue;
		}
		const idMatch = ID_LINE.exec(line);
		const trailer = idMatch ?? CREATED_LINE.exec(line);
		const kind = idMatch ? 'id' : trailer ? 'created' : 'text';
		if (record && startsNextRecord(record, kind)) finish();
		record ??= { start: lineNumber, paragraphs: [] };
		if (kind !== 'text') {
			record[kind] = { line: lineNumber, value: (trailer?.[1] ?? '').trim() };
			inParagraph = false;
		} else if (inParagraph) {
			record.paragraphs.at(-1)?.text.push(line);
		} else {
			record.paragraphs.push({ line: lineNumber, text: [line] });
			inParagraph = true;
		}
	}
	finish();
	return parsed;
}

/** Text after the `arXiv:`/`Created:` lines, or a second line of either kind, begins the next record. */
function startsNextRecord(record: ListingRecord, kind: 'id' | 'created' | 'text'): boolean {
	return kind === 'text' ? record.id !== undefined || record.created !== undefined : record[kind] !== undefined;
}

function readListingRecord(record: ListingRecord, path: string, into: ParsedFile): void {
	if (!record.id) {
		into.warnings.push(`${path}:${record.start}: record has no arXiv:ID line`);
		return;
	}
	const [abstract, ...comments] = record.paragraphs;
	const created = record.created;
	const dated = created !== undefined && isIsoDate(created.value);
	const input = {
		id: record.id.value,
		abstract: abstract?.text.join(' ') ?? '',
		// A pasted arXiv listing labels the line itself ("Comments: 5 pages"); the card adds its own label.
		comment: comments.flatMap((paragraph) => paragraph.text.map((line) => line.replace(COMMENT_LABEL, ''))).join('; '),
		published: dated ? created.value : undefined,
	};
	const parsed = paperSchema.safeParse(input);
	if (parsed.success) {
		into.papers.push({ paper: parsed.data, place: `${path}:${record.start}` });
		if (created && !dated)
			into.notes.push(`${path}:${created.line}: Created date "${created.value}" is not a date (YYYY-MM-DD); the paper is kept without one`);
		return;
	}
	const lineOf: Record<string, number | undefined> = {
		id: record.id.line,
		abstract: abstract?.line,
		comment: comments[0]?.line,
	};
	const field = String(parsed.error.issues[0]?.path[0]);
	into.warnings.push(`${path}:${lineOf[field] ?? record.start}: ${describeIssues(parsed.error.issues, input)}`);
}
