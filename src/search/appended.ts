import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { parseJsonLinesPiece } from '../corpus/json-records.js';
import { type CorpusFileState, type CorpusSummary, type ListedCorpus, readCorpusFile } from '../corpus/load.js';
import { publishedDoi, titleMatch } from '../corpus/merge.js';
import { isArxivKey, type Paper } from '../corpus/paper.js';
import { getPaper, type PaperIndex, withAddedPapers } from './paper-index.js';

/** What an index was built or read from: the summary of its load, and each file as it was then. */
export interface IndexedFiles extends CorpusSummary {
	/** Each file's size and modification time. */
	states: CorpusFileState[];
	/** Each file's contents' sha256, hex. */
	hashes: string[];
}

/** The records appended to a corpus's JSON Lines files since they were indexed, and the files as they are now. */
export interface AppendedRecords {
	papers: Paper[];
	/** Each `path:line: reason` for an appended record skipped. */
	warnings: string[];
	notes: string[];
	files: IndexedFiles;
}

const NEWLINE = 0x0a;
/** Appended lines are parsed in pieces of about this size (see appendedRecords). */
const APPENDED_PIECE_BYTES = 64 << 10;

/** What a load reports of `indexed` files, whose paths are now `files`. */
export function summaryOf(indexed: IndexedFiles, files: string[]): CorpusSummary {
	const { states: _states, hashes: _hashes, ...summary } = indexed;
	return { ...summary, files };
}

/**
 * The records appended to the corpus since `indexed`: each file either as it was (size and time),
 * or longer, its old bytes unchanged (the same sha256) and new lines after them, or a JSON Lines
 * file that was not there. Null when any file changed otherwise (edited, shortened, removed, a
 * listing or a JSON array that grew), when an appended record is a metadata overlay, which changes
 * a paper already indexed, or when one is a paper without an arXiv id, which may be one indexed
 * already (see addPapersToIndex): only a full read can apply those. The new lines are parsed a
 * piece at a time, so a file an import or a sync wrote, its first record already a DOI's, is
 * given up on without parsing the rest before the full read parses it again.
 */
export async function appendedRecords(indexed: IndexedFiles, listed: ListedCorpus): Promise<AppendedRecords | null> {
	const byName = new Map(indexed.states.map((state, at) => [state.name, { state, hash: indexed.hashes[at]! }]));
	if (indexed.states.some(({ name }) => !listed.states.some((state) => state.name === name))) return null;
	const appended: AppendedRecords = { papers: [], warnings: [], notes: [], files: { ...indexed, states: listed.states, hashes: [] } };
	for (const [at, file] of listed.files.entries()) {
		const now = listed.states[at]!;
		const before = byName.get(now.name);
		if (before && before.state.size === now.size && before.state.mtimeMs === now.mtimeMs) {
			appended.files.hashes.push(before.hash);
			continue;
		}
		const content = await readCorpusFile(file);
		const from = before?.state.size ?? 0;
		if (content.length < from) return null;
		if (before && createHash('sha256').update(content.subarray(0, from)).digest('hex') !== before.hash) return null;
		if (content.length > from) {
			if (extname(file) !== '.jsonl' || (from > 0 && content[from - 1] !== NEWLINE)) return null;
			let line = countLines(content, from) + 1;
			for (let start = from; start < content.length; ) {
				const newline = content.indexOf(NEWLINE, Math.min(start + APPENDED_PIECE_BYTES, content.length) - 1);
				const end = newline === -1 ? content.length : newline + 1;
				const piece = content.subarray(start, end);
				const parsed = parseJsonLinesPiece(piece, file, line);
				if (parsed.overlays.length > 0 || parsed.papers.some(({ paper }) => !isArxivKey(paper.id))) return null;
				appended.papers.push(...parsed.papers.map(({ paper }) => paper));
				appended.warnings.push(...parsed.warnings);
				appended.notes.push(...parsed.notes);
				line += countLines(piece, piece.length);
				start = end;
			}
		}
		appended.files.hashes.push(createHash('sha256').update(content).digest('hex'));
	}
	appended.files.warnings = [...indexed.warnings, ...appended.warnings];
	appended.files.notes = [...indexed.notes, ...appended.notes];
	return appended;
}

function countLines(content: Buffer, end: number): number {
	let lines = 0;
	for (let at = content.indexOf(NEWLINE); at !== -1 && at < end; at = content.indexOf(NEWLINE, at + 1)) lines++;
	return lines;
}

const samePaper = (a: Paper, b: Paper) => {
	const fields = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Paper>;
	return [...fields].every((field) => JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null));
};

/**
 * The index with `papers` added (see withAddedPapers), leaving out those among its added papers
 * already as they are; null when one of them may be a paper the index has under some name, or
 * comes twice, as only a full read merges records of one paper (src/corpus/merge.ts). Only arXiv
 * papers are added this way: an arXiv id tells a paper apart from every other arXiv paper, so only
 * its key, its published DOI and the titles of the few papers without an arXiv id need looking at;
 * a paper without one may be any paper of the same title.
 */
export function addPapersToIndex(index: PaperIndex, papers: readonly Paper[]): PaperIndex | null {
	const fresh: Paper[] = [];
	for (const paper of papers) {
		const added = index.added && getPaper(index.added, paper.id);
		// The same record again (the reload after an add reads what the add wrote) changes nothing; another needs a full read.
		if (added) {
			if (samePaper(added, paper)) continue;
			return null;
		}
		if (!isArxivKey(paper.id) || getPaper(index, paper.id) !== null) return null;
		const doi = publishedDoi(paper);
		if (doi !== null && getPaper(index, `doi:${doi}`) !== null) return null;
		const title = titleMatch(paper);
		if (title !== null && titlesWithoutArxivId(index).has(title)) return null;
		if (fresh.some((other) => other.id === paper.id)) return null;
		fresh.push(paper);
	}
	return fresh.length ? withAddedPapers(index, fresh) : index;
}

const titlesByIds = new WeakMap<readonly string[], Set<string>>();

/** The title matches (see titleMatch) of the index's papers without an arXiv id, made once per index. */
function titlesWithoutArxivId(index: PaperIndex): Set<string> {
	let titles = titlesByIds.get(index.ids);
	if (titles) return titles;
	titles = new Set();
	for (const [paperNo, id] of index.ids.entries()) {
		if (isArxivKey(id)) continue;
		const title = titleMatch(index.papers.at(paperNo)!);
		if (title !== null) titles.add(title);
	}
	titlesByIds.set(index.ids, titles);
	return titles;
}
