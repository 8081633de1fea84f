import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isCorpusFileName } from './load.js';
import type { Logger } from '../log.js';

/** Options for {@link watchCorpus}. */
export interface CorpusWatchOptions {
	/** Quiet time after the last change before reloading, so one save (or a burst of them) reloads once. Default 500 ms. */
	debounceMs?: number;
}

/** A running watch; `close` stops it and drops any pending reload. */
export interface CorpusWatch {
	close(): void;
}

/**
 * Watches the corpus at `corpusPath` (a folder, or one file) and calls `reload` once changes have
 * settled. The folder is watched, not the file, because editors often save by replacing the file.
 * Only the files the loader reads count (`isCorpusFileName`): the index cache written beside the
 * corpus is a dotfile, so a reload never triggers itself. Reload failures are `reload`'s to report; a throw is logged.
 */
export async function watchCorpus(
	corpusPath: string,
	reload: () => Promise<unknown>,
	log: Logger,
	options: CorpusWatchOptions = {},
): Promise<CorpusWatch> {
	const debounceMs = options.debounceMs ?? 500;
	const isFolder = (await stat(corpusPath)).isDirectory();
	const folder = isFolder ? corpusPath : dirname(corpusPath);
	const singleFile = isFolder ? null : corpusPath;
	let timer: NodeJS.Timeout | null = null;

	const watcher: FSWatcher = watch(folder, { persistent: false }, (_event, name) => {
		if (name !== null && !isCorpusFileName(String(name), singleFile)) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = null;
			log.info({ path: corpusPath }, 'corpus changed on disk; reloading');
			reload().catch((error: unknown) => log.error({ err: error }, 'corpus-watch: reload failed'));
		}, debounceMs);
	});
	watcher.on('error', (error) => log.error({ err: error, path: corpusPath }, 'corpus-watch: watching stopped'));

	return {
		close() {
			if (timer) clearTimeout(timer);
			timer = null;
			watcher.close();
		},
	};
}
