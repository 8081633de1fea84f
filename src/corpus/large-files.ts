import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseJsonLinesPiece } from './json-records.js';
import { emptyParsedFile, type ParsedFile } from './records.js';

/**
 * A corpus file larger than this is not held whole: it is hashed as it is read and, if it must be
 * parsed, read again from disk a piece at a time. A million papers are 1.4 GB of JSON Lines, which
 * held whole would sit in memory beside every paper parsed from them.
 */
export const WHOLE_FILE_BYTES = 64 << 20;
/** The size of the pieces a large file is read in. */
const PIECE_BYTES = 16 << 20;
const NEWLINE = 0x0a;

/** A corpus file's sha256, and its bytes when it is small enough to hold (see WHOLE_FILE_BYTES). */
export async function readOrHash(file: string): Promise<{ hash: string; content: Buffer | null }> {
	const handle = await open(file, 'r');
	try {
		const { size } = await handle.stat();
		if (size <= WHOLE_FILE_BYTES) {
			const content = await handle.readFile();
			return { hash: createHash('sha256').update(content).digest('hex'), content };
		}
		const hash = createHash('sha256');
		const piece = Buffer.allocUnsafe(PIECE_BYTES);
		for (;;) {
			const { bytesRead } = await handle.read(piece, 0, PIECE_BYTES, null);
			if (bytesRead === 0) break;
			hash.update(piece.subarray(0, bytesRead));
		}
		return { hash: hash.digest('hex'), content: null };
	} finally {
		await handle.close();
	}
}

/**
 * Parses a large JSON Lines file a piece of whole lines at a time (about `pieceBytes`), with the
 * line numbers of the whole file; null when the file is one JSON array, which is parsed whole.
 * Every piece is read into one buffer after the part line the last one left: a new buffer a piece
 * would count the whole file as memory outside the heap, which V8 answers by tracing the heap,
 * papers parsed so far and all, again and again.
 */
export function parseLargeJsonLines(file: string, pieceBytes = PIECE_BYTES): ParsedFile | null {
	const fd = openSync(file, 'r');
	try {
		const parsed = emptyParsedFile();
		let buffer = Buffer.allocUnsafe(pieceBytes * 2);
		let carried = 0;
		let line = 1;
		let first = true;
		for (;;) {
			if (buffer.length - carried < pieceBytes) {
				const larger = Buffer.allocUnsafe(carried + pieceBytes);
				buffer.copy(larger, 0, 0, carried);
				buffer = larger;
			}
			const bytesRead = readSync(fd, buffer, carried, pieceBytes, null);
			let content = buffer.subarray(0, carried + bytesRead);
			if (first) {
				if (/^\uFEFF?\s*\[/.test(content.toString('utf8', 0, 64))) return null;
				if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) content = content.subarray(3);
				first = false;
			}
			const end = bytesRead === 0 ? content.length : content.lastIndexOf(NEWLINE) + 1;
			const lines = content.subarray(0, end);
			const part = parseJsonLinesPiece(lines, file, line);
			parsed.papers.push(...part.papers);
			parsed.overlays.push(...part.overlays);
			parsed.warnings.push(...part.warnings);
			parsed.notes.push(...part.notes);
			for (let at = lines.indexOf(NEWLINE); at !== -1; at = lines.indexOf(NEWLINE, at + 1)) line++;
			if (bytesRead === 0) return parsed;
			carried = content.copy(buffer, 0, end);
		}
	} finally {
		closeSync(fd);
	}
}
