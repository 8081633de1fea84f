import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { ADDED_FILE_NAME, CHANGES_FILE_NAME } from './append.js';
import { isArxivKey, type Paper } from './paper.js';
import { parseJsonRecords } from './json-records.js';
import { parseLargeJsonLines, readOrHash } from './large-files.js';
import { parseListing } from './listing.js';
import { LIBRARY_FILE_NAMES, type Merge, mergePapers, PaperIdentities } from './merge.js';
import type { PaperOverlay, ParsedFile, Place } from './records.js';

/** What a load reports besides the papers: what startup prints and the status counts. */
export interface CorpusSummary {
	/** Each `path:line: reason`, for a record that was skipped: what `skipped` counts. */
	warnings: string[];
	/** Each `path:line: note`, for a record kept but not as written: a duplicate replaced, a bad date dropped, an overlay for no paper. */
	notes: string[];
	/** The files read, in order. */
	files: string[];
	/** sha256 over each file's name within the corpus and its contents: keys a cached index. */
	fingerprint: string;
	/** Records folded into another record of the same paper (see src/corpus/merge.ts). */
	merged: Merge[];
}

/** A corpus as the rest of paperbot uses it: search indexes `papers`, startup prints `warnings` and `notes`. */
export interface LoadedCorpus extends CorpusSummary {
	/** One per id, sorted by id descending (newest first). */
	papers: Paper[];
}

/** A corpus file as `stat` sees it: what tells, without reading it, that a file is as it was. */
export interface CorpusFileState {
	/** The file's name within the corpus. */
	name: string;
	size: number;
	mtimeMs: number;
}

/** A corpus's files, listed and looked at but not read: a cached index may make reading them unneeded. */
export interface ListedCorpus {
	/** The files, in order. */
	files: string[];
	states: CorpusFileState[];
	/** Reads and fingerprints the files (once); throws CorpusError when one cannot be read. */
	read(): Promise<ReadCorpus>;
}

/** A corpus's files, read and fingerprinted but not yet parsed: a cached index may make parsing unneeded. */
export interface ReadCorpus {
	/** The files read, in order. */
	files: string[];
	/** sha256 over each file's name within the corpus and its contents' sha256: keys a cached index. */
	fingerprint: string;
	/** Each file's contents' sha256, hex. */
	hashes: string[];
	/** Parses the files into papers, once; throws CorpusError when not one valid paper is found. */
	parse(): LoadedCorpus;
}

/** The corpus cannot be used at all: an unreadable path, or not one valid paper in it. */
export class CorpusError extends Error {
	override name = 'CorpusError';
}

/** The extensions read from a corpus folder; a single file is read whatever its name. */
const CORPUS_EXTENSIONS = new Set(['.txt', '.json', '.jsonl']);

/**
 * Whether a file named `name`, in the corpus folder (or beside the corpus file `singleFile`), is
 * part of the corpus: what the loader reads, and so what a change to means a reload.
 */
export function isCorpusFileName(name: string, singleFile: string | null = null): boolean {
	if (singleFile !== null) return name === basename(singleFile) || WRITTEN_BESIDE.includes(name);
	return !name.startsWith('.') && CORPUS_EXTENSIONS.has(extname(name));
}
/** The files paperbot writes beside a single-file corpus: papers added, the library's, and the changes arXiv reports. */
const WRITTEN_BESIDE: readonly string[] = [ADDED_FILE_NAME, ...LIBRARY_FILE_NAMES, CHANGES_FILE_NAME];

/** How many warnings a "no valid paper" error quotes before summarising the rest. */
const WARNINGS_QUOTED = 10;

/**
 * Reads the corpus at `path` — one file, or a folder whose `.txt`, `.json` and `.jsonl` files are
 * read in name order (not recursively, dotfiles skipped) — into papers. `.txt` files are the plain
 * listing format; `.json`/`.jsonl` files hold JSON Lines or a JSON array of records in paperbot's
 * schema, the arXiv metadata snapshot layout, or metadata overlays, which are applied by id after
 * every paper is read. Malformed records are skipped with a warning; where two records share an id,
 * the later wins, with a note. Throws CorpusError, naming the path, when the path cannot be read or no valid
 * paper is found.
 */
export async function loadCorpus(path: string): Promise<LoadedCorpus> {
	return (await readCorpus(path)).parse();
}

/**
 * Lists the corpus at `path` and looks at each file's size and modification time, reading
 * nothing (see {@link loadCorpus}); throws CorpusError when it cannot be listed.
 */
export async function listCorpus(path: string): Promise<ListedCorpus> {
	const files = await listCorpusFiles(path);
	const states = await Promise.all(
		files.map(async (file) => {
			const info = await stat(file).catch((error: unknown) => {
				throw new CorpusError(`corpus: cannot read ${file}: ${describeFsError(error)}`);
			});
			return { name: basename(file), size: info.size, mtimeMs: info.mtimeMs };
		}),
	);
	let read: Promise<ReadCorpus> | null = null;
	return { files, states, read: () => (read ??= readFiles(path, files)) };
}

/** Reads and fingerprints the corpus at `path` (see {@link loadCorpus}); throws CorpusError when it cannot be read. */
export async function readCorpus(path: string): Promise<ReadCorpus> {
	return readFiles(path, await listCorpusFiles(path));
}

async function readFiles(path: string, files: string[]): Promise<ReadCorpus> {
	const hash = createHash('sha256');
	const contents: (Buffer | null)[] = [];
	const hashes: string[] = [];
	for (const file of files) {
		const { hash: fileHash, content } = await readOrHash(file).catch((error: unknown) => {
			throw new CorpusError(`corpus: cannot read ${file}: ${describeFsError(error)}`);
		});
		hashes.push(fileHash);
		hash.update(`${basename(file)}\0${fileHash}\n`);
		contents.push(content);
	}
	const fingerprint = hash.digest('hex');
	// The files' bytes are let go once parsed, and the papers are not kept here: a large corpus's
	// would otherwise stay alive beside its index while it is built, and after.
	return { files, fingerprint, hashes, parse: () => parseCorpus(path, files, contents.splice(0), fingerprint) };
}

function parseCorpus(path: string, files: string[], contents: readonly (Buffer | null)[], fingerprint: string): LoadedCorpus {
	const records: { paper: Paper; place: Place; fromLibrary: boolean }[] = [];
	const papers = new Map<string, { paper: Paper; place: Place; fromLibrary: boolean }>();
	const merged: Merge[] = [];
	const overlays: ParsedFile['overlays'] = [];
	const warnings: string[] = [];
	const notes: string[] = [];
	for (const [fileNo, file] of files.entries()) {
		const parsed = parseCorpusFile(contents[fileNo] ?? null, file);
		const fromLibrary = LIBRARY_FILE_NAMES.has(basename(file));
		warnings.push(...parsed.warnings);
		notes.push(...parsed.notes);
		for (const { paper, place } of parsed.papers) records.push({ paper, place, fromLibrary });
		overlays.push(...parsed.overlays);
	}
	// Overlays first, so that the titles and authors they give can tell which records are one paper.
	const overlaysById = new Map<string, PaperOverlay[]>();
	for (const { overlay } of overlays) {
		const same = overlaysById.get(overlay.id);
		if (same) same.push(overlay);
		else overlaysById.set(overlay.id, [overlay]);
	}
	const applied = new Set<string>();
	for (const record of records) {
		for (const overlay of overlaysById.get(record.paper.id) ?? []) record.paper = applyOverlay(record.paper, overlay);
		if (overlaysById.has(record.paper.id)) applied.add(record.paper.id);
	}
	for (const { overlay, place } of overlays) {
		if (!applied.has(overlay.id)) notes.push(`${place}: ${overlay.id} is not in the corpus, so its metadata is not applied`);
	}
	const identities = new PaperIdentities(
		papers,
		records.some(({ paper }) => !isArxivKey(paper.id)),
	);
	for (const { paper, place, fromLibrary } of records) {
		const same = identities.find(paper);
		const earlier = same && papers.get(same.id);
		if (!same || !earlier) {
			papers.set(paper.id, { paper, place, fromLibrary });
			identities.remember(paper);
		} else if (same.id === paper.id && !fromLibrary && !earlier.fromLibrary) {
			// Two of the lab's own records of one id: the later is the correction.
			notes.push(`${place}: ${paper.id} also at ${earlier.place}; the later record wins`);
			papers.set(paper.id, { paper, place, fromLibrary });
			identities.remember(paper, same);
		} else {
			// The lab's own record leads; the library's fills its gaps.
			const union = earlier.fromLibrary && !fromLibrary ? mergePapers(paper, same) : mergePapers(same, paper);
			if (same.id !== paper.id) merged.push({ id: union.id === paper.id ? same.id : paper.id, into: union.id });
			papers.delete(same.id);
			papers.set(union.id, { paper: union, place: earlier.place, fromLibrary: earlier.fromLibrary && fromLibrary });
			identities.remember(union, same);
		}
	}
	sortByFileAndLine(warnings, files);
	sortByFileAndLine(notes, files);
	if (papers.size === 0) throw new CorpusError(noValidPaperMessage(path, warnings));
	// Each id's sort key is made once, not at each of the sort's n log n comparisons.
	const sorted = [...papers.values()]
		.map((entry) => ({ paper: entry.paper, key: sortKey(entry.paper) }))
		.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
		.map((entry) => entry.paper);
	return { papers: sorted, warnings, notes, files, fingerprint, merged };
}

/** The bytes of a corpus file; throws CorpusError naming it when it cannot be read. */
export async function readCorpusFile(file: string): Promise<Buffer> {
	return readFile(file).catch((error: unknown) => {
		throw new CorpusError(`corpus: cannot read ${file}: ${describeFsError(error)}`);
	});
}

async function listCorpusFiles(path: string): Promise<string[]> {
	// The root is what CORPUS_PATH names, so its problems name the variable to fix.
	const stats = await stat(path).catch((error: unknown) => {
		throw new CorpusError(`corpus: cannot read ${path} (CORPUS_PATH): ${describeFsError(error)}`);
	});
	if (!stats.isDirectory()) {
		// Papers added from arXiv, and the lab's library, are written beside a single-file corpus (see src/corpus/append.ts).
		const beside: string[] = [];
		for (const name of WRITTEN_BESIDE) {
			const file = join(dirname(path), name);
			const exists =
				resolve(file) !== resolve(path) &&
				(await stat(file).then(
					(info) => info.isFile(),
					() => false,
				));
			if (exists) beside.push(file);
		}
		return [path, ...beside];
	}
	const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
		throw new CorpusError(`corpus: cannot read ${path} (CORPUS_PATH): ${describeFsError(error)}`);
	});
	const folder = path.endsWith(sep) || path.endsWith('/') ? path : `${path}${sep}`;
	const names = entries
		.filter((entry) => !entry.isDirectory() && isCorpusFileName(entry.name))
		.map((entry) => entry.name)
		.sort();
	if (names.length === 0) throw new CorpusError(`corpus: no .txt, .json or .jsonl files in ${path} (CORPUS_PATH)`);
	return names.map((name) => `${folder}${name}`);
}

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file or directory';
	if (code === 'EACCES') return 'permission denied';
	if (code === 'EISDIR') return 'is a directory';
	return code ?? String(error);
}

/**
 * `.txt` is the listing format, `.json`/`.jsonl` are JSON; any other file is told by its first
 * character. A file too large to hold (`content` null) is parsed a piece at a time when it is JSON Lines.
 */
function parseCorpusFile(large: Buffer | null, path: string): ParsedFile {
	const pieces = large === null ? parseLargeJsonLines(path) : null;
	if (pieces) return pieces;
	const content = large ?? readFileSync(path);
	const extension = extname(path);
	const looksLikeJson = /^\uFEFF?\s*[[{]/.test(content.toString('utf8', 0, 64));
	if (extension === '.json' || extension === '.jsonl' || (extension !== '.txt' && looksLikeJson)) {
		return parseJsonRecords(content, path);
	}
	return parseListing(content.toString('utf8').replace(/^\uFEFF/, ''), path);
}

function applyOverlay(paper: Paper, overlay: PaperOverlay): Paper {
	const merged: Record<string, unknown> = { ...paper };
	for (const [field, value] of Object.entries(overlay)) if (value !== null) merged[field] = value;
	return merged as Paper;
}

function noValidPaperMessage(path: string, warnings: string[]): string {
	return [`corpus: no valid paper in ${path}`, ...quoteWarnings(warnings)].join('\n');
}

/** The first warnings, then how many more there are (`…and 1,614 more`): what a person reads at startup. */
export function quoteWarnings(warnings: readonly string[], limit = WARNINGS_QUOTED): string[] {
	const more = warnings.length - limit;
	return more > 0 ? [...warnings.slice(0, limit), `…and ${more.toLocaleString('en-US')} more`] : [...warnings];
}

/** Orders `path:line: reason` warnings by file, in reading order, then by line: overlays and duplicates are only found after their file was read. */
function sortByFileAndLine(warnings: string[], files: readonly string[]): void {
	const place = (warning: string) => {
		const fileNo = files.findIndex((file) => warning.startsWith(`${file}:`));
		const line = fileNo < 0 ? 0 : Number(/^\d+/.exec(warning.slice(files[fileNo]!.length + 1))?.[0] ?? 0);
		return { fileNo, line };
	};
	const places = new Map(warnings.map((warning) => [warning, place(warning)]));
	warnings.sort((a, b) => places.get(a)!.fileNo - places.get(b)!.fileNo || places.get(a)!.line - places.get(b)!.line);
}

/**
 * A key that orders papers by age, for sorting newest first: an arXiv paper by its id (see
 * `idSortKey`); any other by its date (year and month, after the arXiv papers of that month), and
 * without one, oldest of all.
 */
function sortKey(paper: Paper): string {
	if (isArxivKey(paper.id)) return idSortKey(paper.id);
	const [year = '0000', month = '00'] = paper.published?.split('-') ?? [];
	return `${year}${month}~${paper.id}`;
}

/**
 * A key that orders ids by age, for sorting newest first. New-style ids (`2305.00054`, since April
 * 2007) sort by year, month and number; old-style ids (`hep-th/9901001`) by their YYMM, read as
 * 1991–2007, so they come after.
 */
function idSortKey(id: string): string {
	const slash = id.indexOf('/');
	if (slash === -1) {
		const [month = '', number = ''] = id.split('.');
		return `20${month}.${number.padStart(5, '0')}`;
	}
	const serial = id.slice(slash + 1);
	const century = Number(serial.slice(0, 2)) >= 91 ? '19' : '20';
	return `${century}${serial.slice(0, 4)}.${serial.slice(4).padStart(5, '0')} ${id.slice(0, slash)}`;
}
