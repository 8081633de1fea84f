import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedCorpus, ReadCorpus } from '../corpus/load.js';
import type { Paper } from '../corpus/paper.js';
import { indexCodeKey } from './index-code.js';
import { assembleIndex, buildSearchIndex, type PaperIndex } from './paper-index.js';
import type { Postings } from './postings.js';
import type { SuggestionIndex } from './suggest.js';

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

/** A ready index, the corpus it indexes, and where they came from. */
export interface LoadedIndex {
	index: PaperIndex;
	corpus: LoadedCorpus;
	source: 'cache' | 'built';
}

const FILE_PREFIX = '.paperbot-index-';
const FILE_SUFFIX = '.bin';
const MAGIC = 'paperbot-index\n';
const ALIGNMENT = 8;

type SectionName =
	| 'terms'
	| 'offsets'
	| 'postingPapers'
	| 'impacts'
	| 'words'
	| 'wordTerms'
	| 'titleKeys'
	| 'entryPapers'
	| 'entryOffsets'
	| 'papersById';

interface Header {
	/** The code that built the index (see indexCodeKey): other code would have built another. */
	indexCode: string;
	fingerprint: string;
	/** sha256 of the paper ids in index order: the stored numbers refer to exactly these papers. */
	papersDigest: string;
	sections: Record<SectionName, { offset: number; byteLength: number }>;
}

/** The cache file for a corpus fingerprint. */
export function indexCachePath(cacheDir: string, fingerprint: string): string {
	return join(cacheDir, `${FILE_PREFIX}${fingerprint}${FILE_SUFFIX}`);
}

/** Parsing the files is about this share of a first start; building the index is the rest. */
const PARSE_SHARE = 0.1;

/**
 * The papers of a read corpus and their search index: the index from the cache file for its
 * fingerprint when there is one, else built and written there (older cache files in the folder are
 * removed). A cache that cannot be read, is corrupt, or was built for other papers or by other
 * index code (see indexCodeKey) is rebuilt; `onBuild` is told why. The papers themselves are always
 * parsed from the files: keeping them in the cache too saved under a tenth of a restart and cost a
 * first start half again as much peak memory.
 */
export async function loadOrBuildIndex(read: ReadCorpus, options: IndexCacheOptions): Promise<LoadedIndex> {
	const warn = options.onWarning ?? ((message: string) => console.warn(message));
	const corpus = read.parse();
	const path = indexCachePath(options.cacheDir, read.fingerprint);
	let reason: BuildReason | null = null;
	const cached = await readFile(path).catch(async (error: NodeJS.ErrnoException) => {
		if (error.code !== 'ENOENT') reason = `the cached index could not be read: ${error.code ?? error.message}`;
		else reason = (await hasOtherCacheFiles(options.cacheDir, path)) ? 'the corpus changed since the last start' : 'first start';
		return null;
	});
	if (cached) {
		try {
			return { index: decodeIndex(cached, corpus, await indexCodeKey()), corpus, source: 'cache' };
		} catch (error) {
			reason = error instanceof OtherCodeError ? "paperbot's index code changed" : 'the cached index was damaged';
		}
	}
	options.onBuild?.(reason ?? 'first start');
	const progress = options.onProgress ?? (() => undefined);
	progress(PARSE_SHARE);
	const index = buildSearchIndex(corpus.papers, (fraction) => progress(PARSE_SHARE + (1 - PARSE_SHARE) * fraction));
	try {
		await writeIndexCache(index, corpus.fingerprint, options.cacheDir);
	} catch (error) {
		const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		warn(`cannot save the search index as ${path} (${cause}); the next start will build it again`);
	}
	return { index, corpus, source: 'built' };
}

/**
 * Whether `cacheDir` holds a cache file for another corpus than the one at `path`. That one may
 * have appeared since it was missed: another process on the same corpus writing it is a first start too.
 */
async function hasOtherCacheFiles(cacheDir: string, path: string): Promise<boolean> {
	const names = await readdir(cacheDir).catch(() => []);
	return names.some((name) => name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX) && join(cacheDir, name) !== path);
}

/** The cache file was written by other index code: not damage, an update. */
class OtherCodeError extends Error {}

/** Writes `index` as the cache file for `fingerprint` (atomically) and removes older cache files. */
export async function writeIndexCache(index: PaperIndex, fingerprint: string, cacheDir: string): Promise<void> {
	await mkdir(cacheDir, { recursive: true });
	const path = indexCachePath(cacheDir, fingerprint);
	// Builds in one process may run side by side (the CLI's, in tests): each writes its own file.
	const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
	const file = await open(temporary, 'w');
	try {
		const pieces = encodeIndex(index, fingerprint, await indexCodeKey());
		const { bytesWritten } = await file.writev(pieces);
		const expected = pieces.reduce((total, piece) => total + piece.byteLength, 0);
		if (bytesWritten !== expected) throw new Error(`index-cache: wrote ${bytesWritten} of ${expected} bytes to ${temporary}`);
	} finally {
		await file.close();
	}
	await rename(temporary, path);
	const stale = (await readdir(cacheDir)).filter(
		(name) => name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX) && join(cacheDir, name) !== path,
	);
	await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
}

function papersDigest(papers: readonly Paper[]): string {
	const hash = createHash('sha256');
	for (const paper of papers) hash.update(`${paper.id}\n`);
	return hash.digest('hex');
}

function sectionsOf(index: PaperIndex): Record<SectionName, Uint8Array> {
	const bytes = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
	const text = (lines: readonly string[]) => Buffer.from(lines.join('\n'), 'utf8');
	const { postings, suggestions } = index;
	return {
		terms: text(postings.terms),
		offsets: bytes(postings.offsets),
		postingPapers: bytes(postings.papers),
		impacts: bytes(postings.impacts),
		words: text(postings.words),
		wordTerms: bytes(postings.wordTerms),
		titleKeys: text(suggestions.titleKeys),
		entryPapers: bytes(suggestions.entryPapers),
		entryOffsets: bytes(suggestions.entryOffsets),
		papersById: bytes(suggestions.papersById),
	};
}

/**
 * Layout: magic, header length (uint32 LE), header JSON, then each section 8-byte aligned. Returned
 * as the pieces to write in order, the sections as views of the index's own arrays: copying them
 * into one buffer would touch as much fresh memory as the postings themselves.
 */
function encodeIndex(index: PaperIndex, fingerprint: string, indexCode: string): Uint8Array[] {
	const sections = sectionsOf(index);
	const placed = {} as Header['sections'];
	const pieces: Uint8Array[] = [];
	let offset = 0;
	for (const [name, data] of Object.entries(sections) as [SectionName, Uint8Array][]) {
		placed[name] = { offset, byteLength: data.byteLength };
		const padded = Math.ceil(data.byteLength / ALIGNMENT) * ALIGNMENT;
		pieces.push(data, Buffer.alloc(padded - data.byteLength));
		offset += padded;
	}
	const header: Header = { indexCode, fingerprint, papersDigest: papersDigest(index.papers), sections: placed };
	const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
	const prefix = Buffer.alloc(Math.ceil((MAGIC.length + 4 + headerBytes.length) / ALIGNMENT) * ALIGNMENT);
	prefix.write(MAGIC, 0, 'latin1');
	prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
	headerBytes.copy(prefix, MAGIC.length + 4);
	return [prefix, ...pieces];
}

function decodeIndex(file: Buffer, corpus: LoadedCorpus, indexCode: string): PaperIndex {
	if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a paperbot index file');
	const headerLength = file.readUInt32LE(MAGIC.length);
	const header = JSON.parse(file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
	if (header.indexCode !== indexCode) throw new OtherCodeError('it was built by other index code');
	if (header.fingerprint !== corpus.fingerprint || header.papersDigest !== papersDigest(corpus.papers)) {
		throw new Error('it was built for other papers');
	}
	const prefixLength = Math.ceil((MAGIC.length + 4 + headerLength) / ALIGNMENT) * ALIGNMENT;
	// Typed array views need aligned offsets; a Buffer may sit anywhere in its ArrayBuffer.
	const aligned = file.byteOffset % ALIGNMENT === 0 ? file : Buffer.from(file);
	const section = (name: SectionName) => {
		const { offset, byteLength } = header.sections[name];
		const start = prefixLength + offset;
		if (start + byteLength > aligned.byteLength) throw new Error(`section ${name} is cut short`);
		return { start: aligned.byteOffset + start, byteLength };
	};
	const numbers = <T>(
		name: SectionName,
		type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
	) => {
		const { start, byteLength } = section(name);
		return new type(aligned.buffer, start, byteLength / type.BYTES_PER_ELEMENT);
	};
	// An empty vocabulary is no lines; an empty title is still one line.
	const lines = (name: SectionName, emptyIsNone: boolean) => {
		const { start, byteLength } = section(name);
		const text = Buffer.from(aligned.buffer, start, byteLength).toString('utf8');
		return text || !emptyIsNone ? text.split('\n') : [];
	};
	const { papers } = corpus;
	const postings: Postings = {
		terms: lines('terms', true),
		offsets: numbers('offsets', Uint32Array),
		papers: numbers('postingPapers', Uint32Array),
		impacts: numbers('impacts', Float32Array),
		paperCount: papers.length,
		words: lines('words', true),
		wordTerms: numbers('wordTerms', Uint32Array),
	};
	const suggestions: SuggestionIndex = {
		titleKeys: lines('titleKeys', false),
		entryPapers: numbers('entryPapers', Uint32Array),
		entryOffsets: numbers('entryOffsets', Uint16Array),
		papersById: numbers('papersById', Uint32Array),
	};
	checkConsistent(postings, suggestions, papers.length);
	return assembleIndex(papers, postings, suggestions);
}

/** Cheap checks that the numbers fit together, so a damaged file fails here and not mid-query. */
function checkConsistent(postings: Postings, suggestions: SuggestionIndex, paperCount: number): void {
	const problems = [
		postings.offsets.length !== postings.terms.length + 1 && 'term offsets do not match the vocabulary',
		postings.offsets[postings.terms.length] !== postings.papers.length && 'postings are cut short',
		postings.impacts.length !== postings.papers.length && 'scores do not match the postings',
		postings.wordTerms.length !== postings.words.length && 'words do not match their terms',
		postings.wordTerms.some((term) => term >= postings.terms.length) && 'a word names a term that does not exist',
		suggestions.titleKeys.length !== paperCount && 'titles do not match the papers',
		suggestions.entryPapers.length !== suggestions.entryOffsets.length && 'title entries are cut short',
		suggestions.papersById.length !== paperCount && 'the id order does not match the papers',
		postings.papers.some((paperNo) => paperNo >= paperCount) && 'a posting names a paper that does not exist',
	].filter(Boolean);
	if (problems.length) throw new Error(problems.join('; '));
}
