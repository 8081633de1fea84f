import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusSummary, ListedCorpus, ReadCorpus } from '../corpus/load.js';
import { addPapersToIndex, appendedRecords, type IndexedFiles, summaryOf } from './appended.js';
import { indexCodeKey } from './index-code.js';
import { assembleIndex, buildPartsBesidePostings, type PaperIndex, type StoredIndexParts } from './paper-index.js';
import { buildPostings } from './postings.js';
import { type PaperList, paperRecordPieces, StoredPapers, storedRecordPieces } from './paper-list.js';

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
}

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
const MAGIC = 'paperbot-index\n';
const ALIGNMENT = 8;

/** How a section is stored: bytes of a typed array, lines of text, a JSON value, or the papers' records (left on disk). */
type SectionKind = 'u16' | 'u32' | 'f32' | 'f64' | 'lines' | 'json' | 'records';

interface SectionPlace {
	kind: SectionKind;
	offset: number;
	byteLength: number;
	/** For lines: how many (an empty text is no lines, or one empty line). */
	count?: number;
}

interface Header {
	/** The code that built the index (see indexCodeKey): other code would have built another. */
	indexCode: string;
	corpus: IndexedFiles;
	sections: Record<string, SectionPlace>;
}

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
			if (sameStates(cached.corpus.states, listed.states)) return cached.load(listed.files);
			const appended = await appendedRecords(cached.corpus, listed);
			const loaded = appended && cached.load(listed.files);
			const index = loaded && addPapersToIndex(loaded.index, appended.papers);
			if (index) return { index, corpus: summaryOf(appended.files, listed.files), files: appended.files, source: 'cache' };
			if (!loaded) cached.close();
			reason ??= 'the corpus changed since the last start';
		} catch (error) {
			reason = error instanceof OtherCodeError ? "paperbot's index code changed" : 'the cached index was damaged';
		}
	}
	options.onBuild?.(reason ?? 'first start');
	const built = await buildAndWrite(listed, options.cacheDir, options.onProgress ?? (() => undefined));
	if (built.cause !== null) {
		warn(`cannot save the search index as ${built.path} (${built.cause}); the next start will build it again`);
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
	progress: (fraction: number) => void,
): Promise<
	{ index: PaperIndex; corpus: CorpusSummary; files: IndexedFiles; path: string } & (
		| { cause: null; written: WrittenRecords }
		| { cause: string }
	)
> {
	const read = await listed.read();
	const path = indexCachePath(cacheDir, read.fingerprint);
	const recordsPath = `${path}.${process.pid}.records.tmp`;
	const { corpus, parts, papers, cause } = await parseAndStore(read, cacheDir, recordsPath);
	progress(PARSE_SHARE);
	const postings = buildPostings(papers, (fraction) => progress(PARSE_SHARE + (1 - PARSE_SHARE) * fraction));
	const index = assembleIndex({ ...parts, postings }, papers);
	progress(1);
	const files = { ...corpus, states: listed.states, hashes: read.hashes };
	if (cause !== null) return { index, corpus, files, path, cause };
	try {
		return { index, corpus, files, path, cause: null, written: await writeIndexCache(index, files, cacheDir) };
	} catch (error) {
		return { index, corpus, files, path, cause: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
	} finally {
		await rm(recordsPath, { force: true });
	}
}

/**
 * Parses the corpus, makes every part of its index but the postings, and writes the papers'
 * records to `recordsPath`: the papers as read back from there, or, when that cannot be written,
 * the parsed papers themselves and why. The parsed papers are let go when this returns.
 */
async function parseAndStore(
	read: ReadCorpus,
	cacheDir: string,
	recordsPath: string,
): Promise<{ corpus: CorpusSummary; parts: Omit<StoredIndexParts, 'postings'>; papers: PaperList; cause: string | null }> {
	const { papers, ...corpus } = read.parse();
	const parts = buildPartsBesidePostings(papers);
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

function sameStates(cached: IndexedFiles['states'], now: IndexedFiles['states']): boolean {
	return (
		cached.length === now.length &&
		cached.every(({ name, size, mtimeMs }, at) => now[at]!.name === name && now[at]!.size === size && now[at]!.mtimeMs === mtimeMs)
	);
}

/** The cache file was written by other index code: not damage, an update. */
class OtherCodeError extends Error {}

/** Where a cache file's records are: their start in the file, and each record's offset from it. */
interface WrittenRecords {
	recordsAt: number;
	recordOffsets: Float64Array;
}

/** Writes `index` as the cache file for `corpus` (atomically) and removes older cache files. */
export async function writeIndexCache(index: PaperIndex, corpus: IndexedFiles, cacheDir: string): Promise<WrittenRecords> {
	await mkdir(cacheDir, { recursive: true });
	const path = indexCachePath(cacheDir, corpus.fingerprint);
	const temporary = `${path}.${process.pid}.tmp`;
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

type SectionData = ArrayBufferView | { lines: readonly string[] } | { json: unknown } | { records: true };

function sectionsOf(index: PaperIndex): Record<string, SectionData> {
	const { postings, suggestions, authors, categories, venues, aliases } = index;
	return {
		ids: { lines: index.ids },
		terms: { lines: postings.terms },
		offsets: postings.offsets,
		postingPapers: postings.papers,
		impacts: postings.impacts,
		averageLengths: { json: postings.averageLengths ?? null },
		words: { lines: postings.words },
		wordTerms: postings.wordTerms,
		titleKeys: { lines: suggestions.titleKeys },
		entryPapers: suggestions.entryPapers,
		entryOffsets: suggestions.entryOffsets,
		papersById: suggestions.papersById,
		newest: index.newest,
		recency: index.recency,
		years: index.years,
		authorNames: { lines: authors.names.map((words) => words.join(' ')) },
		authorPaperOffsets: authors.paperOffsets,
		authorNamePapers: authors.namePapers,
		categoryValues: { json: categories.values },
		categoryCodes: categories.codes,
		venueValues: { json: venues.values },
		venueCodes: venues.codes,
		aliasKeys: { lines: aliases.keys },
		aliasPapers: aliases.papers,
		recordOffsets: new Float64Array(index.papers.length + 1),
		// The records themselves are written after every other section (see writeIndexCache).
		records: { records: true },
	};
}

function kindOf(data: SectionData): SectionKind {
	if (data instanceof Uint16Array) return 'u16';
	if (data instanceof Uint32Array) return 'u32';
	if (data instanceof Float32Array) return 'f32';
	if (data instanceof Float64Array) return 'f64';
	if ('lines' in data) return 'lines';
	if ('json' in data) return 'json';
	return 'records';
}

/**
 * Layout: magic, header length (uint32 LE), header JSON, then each section 8-byte aligned, the
 * papers' records last (their length is `recordOffsets`' last). Returned as the pieces to write in
 * order up to the records, the sections as views of the index's own arrays: copying them into one
 * buffer would touch as much fresh memory as the postings themselves; and the record offsets to
 * fill and write at `recordOffsetsAt` once the records are written.
 */
function encodeIndex(
	index: PaperIndex,
	corpus: IndexedFiles,
	indexCode: string,
): { pieces: Uint8Array[]; recordOffsets: Float64Array; recordOffsetsAt: number; recordsAt: number } {
	const placed: Record<string, SectionPlace> = {};
	const pieces: Uint8Array[] = [];
	const sections = sectionsOf(index);
	let offset = 0;
	for (const [name, data] of Object.entries(sections)) {
		const kind = kindOf(data);
		let bytes: Uint8Array[];
		let count: number | undefined;
		if ('lines' in data) {
			bytes = [Buffer.from(data.lines.join('\n'), 'utf8')];
			count = data.lines.length;
		} else if ('json' in data) bytes = [Buffer.from(JSON.stringify(data.json), 'utf8')];
		else if ('records' in data) bytes = [];
		else bytes = [new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
		const byteLength = bytes.reduce((total, piece) => total + piece.byteLength, 0);
		placed[name] = { kind, offset, byteLength, ...(count !== undefined && { count }) };
		const padded = Math.ceil(byteLength / ALIGNMENT) * ALIGNMENT;
		pieces.push(...bytes, Buffer.alloc(padded - byteLength));
		offset += padded;
	}
	const header: Header = { indexCode, corpus, sections: placed };
	const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
	const prefix = Buffer.alloc(Math.ceil((MAGIC.length + 4 + headerBytes.length) / ALIGNMENT) * ALIGNMENT);
	prefix.write(MAGIC, 0, 'latin1');
	prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
	headerBytes.copy(prefix, MAGIC.length + 4);
	const recordOffsets = sections.recordOffsets as Float64Array;
	return {
		pieces: [prefix, ...pieces],
		recordOffsets,
		recordOffsetsAt: prefix.length + placed.recordOffsets!.offset,
		recordsAt: prefix.length + placed.records!.offset,
	};
}

/** An opened cache file: what it says of its corpus, and how to read its index. */
interface OpenedCache {
	corpus: IndexedFiles;
	/** Reads the index; `files` are the corpus's files as listed now (the paths a summary quotes). */
	load(files: string[]): LoadedIndex & { source: 'cache' };
	close(): void;
}

/** Opens the cache file at `path` and reads its header; throws when it is not a cache this code can read. */
function openIndexCache(path: string, indexCode: string): OpenedCache {
	const fd = openSync(path, 'r');
	try {
		const readAt = (position: number, length: number) => {
			const bytes = Buffer.alloc(length);
			if (readSync(fd, bytes, 0, length, position) !== length) throw new Error('the file is cut short');
			return bytes;
		};
		const start = readAt(0, MAGIC.length + 4);
		if (start.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a paperbot index file');
		const headerLength = start.readUInt32LE(MAGIC.length);
		const header = JSON.parse(readAt(MAGIC.length + 4, headerLength).toString('utf8')) as Header;
		if (header.indexCode !== indexCode) throw new OtherCodeError('it was built by other index code');
		const prefixLength = Math.ceil((MAGIC.length + 4 + headerLength) / ALIGNMENT) * ALIGNMENT;
		return {
			corpus: header.corpus,
			load: (files) => {
				try {
					const { parts, papers } = decodeSections(header.sections, prefixLength, fd, readAt);
					const index = assembleIndex(parts, papers);
					return { index, corpus: summaryOf(header.corpus, files), files: header.corpus, source: 'cache' };
				} catch (error) {
					closeSync(fd);
					throw error;
				}
			},
			close: () => closeSync(fd),
		};
	} catch (error) {
		closeSync(fd);
		throw error;
	}
}

function decodeSections(
	sections: Record<string, SectionPlace>,
	prefixLength: number,
	fd: number,
	readAt: (position: number, length: number) => Buffer,
): { parts: StoredIndexParts; papers: StoredPapers } {
	const place = (name: string, kind: SectionKind) => {
		const found = sections[name];
		if (found?.kind !== kind) throw new Error(`section ${name} is missing`);
		return found;
	};
	const numbers = <T>(name: string, kind: SectionKind, type: { new (buffer: ArrayBuffer): T }) => {
		const { offset, byteLength } = place(name, kind);
		// Each section in a buffer of its own, so that its typed array is aligned and nothing else is kept.
		const buffer = new ArrayBuffer(byteLength);
		if (byteLength > 0 && readSync(fd, new Uint8Array(buffer), 0, byteLength, prefixLength + offset) !== byteLength) {
			throw new Error(`section ${name} is cut short`);
		}
		return new type(buffer);
	};
	const text = (name: string, kind: SectionKind) => {
		const { offset, byteLength } = place(name, kind);
		return readAt(prefixLength + offset, byteLength).toString('utf8');
	};
	const lines = (name: string) => {
		const { count } = place(name, 'lines');
		const content = text(name, 'lines');
		return count === 0 ? [] : content.split('\n');
	};
	const u32 = (name: string) => numbers(name, 'u32', Uint32Array);
	const ids = lines('ids');
	const parts: StoredIndexParts = {
		ids,
		postings: {
			terms: lines('terms'),
			offsets: u32('offsets'),
			papers: u32('postingPapers'),
			impacts: numbers('impacts', 'f32', Float32Array),
			paperCount: ids.length,
			...averageLengthsOf(JSON.parse(text('averageLengths', 'json')) as number[] | null),
			words: lines('words'),
			wordTerms: u32('wordTerms'),
		},
		suggestions: {
			titleKeys: lines('titleKeys'),
			entryPapers: u32('entryPapers'),
			entryOffsets: numbers('entryOffsets', 'u16', Uint16Array),
			papersById: u32('papersById'),
		},
		newest: u32('newest'),
		recency: u32('recency'),
		years: numbers('years', 'u16', Uint16Array),
		authors: {
			names: lines('authorNames').map((name) => name.split(' ')),
			paperOffsets: u32('authorPaperOffsets'),
			namePapers: u32('authorNamePapers'),
		},
		categories: { values: JSON.parse(text('categoryValues', 'json')) as string[], codes: u32('categoryCodes') },
		venues: { values: JSON.parse(text('venueValues', 'json')) as string[], codes: u32('venueCodes') },
		aliases: { keys: lines('aliasKeys'), papers: u32('aliasPapers') },
	};
	const recordOffsets = numbers('recordOffsets', 'f64', Float64Array);
	const records = place('records', 'records');
	const recordBytes = recordOffsets.at(-1) ?? 0;
	if (fstatSync(fd).size < prefixLength + records.offset + recordBytes) throw new Error('the records are cut short');
	checkConsistent(parts, recordOffsets);
	return { parts, papers: new StoredPapers(fd, prefixLength + records.offset, recordOffsets) };
}

const averageLengthsOf = (averageLengths: number[] | null) => (averageLengths ? { averageLengths } : {});

/** Cheap checks that the numbers fit together, so a damaged file fails here and not mid-query. */
function checkConsistent(parts: StoredIndexParts, recordOffsets: Float64Array): void {
	const { postings, suggestions, ids } = parts;
	const paperCount = ids.length;
	const perPaper = [
		suggestions.titleKeys,
		suggestions.papersById,
		parts.newest,
		parts.recency,
		parts.years,
		parts.categories.codes,
		parts.venues.codes,
	];
	const problems = [
		postings.offsets.length !== postings.terms.length + 1 && 'term offsets do not match the vocabulary',
		postings.offsets[postings.terms.length] !== postings.papers.length && 'postings are cut short',
		postings.impacts.length !== postings.papers.length && 'scores do not match the postings',
		postings.wordTerms.length !== postings.words.length && 'words do not match their terms',
		postings.wordTerms.some((term) => term >= postings.terms.length) && 'a word names a term that does not exist',
		perPaper.some((column) => column.length !== paperCount) && 'a column does not match the papers',
		suggestions.entryPapers.length !== suggestions.entryOffsets.length && 'title entries are cut short',
		recordOffsets.length !== paperCount + 1 && 'the records do not match the papers',
		parts.aliases.keys.length !== parts.aliases.papers.length && 'aliases do not match their papers',
		postings.papers.some((paperNo) => paperNo >= paperCount) && 'a posting names a paper that does not exist',
	].filter(Boolean);
	if (problems.length) throw new Error(problems.join('; '));
}
