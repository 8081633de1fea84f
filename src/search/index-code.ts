import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The modules whose code decides what a stored index holds, beside this one: the tokeniser and
 * stemming (text, and latex for folding), the field weights and BM25 parameters (postings), the
 * suggestion structure (suggest) and the file layout (index-cache).
 */
const INDEX_MODULES = ['./text', '../corpus/latex', './postings', './suggest', './index-cache'];
/** The stemmer package: a new version may stem words differently. */
const STEMMER = '@orama/stemmers/english';

let key: Promise<string> | null = null;

/**
 * A hash of the code that builds the stored index: the source of {@link INDEX_MODULES}, read where
 * this module runs from (`.ts` under tsx, `.js` from dist/), and the stemmer package's own code.
 * Changing a field weight, a BM25 parameter, the tokeniser or the stemmer changes it, so a cache
 * written by other code is never read, with no version number to remember to bump.
 */
export function indexCodeKey(): Promise<string> {
	key ??= (async () => {
		const here = fileURLToPath(import.meta.url);
		const extension = extname(here);
		const files = [
			...INDEX_MODULES.map((module) => fileURLToPath(new URL(`${module}${extension}`, import.meta.url))),
			createRequire(import.meta.url).resolve(STEMMER),
		];
		const hash = createHash('sha256');
		for (const file of files) hash.update(`${file.slice(file.lastIndexOf('/') + 1)}\0`).update(await readFile(file));
		return hash.digest('hex');
	})();
	return key;
}
