import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { listCorpus, quoteWarnings } from '../corpus/load.js';
import type { CorpusSummary } from '../corpus/load.js';
import type { Merge } from '../corpus/merge.js';
import type { Paper } from '../corpus/paper.js';
import { addPapersToIndex, appendedRecords, type IndexedFiles, summaryOf } from './appended.js';
import { loadOrBuildIndex } from './index-cache.js';
import { type Logger, progressLine, type TextOutput } from '../log.js';
import { type PaperIndex, paperCount } from './paper-index.js';

/** What a reload did: the corpus in service after it, or why the previous one stays. */
export type ReloadResult = { ok: true; corpus: CorpusSummary } | { ok: false; error: Error };

/** The corpus in service: its index, swapped whole on reload so a query never sees half of one. */
export interface Library {
	/** The index in service now. */
	current(): PaperIndex;
	/**
	 * Reads the corpus again and swaps the new index in. When its files only gained lines at their
	 * ends (an add, an import, a sync), only those are read and their papers added to the index in
	 * service (see addPapers); otherwise the corpus is read whole and the index read from its cache
	 * or built. A corpus that cannot be used keeps the old index in service; the error is returned
	 * and kept in `problem`.
	 */
	reload(): Promise<ReloadResult>;
	/**
	 * Adds papers just written to the end of a corpus file (`added.jsonl`, an import's, a sync's)
	 * to the index in service without building it again: they are indexed on their own, scored
	 * within the corpus (see withAddedPapers), in about the time indexing them takes at any corpus
	 * size. The next start, and the reload the file's change sets off, find them appended to their
	 * file and add them the same way, so nothing is rebuilt. A paper the corpus may hold already
	 * (the same key or DOI, or one with neither, which only titles tell) needs a full read to be
	 * merged: then the corpus is reloaded whole.
	 */
	addPapers(papers: readonly Paper[]): Promise<ReloadResult>;
	/** When the index in service was loaded, and the records that load skipped. */
	readonly loadedAt: Date;
	readonly warnings: readonly string[];
	/** The records that load kept with a note (see CorpusSummary.notes): not problems. */
	readonly notes: readonly string[];
	/** The records that load folded into another record of the same paper (see LoadedCorpus.merged). */
	readonly merged: readonly Merge[];
	/** Why the latest reload failed, until one succeeds. */
	readonly problem: string | null;
	/**
	 * Called after each successful load, with what the load reported and the index it put in service
	 * (first load included); after papers were added to the index in service, with their keys too
	 * (`added`), as no other paper is new: null after a load of the whole corpus.
	 */
	onLoad(listener: LoadListener): void;
}

/** What {@link Library.onLoad} calls. */
export type LoadListener = (corpus: CorpusSummary, index: PaperIndex, added: readonly string[] | null) => void;

/** An index, what its load reported, the files as it has them, and the papers added to the index before it, if that is what changed. */
interface Loaded {
	index: PaperIndex;
	corpus: CorpusSummary;
	files: IndexedFiles;
	added?: readonly string[];
}

/** A build shows its progress on a terminal only when it takes longer than this. */
const PROGRESS_AFTER_MS = 2_000;

/** Where {@link openLibrary} speaks to a person. */
export interface LibraryOptions {
	/** Default: stderr. */
	output?: TextOutput;
	/** How long a build runs before its progress is drawn on a terminal. Default: 2 s. */
	progressAfterMs?: number;
	/** Up to this many papers, the index keeps its papers in memory (see loadOrBuildIndex). */
	papersInMemoryUpTo?: number;
}

/** `N records skipped` / `N records kept with a note`, said once before the quoted lines. */
function remarksHeading(count: number, what: string): string {
	return `paperbot: ${count.toLocaleString('en-US')} ${count === 1 ? 'record' : 'records'} ${what} while reading the corpus:`;
}

/**
 * Reads the corpus at `corpusPath` and indexes it, reusing the index kept beside the corpus when
 * the files are unchanged. What a person should read goes to `output` (stderr) as plain lines:
 * each load's skipped records and its records kept with a note, each group counted, then quoted
 * sorted and capped; on the first load, why the index is built when it is not a first start; and
 * on a terminal, the build's progress when it is slow. A corpus that cannot be used at all throws
 * CorpusError.
 */
export async function openLibrary(
	corpusPath: string,
	log: Logger,
	{ output = process.stderr, progressAfterMs = PROGRESS_AFTER_MS, papersInMemoryUpTo }: LibraryOptions = {},
): Promise<Library> {
	const listeners: LoadListener[] = [];
	let reloading: Promise<unknown> = Promise.resolve();
	let loads = 0;

	/** Prints a load's skipped records and its records kept with a note. */
	function printRemarks(warnings: readonly string[], notes: readonly string[]): void {
		for (const [remarks, what] of [
			[warnings, 'skipped'],
			[notes, 'kept with a note'],
		] as const) {
			if (remarks.length) output.write(`${[remarksHeading(remarks.length, what), ...quoteWarnings(remarks)].join('\n')}\n`);
		}
	}

	async function load(): Promise<Loaded> {
		const started = performance.now();
		const listed = await listCorpus(corpusPath);
		const cacheDir = (await stat(corpusPath)).isDirectory() ? corpusPath : dirname(corpusPath);
		const atStart = loads++ === 0;
		const progress = progressLine(output, { afterMs: progressAfterMs });
		let building = 'paperbot: building the search index';
		const { index, corpus, files, source } = await loadOrBuildIndex(listed, {
			cacheDir,
			onBuild: (reason) => {
				building = `${building} (${reason})`;
				// A first start needs no explanation; a rebuild at a later start does, as it takes the time a cache saves.
				if (atStart && reason !== 'first start') output.write(`${building}\n`);
			},
			onProgress: (fraction) => progress.show(`${building}… ${Math.floor(fraction * 100)}%`),
			onWarning: (message) => output.write(`paperbot: ${message}\n`),
			papersInMemoryUpTo,
		});
		progress.clear();
		printRemarks(corpus.warnings, corpus.notes);
		log.info(
			{
				papers: paperCount(index),
				files: corpus.files.length,
				skipped: corpus.warnings.length,
				noted: corpus.notes.length,
				index: source,
				ms: Math.round(performance.now() - started),
			},
			'corpus loaded',
		);
		return { index, corpus, files };
	}

	/** The index in service with the papers appended to the corpus since, or null when only a full load will do. */
	async function loadAppended(): Promise<Loaded | null> {
		const started = performance.now();
		const appended = await appendedRecords(indexedFiles, await listCorpus(corpusPath));
		const index = appended && addPapersToIndex(library.index, appended.papers);
		if (!index) return null;
		printRemarks(appended.warnings, appended.notes);
		const corpus = summaryOf(appended.files, latest.files);
		log.info(
			{ papers: paperCount(index), appended: appended.papers.length, index: 'appended', ms: Math.round(performance.now() - started) },
			'corpus loaded',
		);
		return { index, corpus, files: appended.files, added: appended.papers.map((paper) => paper.id) };
	}

	/** Runs one change of the index at a time, so a slow one never swaps in an older corpus over a newer one. */
	function serially(change: () => Promise<Loaded | null>): Promise<ReloadResult> {
		const next = reloading.then(async (): Promise<ReloadResult> => {
			try {
				const loaded = (await change()) ?? (await load());
				Object.assign(library, {
					index: loaded.index,
					loadedAt: new Date(),
					warnings: loaded.corpus.warnings,
					notes: loaded.corpus.notes,
					merged: loaded.corpus.merged,
					problem: null,
				});
				latest = loaded.corpus;
				indexedFiles = loaded.files;
				for (const listener of listeners) listener(loaded.corpus, loaded.index, loaded.added ?? null);
				return { ok: true, corpus: loaded.corpus };
			} catch (error) {
				const failure = error instanceof Error ? error : new Error(String(error));
				library.problem = failure.message;
				log.error(`corpus reload failed; the previous corpus stays in service: ${failure.message}`);
				return { ok: false, error: failure };
			}
		});
		reloading = next;
		return next;
	}

	const first = await load();
	let indexedFiles = first.files;
	// Only the latest corpus is kept for late listeners: holding `first` would keep its index alive after reloads.
	let latest = first.corpus;
	const library = {
		index: first.index,
		loadedAt: new Date(),
		warnings: latest.warnings as readonly string[],
		notes: latest.notes as readonly string[],
		merged: latest.merged as readonly Merge[],
		problem: null as string | null,
		current: () => library.index,
		onLoad(listener: LoadListener) {
			listeners.push(listener);
			listener(latest, library.index, null);
		},
		reload: () => serially(loadAppended),
		addPapers: (papers: readonly Paper[]) =>
			serially(async () => {
				const index = addPapersToIndex(library.index, papers);
				return index && { index, corpus: latest, files: indexedFiles, added: papers.map((paper) => paper.id) };
			}),
	};
	return library;
}
