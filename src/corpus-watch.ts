import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Logger } from './log.js';

/** Options for {@link watchCorpus}. */
export interface CorpusWatchOptions {
	/** Quiet time after the last change before reloading, so one save (or a burst of them) reloads once. Default 500 ms. */
	debounceMs?: number;
}

/** A running watch; `close` stops it and drops any pending reload. */
export interface CorpusWatch {
	close(): void;
}

/** The files a corpus folder is read from; the index cache and editors' temp files are dotfiles or other names. */
const CORPUS_EXTENSIONS = new Set(['.txt', '.json', '.jsonl']);

/**
 * Watches the corpus at `corpusPath` (a folder, or one file) and calls `reload` once changes have
 * settled. The folder is watched, not the file, because editors often save by replacing the file.
 * Dotfiles (the index cache written beside the corpus) and other extensions are ignored, so a
 * reload never triggers itself. Reload failures are `reload`'s to report; a throw is logged.
 */
export async function watchCorpus(corpusPath: string, reload: () => Promise<unknown>, log: Logger, options: CorpusWatchOptions = {}): Promise<CorpusWatch> {
	const debounceMs = options.debounceMs ?? 500;
	const isFolder = (await stat(corpusPath)).isDirectory();
	const folder = isFolder ? corpusPath : dirname(corpusPath);
	const fileName = isFolder ? null : basename(corpusPath);
	let timer: NodeJS.Timeout | null = null;

	const relevant = (name: string | null): boolean => {
		if (name === null) return true;
		if (fileName !== null) return name === fileName;
		return !name.startsWith('.') && CORPUS_EXTENSIONS.has(extname(name).toLowerCase());
	};

	const watcher: FSWatcher = watch(folder, { persistent: false }, (_event, name) => {
		if (!relevant(name === null ? null : String(name))) return;
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
