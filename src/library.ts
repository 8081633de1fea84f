import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadCorpus } from './corpus/load.js';
import { loadOrBuildIndex } from './index-cache.js';
import type { Logger } from './log.js';
import type { PaperIndex } from './search.js';

/**
 * Reads the corpus at `corpusPath` and returns its search index, reusing the index kept beside
 * the corpus when the files are unchanged. Skipped records are logged as warnings; a corpus that
 * cannot be used at all throws CorpusError.
 */
export async function openLibrary(corpusPath: string, log: Logger): Promise<PaperIndex> {
	const started = performance.now();
	const corpus = await loadCorpus(corpusPath);
	for (const warning of corpus.warnings) log.warn(warning);
	const cacheDir = (await stat(corpusPath)).isDirectory() ? corpusPath : dirname(corpusPath);
	const { index, source } = await loadOrBuildIndex(corpus, { cacheDir, onWarning: (message) => log.warn(message) });
	log.info({ papers: corpus.papers.length, files: corpus.files.length, skipped: corpus.warnings.length, index: source, ms: Math.round(performance.now() - started) }, 'corpus loaded');
	return index;
}
