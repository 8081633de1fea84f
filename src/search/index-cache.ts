import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusSummary, ListedCorpus, ReadCorpus } from '../corpus/load.js';
import { addPapersToIndex, appendedRecords, type IndexedFiles, summaryOf } from './appended.js';
import { indexCodeKey } from './index-code.js';
import { encodeIndex, openIndexCache, OtherCodeError, type WrittenRecords } from './index-file.js';
import { assembleIndex, buildPartsBesidePostings, type PaperIndex, type StoredIndexParts } from './paper-index.js';
import { buildPostings } from './postings.js';
import { inPaperOrder, type PaperList, paperRecordPieces, StoredPapers, storedRecordPieces } from './paper-list.js';

/** Why an index is built rather than read from the cache, as a person is told it. */
export type BuildReason =
	| 'first start'
	| 'the corpus changed since the last start'
	| "paperbot's index code changed"
	| 'the cached index was damaged'
	| `the cached index could not be read: ${string}`;

/** Options for {@link loadOrBuildIndex}. */
export interface IndexCacheOptions {
	/** Folder the cache file lives in: the corpus folder itself, or a dedicated cache folder. */
	cacheDir: string;
	/** Told, before the build starts, why the index is built rather than read from the cache. */
	onBuild?: (reason: BuildReason) => void;
	/** Told how far a build has come, from 0 to 1, while it runs. */
	onProgress?: (fraction: number) => void;
	/** Told why a built index could not be saved; not fatal. Default: console.warn. */
	onWarning?: (message: string) => void;
	/** Up to this many papers, the index keeps its papers in memory. Default {@link PAPERS_IN_MEMORY_UP_TO}. */
	papersInMemoryUpTo?: number;
}

/**
 * Up to this many papers (a few hundred MB of records), an index keeps its papers' records and
 * title keys in memory, read once at the start: cards, suggestions and the feed read no disk.
 * Past it, they stay in the cache file and each is read when asked, so that memory stays in
 * bounds (see DESIGN.md, "Memory at a restart").
 */
export const PAPERS_IN_MEMORY_UP_TO = 200_000;

/** A ready index, what the load of its corpus reported, and where they came from. */
export interface LoadedIndex {
	index: PaperIndex;
	corpus: CorpusSummary;
	/** The files as the index in service has them, papers appended since included: what the next reload compares with. */
	files: IndexedFiles;
	source: 'cache' | 'built';
}

const FILE_PREFIX = '.paperbot-index-';
const FILE_SUFFIX = '.bin';
/** The cache file for a corpus fingerprint. */
export function indexCachePath(cacheDir: string, fingerprint: string): string {
	return join(cacheDir, `${FILE_PREFIX}${fingerprint}${FILE_SUFFIX}`);
}

/** Parsing the files is about this share of a first start; building the index is the rest. */
const PARSE_SHARE = 0.1;

/**
 * The search index of a listed corpus: read from the cache file when the cache was built from
 * these files, else built from them and written there (older cache files in the folder are
 * removed), then read back from it. A cache is for these files when each has the size and
 * modification time it had then, or, when any differs, when the files' contents hash to the
 * fingerprint it was built for; only then are the files read at all. The cache holds the papers'
 * records too, read one by one when asked, so a restart parses no JSON and builds nothing. A cache
 * that cannot be read, is corrupt, or was built by other index code (see indexCodeKey) is rebuilt;
 * `onBuild` is told why.
 */
export async function loadOrBuildIndex(listed: ListedCorpus, options: IndexCacheOptions): Promise<LoadedIndex> {
	const warn = options.onWarning ?? ((message: string) => console.warn(message));
	const inMemoryUpTo = options.papersInMemoryUpTo ?? PAPERS_IN_MEMORY_UP_TO;
	const inService = (index: PaperIndex) => (index.ids.length <= inMemoryUpTo ? withPapersInMemory(index) : index);
	const indexCode = await indexCodeKey();
	let reason: BuildReason | null = null;
	const names = await readdir(options.cacheDir).catch((error: NodeJS.ErrnoException) => {
		if (error.code !== 'ENOENT') reason = `the cached index could not be read: ${error.code ?? error.message}`;
		return [] as string[];
	});
	const candidates = names.filter((name) => name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX));
	for (const name of candidates) {
		const path = join(options.cacheDir, name);
		try {
			const cached = openIndexCache(path, indexCode);
			if (sameStates(cached.corpus.states, listed.states)) {
				const loaded = cached.load(listed.files);
				return { ...loaded, index: inService(loaded.index) };
			}
			const appended = await appendedRecords(cached.corpus, listed);
			const loaded = appended && cached.load(listed.files);
			// Read into memory only once they are known to be added: a rebuild would read them again.
			const added = loaded && addPapersToIndex(loaded.index, appended.papers);
			const index = added && inService(added);
			if (index) return { index, corpus: summaryOf(appended.files, listed.files), files: appended.files, source: 'cache' };
			if (!loaded) cached.close();
			reason ??= 'the corpus changed since the last start';
		} catch (error) {
			reason = error instanceof OtherCodeError ? "paperbot's index code changed" : 'the cached index was damaged';
		}
	}
	options.onBuild?.(reason ?? 'first start');
	const built = await buildAndWrite(listed, options.cacheDir, inMemoryUpTo, options.onProgress ?? (() => undefined));
	if (built.cause !== null) {
		warn(`cannot save the search index as ${built.path} (${built.cause}); the next start will build it again`);
	}
	if (built.cause !== null || !(built.index.papers instanceof StoredPapers)) {
		return { index: built.index, corpus: built.corpus, files: built.files, source: 'built' };
	}
	// The papers are let go for their records in the file, as a restart reads them.
	const papers = new StoredPapers(openSync(built.path, 'r'), built.written.recordsAt, built.written.recordOffsets);
	return { index: { ...built.index, papers }, corpus: built.corpus, files: built.files, source: 'built' };
}

/**
 * Parses and indexes the corpus and writes the cache file: where it is, or the index itself when it
 * could not be written, and why. The papers' records are written first, to a file beside it, and
 * the parsed papers let go before the postings are built from those records: a million parsed
 * papers and the postings being built would not fit in memory together.
 */
async function buildAndWrite(
	listed: ListedCorpus,
	cacheDir: string,
	inMemoryUpTo: number,
	progress: (fraction: number) => void,
): Promise<
	{ index: PaperIndex; corpus: CorpusSummary; files: IndexedFiles; path: string } & (
		| { cause: null; written: WrittenRecords }
		| { cause: string }
	)
> {
	const read = await listed.read();
	const path = indexCachePath(cacheDir, read.fingerprint);
	const recordsPath = `${path}.${process.pid}.${randomUUID()}.records.tmp`;
	const { corpus, parts, papers, cause } = await parseAndStore(read, cacheDir, recordsPath, inMemoryUpTo);
	progress(PARSE_SHARE);
	const postings = buildPostings(papers instanceof StoredPapers ? inPaperOrder(papers) : papers, (fraction) =>
		progress(PARSE_SHARE + (1 - PARSE_SHARE) * fraction),
	);
	const index = assembleIndex({ ...parts, postings }, papers);
	progress(1);
	const files = { ...corpus, states: listed.states, hashes: read.hashes };
	if (cause !== null) return { index, corpus, files, path, cause };
	try {
		return { index, corpus, files, path, cause: null, written: await writeIndexCache(index, files, cacheDir) };
	} catch (error) {
		return { index, corpus, files, path, cause: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
	} finally {
		if (papers instanceof StoredPapers) await rm(recordsPath, { force: true });
	}
}

/**
 * Parses the corpus, makes every part of its index but the postings, and, past `inMemoryUpTo`
 * papers, writes the papers' records to `recordsPath`: the papers as read back from there, or,
 * when that cannot be written, the parsed papers themselves and why. The parsed papers of a corpus
 * that large are let go when this returns.
 */
async function parseAndStore(
	read: ReadCorpus,
	cacheDir: string,
	recordsPath: string,
	inMemoryUpTo: number,
): Promise<{ corpus: CorpusSummary; parts: Omit<StoredIndexParts, 'postings'>; papers: PaperList; cause: string | null }> {
	const { papers, ...corpus } = read.parse();
	const parts = buildPartsBesidePostings(papers);
	if (papers.length <= inMemoryUpTo) return { corpus, parts, papers, cause: null };
	try {
		await mkdir(cacheDir, { recursive: true });
		const file = await open(recordsPath, 'w');
		const offsets = new Float64Array(papers.length + 1);
		try {
			for (const piece of paperRecordPieces(papers, offsets)) await file.write(piece);
		} finally {
			await file.close();
		}
		return { corpus, parts, papers: new StoredPapers(openSync(recordsPath, 'r'), 0, offsets), cause: null };
	} catch (error) {
		return { corpus, parts, papers, cause: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
	}
}

/** The index with its papers' records read into memory, in one pass, and its title keys decoded. */
function withPapersInMemory(index: PaperIndex): PaperIndex {
	const { papers, suggestions } = index;
	if (!(papers instanceof StoredPapers)) return index;
	const inOrder = inPaperOrder(papers);
	const { titleKeys } = suggestions;
	return {
		...index,
		papers: Array.from({ length: papers.length }, (_, paperNo) => inOrder.at(paperNo)!),
		suggestions: { ...suggestions, titleKeys: Array.from({ length: titleKeys.length }, (_, at) => titleKeys.at(at)!) },
	};
}

function sameStates(cached: IndexedFiles['states'], now: IndexedFiles['states']): boolean {
	return (
		cached.length === now.length &&
		cached.every(({ name, size, mtimeMs }, at) => now[at]!.name === name && now[at]!.size === size && now[at]!.mtimeMs === mtimeMs)
	);
}

/** Writes `index` as the cache file for `corpus` (atomically) and removes older cache files. */
export async function writeIndexCache(index: PaperIndex, corpus: IndexedFiles, cacheDir: string): Promise<WrittenRecords> {
	await mkdir(cacheDir, { recursive: true });
	const path = indexCachePath(cacheDir, corpus.fingerprint);
	// Builds in one process may run side by side (the CLI's in tests): each writes its own file.
	const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
	const file = await open(temporary, 'w');
	const write = async (pieces: Uint8Array[], position: number | null = null) => {
		const { bytesWritten } = await file.writev(pieces, position ?? undefined);
		const expected = pieces.reduce((total, piece) => total + piece.byteLength, 0);
		if (bytesWritten !== expected) throw new Error(`index-cache: wrote ${bytesWritten} of ${expected} bytes to ${temporary}`);
	};
	let written: WrittenRecords;
	try {
		const { pieces, recordOffsets, recordOffsetsAt, recordsAt } = encodeIndex(index, corpus, await indexCodeKey());
		written = { recordsAt, recordOffsets };
		await write(pieces);
		// The records last, copied as they are when they are stored already, else written as they are
		// made; then where each starts, in the room left for it.
		const { papers } = index;
		if (papers instanceof StoredPapers) recordOffsets.set(papers.offsets);
		const records = papers instanceof StoredPapers ? storedRecordPieces(papers) : paperRecordPieces(papers, recordOffsets);
		for (const piece of records) await write([piece]);
		await write([new Uint8Array(recordOffsets.buffer)], recordOffsetsAt);
	} finally {
		await file.close();
	}
	await rename(temporary, path);
	const stale = (await readdir(cacheDir)).filter(
		(name) => name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX) && join(cacheDir, name) !== path,
	);
	await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
	return written;
}
