import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { quoteWarnings, readCorpus } from '../corpus/load.js';
import type { LoadedCorpus } from '../corpus/load.js';
import type { Merge } from '../corpus/merge.js';
import { loadOrBuildIndex } from './index-cache.js';
import { type Logger, progressLine, type TextOutput } from '../log.js';
import type { PaperIndex } from './paper-index.js';

/** The corpus in service: its index, swapped whole on reload so a query never sees half of one. */
export interface Library {
	/** The index in service now. */
	current(): PaperIndex;
	/**
	 * Reads the corpus again and swaps the new index in. A corpus that cannot be used keeps the
	 * old index in service; the error is returned and kept in `problem`.
	 */
	reload(): Promise<{ ok: true; corpus: LoadedCorpus } | { ok: false; error: Error }>;
	/** When the index in service was loaded, and the records that load skipped. */
	readonly loadedAt: Date;
	readonly warnings: readonly string[];
	/** The records that load kept with a note (see LoadedCorpus.notes): not problems. */
	readonly notes: readonly string[];
	/** The records that load folded into another record of the same paper (see LoadedCorpus.merged). */
	readonly merged: readonly Merge[];
	/** Why the latest reload failed, until one succeeds. */
	readonly problem: string | null;
	/** Called after each successful load, with the corpus that was loaded (first load included). */
	onLoad(listener: (corpus: LoadedCorpus) => void): void;
}

/** A build shows its progress on a terminal only when it takes longer than this. */
const PROGRESS_AFTER_MS = 2_000;

/** Where {@link openLibrary} speaks to a person. */
export interface LibraryOutput {
	/** Default: stderr. */
	output?: TextOutput;
	/** How long a build runs before its progress is drawn on a terminal. Default: 2 s. */
	progressAfterMs?: number;
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
	{ output = process.stderr, progressAfterMs = PROGRESS_AFTER_MS }: LibraryOutput = {},
): Promise<Library> {
	const listeners: ((corpus: LoadedCorpus) => void)[] = [];
	let reloading: Promise<unknown> = Promise.resolve();
	let loads = 0;

	async function load(): Promise<{ index: PaperIndex; corpus: LoadedCorpus }> {
		const started = performance.now();
		const read = await readCorpus(corpusPath);
		const cacheDir = (await stat(corpusPath)).isDirectory() ? corpusPath : dirname(corpusPath);
		const atStart = loads++ === 0;
		const progress = progressLine(output, { afterMs: progressAfterMs });
		let building = 'paperbot: building the search index';
		const { index, corpus, source } = await loadOrBuildIndex(read, {
			cacheDir,
			onBuild: (reason) => {
				building = `${building} (${reason})`;
				// A first start needs no explanation; a rebuild at a later start does, as it takes the time a cache saves.
				if (atStart && reason !== 'first start') output.write(`${building}\n`);
			},
			onProgress: (fraction) => progress.show(`${building}… ${Math.floor(fraction * 100)}%`),
			onWarning: (message) => output.write(`paperbot: ${message}\n`),
		});
		progress.clear();
		for (const [remarks, what] of [
			[corpus.warnings, 'skipped'],
			[corpus.notes, 'kept with a note'],
		] as const) {
			if (remarks.length) output.write(`${[remarksHeading(remarks.length, what), ...quoteWarnings(remarks)].join('\n')}\n`);
		}
		log.info(
			{
				papers: corpus.papers.length,
				files: corpus.files.length,
				skipped: corpus.warnings.length,
				noted: corpus.notes.length,
				index: source,
				ms: Math.round(performance.now() - started),
			},
			'corpus loaded',
		);
		return { index, corpus };
	}

	const first = await load();
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
		onLoad(listener: (corpus: LoadedCorpus) => void) {
			listeners.push(listener);
			listener(latest);
		},
		reload() {
			// One reload at a time, so a slow one never swaps in an older corpus over a newer one.
			const next = reloading.then(async () => {
				try {
					const { index, corpus } = await load();
					Object.assign(library, {
						index,
						loadedAt: new Date(),
						warnings: corpus.warnings,
						notes: corpus.notes,
						merged: corpus.merged,
						problem: null,
					});
					latest = corpus;
					for (const listener of listeners) listener(corpus);
					return { ok: true as const, corpus };
				} catch (error) {
					const failure = error instanceof Error ? error : new Error(String(error));
					library.problem = failure.message;
					log.error(`corpus reload failed; the previous corpus stays in service: ${failure.message}`);
					return { ok: false as const, error: failure };
				}
			});
			reloading = next;
			return next;
		},
	};
	return library;
}
