import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { normaliseArxivId, type Paper } from './paper.js';

/** The corpus file that papers added from Discord, the console or the CLI are appended to. */
export const ADDED_FILE_NAME = 'added.jsonl';
/** The overlay file paperbot keeps the corpus's arXiv papers up to date in: their latest version, journal reference, DOI. */
export const CHANGES_FILE_NAME = 'changes.jsonl';

/** What an append wrote. */
export interface AppendResult {
	/** The file written to: `added.jsonl`, or the library file named. */
	file: string;
	/** Ids of the papers appended; papers already in the file are skipped, not repeated. */
	added: string[];
	/** True when the file ended in a torn, half-written line (from a crash) that was dropped. */
	discardedTornLine: boolean;
}

/** How long to wait for another process's lock before giving up. */
const LOCK_WAIT_MS = 15_000;
/** A lock older than this was left by a process that died mid-append. */
const STALE_LOCK_MS = 10_000;
const LOCK_RETRY_MS = 20;

const appendsInProgress = new Map<string, Promise<unknown>>();

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The file `fileName` in the corpus folder, or beside the corpus file when `corpusPath` names one. */
export async function corpusFileFor(corpusPath: string, fileName: string): Promise<string> {
	const info = await stat(corpusPath).catch((error: unknown) => {
		if (errorCode(error) === 'ENOENT') throw new Error(`corpus append: the corpus path ${corpusPath} does not exist.`);
		throw error;
	});
	return join(info.isDirectory() ? corpusPath : dirname(corpusPath), fileName);
}

function idOfLine(line: string): string | null {
	try {
		const record: unknown = JSON.parse(line);
		const id = (record as { id?: unknown } | null)?.id;
		return typeof id === 'string' ? (normaliseArxivId(id) ?? id) : null;
	} catch {
		return null;
	}
}

/** Splits a `.jsonl` text into its complete lines and a torn trailing line, if any. */
function completeLines(text: string): { kept: string; ids: Set<string>; discardedTornLine: boolean } {
	const end = text.lastIndexOf('\n') + 1;
	let kept = text.slice(0, end);
	const trailing = text.slice(end);
	// a trailing line without its newline is whole only if it still parses
	const trailingIsWhole = trailing.trim() !== '' && idOfLine(trailing) !== null;
	if (trailingIsWhole) kept += `${trailing}\n`;
	const ids = new Set(
		kept
			.split('\n')
			.map(idOfLine)
			.filter((id): id is string => id !== null),
	);
	return { kept, ids, discardedTornLine: trailing.trim() !== '' && !trailingIsWhole };
}

/** The keys of the papers in a corpus file that paperbot writes (`imported.jsonl` in the corpus folder); empty when it does not exist yet. */
export async function keysInCorpusFile(corpusPath: string, fileName: string): Promise<Set<string>> {
	return completeLines(await readIfPresent(await corpusFileFor(corpusPath, fileName))).ids;
}

async function readIfPresent(file: string): Promise<string> {
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return '';
		throw error;
	}
}

/** Writes `content` to a temporary file beside `file`, flushes it to disk, then renames it over `file`. */
async function replaceFile(file: string, content: string): Promise<void> {
	const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID()}.tmp`);
	try {
		const handle = await open(temporary, 'wx');
		try {
			await handle.writeFile(content, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, { force: true });
		throw new Error(`corpus append: could not write ${file} (${errorCode(error) ?? String(error)}); it is unchanged.`, {
			cause: error,
		});
	}
	await syncDirectory(dirname(file));
}

/** Makes the rename itself durable; some platforms cannot open a directory, and lose only that. */
async function syncDirectory(directory: string): Promise<void> {
	const handle = await open(directory, 'r').catch(() => null);
	await handle?.sync().catch(() => undefined);
	await handle?.close();
}

async function holdingLock<T>(file: string, work: () => Promise<T>): Promise<T> {
	const lock = join(dirname(file), `.${basename(file)}.lock`);
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		try {
			await (await open(lock, 'wx')).close();
			break;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') throw error;
			const age = await stat(lock).then(
				(info) => Date.now() - info.mtimeMs,
				() => 0,
			);
			if (age > STALE_LOCK_MS) await rm(lock, { force: true });
			else if (Date.now() > deadline) {
				throw new Error(`corpus append: ${lock} has been held for over ${LOCK_WAIT_MS / 1000} s by another process.`);
			} else await sleep(LOCK_RETRY_MS);
		}
	}
	try {
		return await work();
	} finally {
		await rm(lock, { force: true });
	}
}

async function appendUnderLock(file: string, papers: readonly Paper[]): Promise<AppendResult> {
	const { kept, ids, discardedTornLine } = completeLines(await readIfPresent(file));
	const fresh: Paper[] = [];
	for (const paper of papers) {
		if (ids.has(paper.id)) continue;
		ids.add(paper.id);
		fresh.push(paper);
	}
	if (fresh.length > 0 || discardedTornLine) {
		await replaceFile(file, kept + fresh.map((paper) => `${JSON.stringify(paper)}\n`).join(''));
	}
	return { file, added: fresh.map((paper) => paper.id), discardedTornLine };
}

/**
 * Appends papers as JSON lines to `added.jsonl` (or `fileName`, such as `imported.jsonl`) in the
 * corpus folder (beside the corpus file when `corpusPath` names a file), skipping any already there. Atomic: the new content is written to a
 * temporary file, flushed to disk and renamed over the old one, so a crash or a full disk leaves
 * the old file whole. Appends are serialised within the process by a promise chain and across
 * processes by a lock file, so two adds at once both land. A torn last line left by an older
 * writer's crash is dropped rather than glued onto.
 */
export async function appendPapers(corpusPath: string, papers: readonly Paper[], fileName = ADDED_FILE_NAME): Promise<AppendResult> {
	const file = await corpusFileFor(corpusPath, fileName);
	return serialised(file, () => appendUnderLock(file, papers));
}

/** Runs `work` on `file` after the process's earlier writes to it, holding the file's lock against other processes. */
function serialised<T>(file: string, work: () => Promise<T>): Promise<T> {
	const previous = appendsInProgress.get(file) ?? Promise.resolve();
	const writing = previous.then(() => holdingLock(file, work));
	appendsInProgress.set(
		file,
		writing.catch(() => undefined),
	);
	return writing;
}

/**
 * Replaces `fileName` in the corpus folder (a file paperbot keeps whole, such as `zotero.jsonl`)
 * with `papers`, one JSON line each, as atomically as an append and under the same lock. Resolves
 * with the file written.
 */
export async function rewritePapers(corpusPath: string, fileName: string, papers: readonly Paper[]): Promise<string> {
	const file = await corpusFileFor(corpusPath, fileName);
	await serialised(file, () => replaceFile(file, papers.map((paper) => `${JSON.stringify(paper)}\n`).join('')));
	return file;
}

/** A metadata overlay line: an id and the fields it sets. */
export type OverlayRecord = { id: string } & Record<string, unknown>;

async function upsertUnderLock(file: string, records: readonly OverlayRecord[]): Promise<void> {
	const { kept } = completeLines(await readIfPresent(file));
	const byId = new Map<string, OverlayRecord>();
	for (const line of kept.split('\n')) {
		const id = idOfLine(line);
		if (id !== null) byId.set(id, JSON.parse(line) as OverlayRecord);
	}
	for (const record of records) byId.set(record.id, { ...byId.get(record.id), ...record });
	await replaceFile(file, [...byId.values()].map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * Writes metadata overlays to `changes.jsonl` beside the corpus: a record for an id already there
 * is updated in place (its new fields over the old), others are added. Atomic and serialised as
 * {@link appendPapers} is; the lab's own files are never touched. Returns the file written.
 */
export async function writeOverlays(corpusPath: string, records: readonly OverlayRecord[]): Promise<string> {
	const file = await corpusFileFor(corpusPath, CHANGES_FILE_NAME);
	if (records.length > 0) await serialised(file, () => upsertUnderLock(file, records));
	return file;
}
