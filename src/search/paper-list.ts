import { closeSync, readSync } from 'node:fs';
import type { Paper } from '../corpus/paper.js';

/**
 * The indexed papers by number: an array while an index is built, the index cache file once it is
 * read back, so a million records stay on disk and each is read when a card, a filter on free text
 * or the proximity pass needs it. A `Paper[]` is one.
 */
export interface PaperList {
	readonly length: number;
	/** Paper number `paperNo`, or undefined past the end. */
	at(paperNo: number): Paper | undefined;
}

/** Papers read again soon after (a result page, then its card) are kept decoded, in this many slots by number. */
const DECODED_SLOTS = 4096;

/**
 * Papers stored one JSON record after another in a file (the index cache), read by number with
 * one positioned read: `offsets[n]` to `offsets[n + 1]` is paper n, from `start` in the file. The
 * descriptor stays open while the list is in service, so a rebuild that removes the file leaves
 * this list readable; it is closed when the list is collected.
 */
export class StoredPapers implements PaperList {
	readonly length: number;
	/** A paper decoded lately, in slot `paperNo % DECODED_SLOTS`, and which paper each slot holds. */
	private readonly decoded: (Paper | undefined)[] = new Array(DECODED_SLOTS);
	private readonly decodedNumbers = new Int32Array(DECODED_SLOTS).fill(-1);

	constructor(
		readonly fd: number,
		readonly start: number,
		/** Where each record starts from `start`, and where the last ends. */
		readonly offsets: Float64Array,
	) {
		this.length = offsets.length - 1;
		closeWhenCollected.register(this, fd);
	}

	at(paperNo: number): Paper | undefined {
		if (!(paperNo >= 0 && paperNo < this.length)) return undefined;
		const slot = paperNo % DECODED_SLOTS;
		if (this.decodedNumbers[slot] === paperNo) return this.decoded[slot];
		const from = this.offsets[paperNo]!;
		const bytes = Buffer.allocUnsafe(this.offsets[paperNo + 1]! - from);
		const read = readSync(this.fd, bytes, 0, bytes.length, this.start + from);
		if (read !== bytes.length) throw new Error(`paper-list: paper ${paperNo} is cut short in the index cache`);
		const paper = JSON.parse(bytes.toString('utf8')) as Paper;
		this.decoded[slot] = paper;
		this.decodedNumbers[slot] = paperNo;
		return paper;
	}
}

/** The stored papers for one pass in paper order: their records read a piece of about PIECE_BYTES at a time, not one read each, into one buffer. */
export function inPaperOrder(papers: StoredPapers): PaperList {
	const total = papers.offsets.at(-1) ?? 0;
	let buffer = Buffer.alloc(0);
	let piece = buffer;
	let pieceStart = 0;
	return {
		length: papers.length,
		at(paperNo: number): Paper | undefined {
			if (!(paperNo >= 0 && paperNo < papers.length)) return undefined;
			const from = papers.offsets[paperNo]!;
			const to = papers.offsets[paperNo + 1]!;
			if (from < pieceStart || to > pieceStart + piece.length) {
				const length = Math.min(Math.max(PIECE_BYTES, to - from), total - from);
				if (length > buffer.length) buffer = Buffer.allocUnsafe(Math.max(PIECE_BYTES, length));
				piece = buffer.subarray(0, length);
				if (readSync(papers.fd, piece, 0, piece.length, papers.start + from) !== piece.length) {
					throw new Error('paper-list: the stored records are cut short');
				}
				pieceStart = from;
			}
			return JSON.parse(piece.toString('utf8', from - pieceStart, to - pieceStart)) as Paper;
		},
	};
}

/**
 * The records as they are stored, in pieces of about PIECE_BYTES: for copying them into another
 * file unparsed. Each piece is read into the same buffer: it holds until the next is asked for.
 */
export function* storedRecordPieces(papers: StoredPapers): Generator<Buffer> {
	const total = papers.offsets.at(-1) ?? 0;
	const buffer = Buffer.allocUnsafe(Math.min(PIECE_BYTES, total));
	for (let from = 0; from < total; from += PIECE_BYTES) {
		const piece = buffer.subarray(0, Math.min(PIECE_BYTES, total - from));
		const read = readSync(papers.fd, piece, 0, piece.length, papers.start + from);
		if (read !== piece.length) throw new Error('paper-list: the stored records are cut short');
		yield piece;
	}
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
	try {
		closeSync(fd);
	} catch {
		// Already closed: nothing held.
	}
});

/**
 * Stored records are gathered into pieces of about this size for writing, and read so. A pass
 * reuses one buffer: a new one for each piece would count 1.4 GB of memory outside the heap at a
 * million papers, and V8 answers that by tracing the whole heap, again and again.
 */
const PIECE_BYTES = 1 << 20;

/**
 * The papers as JSON records one after another, in pieces to write in order as they come, so that
 * no more than one piece is held at a time; `offsets` (one more than the papers) is filled with
 * where each record starts, and where the last ends. Each record is encoded into the piece as soon
 * as it is made, so no record's string outlives it, and every piece is the same buffer (unless a
 * record needs a larger one): a piece holds until the next is asked for.
 */
export function* paperRecordPieces(papers: PaperList, offsets: Float64Array): Generator<Buffer> {
	let piece = Buffer.allocUnsafe(PIECE_BYTES);
	let used = 0;
	let total = 0;
	for (let paperNo = 0; paperNo < papers.length; paperNo++) {
		const record = JSON.stringify(papers.at(paperNo));
		// A UTF-16 code unit is at most three bytes of UTF-8.
		const room = record.length * 3;
		if (used + room > piece.length) {
			if (used > 0) yield piece.subarray(0, used);
			if (room > piece.length) piece = Buffer.allocUnsafe(room);
			used = 0;
		}
		const bytes = piece.write(record, used, 'utf8');
		used += bytes;
		total += bytes;
		offsets[paperNo + 1] = total;
	}
	if (used > 0) yield piece.subarray(0, used);
}
