import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CorpusSummary } from '../corpus/load.js';
import { type IndexedFiles, summaryOf } from './appended.js';
import { LineTable } from './columns.js';
import { assembleIndex, type PaperIndex, type StoredIndexParts } from './paper-index.js';
import { StoredPapers } from './paper-list.js';

/**
 * The index cache file's layout: how an index and its papers' records are laid out in one file,
 * and read back without parsing a record or building anything (see src/search/index-cache.ts).
 */

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

/** The cache file was written by other index code: not damage, an update. */
export class OtherCodeError extends Error {}

/** Where a cache file's records are: their start in the file, and each record's offset from it. */
export interface WrittenRecords {
	recordsAt: number;
	recordOffsets: Float64Array;
}

type SectionData = ArrayBufferView | { lines: readonly string[] | LineTable } | { json: unknown } | { records: true };

function sectionsOf(index: PaperIndex): Record<string, SectionData> {
	const { postings, suggestions, authors, categories, venues, aliases } = index;
	return {
		ids: { lines: index.ids },
		terms: { lines: postings.terms },
		offsets: postings.offsets,
		postingPapers: postings.papers,
		impacts: postings.impacts,
		scales: postings.scales,
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
		authorNames: { lines: authors.names },
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

/**
 * Texts as UTF-8 lines, each written straight into one buffer: joined first, they would make one
 * more string of the whole section, which lives until the heap is next traced whole.
 */
function linesBytes(lines: readonly string[]): Buffer {
	let length = Math.max(0, lines.length - 1);
	for (const line of lines) length += Buffer.byteLength(line, 'utf8');
	const bytes = Buffer.allocUnsafe(length);
	let at = 0;
	for (const [position, line] of lines.entries()) {
		if (position > 0) bytes[at++] = 0x0a;
		at += bytes.write(line, at, 'utf8');
	}
	return bytes;
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
export function encodeIndex(
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
			// A table read back from a cache file is those lines already.
			bytes = [data.lines instanceof LineTable ? data.lines.bytes : linesBytes(data.lines)];
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
export interface OpenedCache {
	corpus: IndexedFiles;
	/** Reads the index; `files` are the corpus's files as listed now (the paths a summary quotes). */
	load(files: string[]): { index: PaperIndex; corpus: CorpusSummary; files: IndexedFiles; source: 'cache' };
	close(): void;
}

/** Opens the cache file at `path` and reads its header; throws when it is not a cache this code can read. */
export function openIndexCache(path: string, indexCode: string): OpenedCache {
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
	const lineTable = (name: string) => {
		const { offset, byteLength, count } = place(name, 'lines');
		return LineTable.of(readAt(prefixLength + offset, byteLength), count ?? 0);
	};
	const u32 = (name: string) => numbers(name, 'u32', Uint32Array);
	const ids = lines('ids');
	const parts: StoredIndexParts = {
		ids,
		postings: {
			terms: lines('terms'),
			offsets: u32('offsets'),
			papers: u32('postingPapers'),
			impacts: numbers('impacts', 'u16', Uint16Array),
			scales: numbers('scales', 'f32', Float32Array),
			paperCount: ids.length,
			...averageLengthsOf(JSON.parse(text('averageLengths', 'json')) as number[] | null),
			words: lines('words'),
			wordTerms: u32('wordTerms'),
		},
		suggestions: {
			titleKeys: lineTable('titleKeys'),
			entryPapers: u32('entryPapers'),
			entryOffsets: numbers('entryOffsets', 'u16', Uint16Array),
			papersById: u32('papersById'),
		},
		newest: u32('newest'),
		recency: u32('recency'),
		years: numbers('years', 'u16', Uint16Array),
		authors: {
			names: lines('authorNames'),
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
		postings.scales.length !== postings.terms.length && 'score scales do not match the vocabulary',
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
