import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { appendPapers, keysInCorpusFile } from '../corpus/append.js';
import { type BibtexFailure, parseBibtex } from '../corpus/bibtex-import.js';
import { type Merge, mergePapers, PaperIdentities } from '../corpus/merge.js';
import type { Paper } from '../corpus/paper.js';
import type { MemberRights } from '../interaction/permissions.js';
import type { Library } from '../search/library.js';
import { eachPaper } from '../search/paper-index.js';
import { networkCause } from '../arxiv/request.js';

/** The corpus file that papers imported from a `.bib` are written to. */
export const IMPORTED_FILE_NAME = 'imported.jsonl';

/** What importing a `.bib` did: every entry that is a paper lands in exactly one of the four lists. */
export interface BibtexImport {
	/** Papers new to the corpus, as the file gave them, in its order. */
	added: Paper[];
	/** Entries that are the same paper as one already in the corpus (or earlier in the file): `id` the entry's key, `into` the paper's key. */
	merged: Merge[];
	/** Keys of entries imported before: nothing is written for them. */
	present: string[];
	/** Entries that could not be read, by the line they start on. */
	failed: BibtexFailure[];
}

/** Where an import writes, and the corpus it is compared with. */
export interface ImportOptions {
	/** `CORPUS_PATH`: `imported.jsonl` is written in its folder (beside it when it names a file). */
	corpusPath: string;
	/** The corpus in service: the papers an entry may be the same as, reloaded after the write. */
	library: Pick<Library, 'current' | 'reload'>;
}

/**
 * Imports a `.bib` file's text into the corpus: its papers are compared with the corpus in service
 * by the identity rules of `src/corpus/merge.ts`, written to `imported.jsonl` atomically (as
 * `added.jsonl` is), and the corpus is reloaded, so they are searchable, merged into the papers
 * they are the same as, when this resolves. Entries imported before are `present` and written
 * again never: importing the same file twice adds nothing. A reload that fails after the write
 * throws, naming the cause.
 */
export async function importBibtex(text: string, { corpusPath, library }: ImportOptions): Promise<BibtexImport> {
	const { papers, failed } = await parseBibtex(text);
	const result: BibtexImport = { added: [], merged: [], present: [], failed };
	const imported = await keysInCorpusFile(corpusPath, IMPORTED_FILE_NAME);
	const byKey = new Map([...eachPaper(library.current())].map((paper) => [paper.id, { paper }]));
	const identities = new PaperIdentities(byKey);
	for (const { paper } of byKey.values()) identities.remember(paper);
	const batch = new Map<string, Paper>();
	const mergedIds = new Set<string>();
	for (const { paper } of papers) {
		if (imported.has(paper.id)) {
			if (!result.present.includes(paper.id)) result.present.push(paper.id);
			continue;
		}
		const earlier = batch.get(paper.id);
		if (earlier) {
			// Two entries of one key (one DOI under two cite keys) become one record.
			batch.set(paper.id, mergePapers(earlier, paper));
			result.merged.push({ id: paper.id, into: paper.id });
			continue;
		}
		const same = identities.find(paper);
		batch.set(paper.id, paper);
		if (same) {
			const union = mergePapers(same, paper);
			result.merged.push({ id: paper.id, into: union.id });
			mergedIds.add(paper.id);
			byKey.set(union.id, { paper: union });
			identities.remember(union, same);
		} else {
			byKey.set(paper.id, { paper });
			identities.remember(paper);
		}
	}
	if (batch.size === 0) return result;
	const { added, file } = await appendPapers(corpusPath, [...batch.values()], IMPORTED_FILE_NAME);
	const written = new Set(added);
	for (const paper of batch.values()) {
		if (!written.has(paper.id)) result.present.push(paper.id);
		else if (!mergedIds.has(paper.id)) result.added.push(paper);
	}
	// Another import that wrote the same entries first leaves these merges to it.
	result.merged = result.merged.filter((merge) => written.has(merge.id));
	if (written.size > 0) {
		const reloaded = await library.reload();
		if (!reloaded.ok) {
			throw new Error(`import: ${written.size} papers were written to ${file}, but reloading the corpus failed: ${reloaded.error.message}`);
		}
	}
	return result;
}

/** A `.bib` larger than this is refused before it is read: a lab's library is a few megabytes at most. */
export const BIBTEX_MAX_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** A `.bib` that could not be had: too large, not downloadable, not readable. The message is for the person who asked. */
export class BibtexSourceError extends Error {
	override name = 'BibtexSourceError';
}

/**
 * The text of a `.bib` and its file name: downloaded from an `http(s)` address (an attachment Discord
 * gave), or, where `localFiles` allows it (the console), read from a path.
 */
export async function readBibtexSource(source: string, { localFiles = false } = {}): Promise<{ name: string; text: string }> {
	if (!/^https?:\/\//i.test(source)) {
		if (!localFiles) throw new BibtexSourceError('Attach the .bib file to the command to import it.');
		const text = await readFile(source, 'utf8').catch((error: unknown) => {
			throw new BibtexSourceError(`Cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
		});
		return { name: basename(source), text };
	}
	const url = new URL(source);
	const name = decodeURIComponent(url.pathname.split('/').at(-1) ?? '') || 'the attachment';
	const signal = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
	let response: Response;
	try {
		response = await fetch(url, { signal });
	} catch (error) {
		if (signal.aborted) throw new BibtexSourceError(`${name} did not download within ${DOWNLOAD_TIMEOUT_MS / 1000} s.`);
		throw new BibtexSourceError(`${name} could not be downloaded: ${networkCause(error, url.host, 'the attachment')}.`);
	}
	if (!response.ok) throw new BibtexSourceError(`${name} could not be downloaded (HTTP ${response.status}).`);
	if (Number(response.headers.get('content-length') ?? 0) > BIBTEX_MAX_BYTES) throw tooLarge(name);
	const body = Buffer.from(await response.arrayBuffer());
	if (body.length > BIBTEX_MAX_BYTES) throw tooLarge(name);
	return { name, text: body.toString('utf8').replace(/^\uFEFF/, '') };
}

const tooLarge = (name: string) =>
	new BibtexSourceError(`${name} is larger than ${BIBTEX_MAX_BYTES / 1024 / 1024} MB; split it and import the parts.`);

/** Importing `.bib` files from Discord or the console, where the corpus can be written. */
export interface BibtexImporter {
	/** Whether the asker may import: on Discord, Manage Server or the curator role; at the console, anyone. */
	mayImport(member: MemberRights): boolean;
	/** Reads the `.bib` at `source` (an attachment's address; at the console, a path too) and imports it. */
	importFile(source: string): Promise<{ name: string; result: BibtexImport }>;
}

/** An importer over the corpus in service; `localFiles` lets it read paths (the console's files are its owner's). */
export function openBibtexImporter(
	options: ImportOptions & { mayImport: BibtexImporter['mayImport']; localFiles?: boolean },
): BibtexImporter {
	return {
		mayImport: options.mayImport,
		async importFile(source) {
			const { name, text } = await readBibtexSource(source, { localFiles: options.localFiles ?? false });
			return { name, result: await importBibtex(text, options) };
		},
	};
}
