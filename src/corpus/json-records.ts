import { emptyParsedFile, type ParsedFile, readJsonRecord } from './records.js';

const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Parses a `.json`/`.jsonl` corpus file holding either JSON Lines or one JSON array of records,
 * told apart by content: a first non-space character `[` means an array. Each record is read by
 * `readJsonRecord`; a line or element that is not valid JSON becomes a `path:line` warning and
 * the rest still load. The file stays a Buffer and is decoded line by line, so a large corpus is
 * never held as one giant string.
 */
export function parseJsonRecords(content: Buffer, path: string): ParsedFile {
	const start = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
	let first = start;
	while (first < content.length && isJsonSpace(content[first] as number)) first++;
	if (content[first] === OPEN_BRACKET) return parseJsonArray(content.toString('utf8', start), path);
	return parseJsonLines(content, start, path, 1);
}

/** Parses whole JSON Lines from a piece of a larger file whose first line is line `firstLine` (see parseJsonRecords). */
export function parseJsonLinesPiece(content: Buffer, path: string, firstLine: number): ParsedFile {
	return parseJsonLines(content, 0, path, firstLine);
}

const isJsonSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

function parseJsonLines(content: Buffer, start: number, path: string, firstLine: number): ParsedFile {
	const parsed = emptyParsedFile();
	let lineNumber = firstLine;
	for (let lineStart = start; lineStart < content.length; lineNumber++) {
		let lineEnd = content.indexOf(NEWLINE, lineStart);
		if (lineEnd === -1) lineEnd = content.length;
		const line = content.toString('utf8', lineStart, lineEnd);
		lineStart = lineEnd + 1;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			// Blank lines are allowed; checking only after a failed parse keeps the common path to one call.
			if (line.trim()) parsed.warnings.push(`${path}:${lineNumber}: not valid JSON`);
			continue;
		}
		readJsonRecord(value, `${path}:${lineNumber}`, parsed);
	}
	return parsed;
}

/**
 * Splits a JSON array into its top-level elements by scanning brackets and strings, then parses
 * each element on its own: a broken element is skipped alone, and each record's warning points
 * at the line where that element starts.
 */
function parseJsonArray(text: string, path: string): ParsedFile {
	const parsed = emptyParsedFile();
	let lineNumber = 1;
	let index = text.indexOf('[');
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === NEWLINE) lineNumber++;
	const arrayLine = lineNumber;
	let depth = 0;
	let inString = false;
	let awaitingElement = true;
	let elementStart = index + 1;
	let elementLine = lineNumber;
	let closed = false;
	for (index++; index < text.length && !closed; index++) {
		const code = text.charCodeAt(index);
		if (code === NEWLINE) lineNumber++;
		if (inString) {
			if (code === BACKSLASH) index++;
			else if (code === QUOTE) inString = false;
			continue;
		}
		if (awaitingElement && !isJsonSpace(code)) {
			elementLine = lineNumber;
			awaitingElement = false;
		}
		if (code === QUOTE) inString = true;
		else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
		else if (depth > 0 && (code === CLOSE_BRACE || code === CLOSE_BRACKET)) depth--;
		else if (depth === 0 && (code === COMMA || code === CLOSE_BRACKET)) {
			readArrayElement(text.slice(elementStart, index), `${path}:${elementLine}`, parsed);
			elementStart = index + 1;
			awaitingElement = true;
			closed = code === CLOSE_BRACKET;
		}
	}
	if (!closed) parsed.warnings.push(`${path}:${arrayLine}: the JSON array is never closed with ]`);
	else if (text.slice(index).trim()) parsed.warnings.push(`${path}:${lineNumber}: text after the JSON array's closing ]`);
	return parsed;
}

function readArrayElement(element: string, place: string, into: ParsedFile): void {
	if (!element.trim()) return;
	let value: unknown;
	try {
		value = JSON.parse(element);
	} catch {
		into.warnings.push(`${place}: not valid JSON`);
		return;
	}
	readJsonRecord(value, place, into);
}
