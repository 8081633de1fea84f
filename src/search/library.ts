import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { quoteWarnings, readCorpus } from '../corpus/load.js';
import type { LoadedCorpus } from '../corpus/load.js';
import { loadOrBuildIndex } from './index-cache.js';
import type { Logger } from '../log.js';
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
	/** When the index in service was loaded, and the warnings of that load. */
	readonly loadedAt: Date;
	readonly warnings: readonly string[];
	/** Why the latest reload failed, until one succeeds. */
	readonly problem: string | null;
	/** Called after each successful load, with the corpus that was loaded (first load included). */
	onLoad(listener: (corpus: LoadedCorpus) => void): void;
}

/**
 * Reads the corpus at `corpusPath` and indexes it, reusing the index kept beside the corpus when
 * the files are unchanged. The warnings of each load (skipped records) are written to
 * `warningsOutput` as text, one line each, sorted and capped; a corpus that cannot be used at all
 * throws CorpusError.
 */
export async function openLibrary(
	corpusPath: string,
	log: Logger,
	warningsOutput: { write(text: string): unknown } = process.stderr,
): Promise<Library> {
	const listeners: ((corpus: LoadedCorpus) => void)[] = [];
	let reloading: Promise<unknown> = Promise.resolve();

	async function load(): Promise<{ index: PaperIndex; corpus: LoadedCorpus }> {
		const started = performance.now();
		const read = await readCorpus(corpusPath);
		const cacheDir = (await stat(corpusPath)).isDirectory() ? corpusPath : dirname(corpusPath);
		const { index, corpus, source } = await loadOrBuildIndex(read, {
			cacheDir,
			onWarning: (message) => warningsOutput.write(`paperbot: ${message}\n`),
		});
		for (const line of quoteWarnings(corpus.warnings)) warningsOutput.write(`${line}\n`);
		log.info(
			{
				papers: corpus.papers.length,
				files: corpus.files.length,
				skipped: corpus.warnings.length,
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
					Object.assign(library, { index, loadedAt: new Date(), warnings: corpus.warnings, problem: null });
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
