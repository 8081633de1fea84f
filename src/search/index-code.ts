import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The modules whose code decides what a stored index holds, beside this one: the tokeniser and
 * stemming (text, and latex for folding), the field weights and BM25 parameters (postings), the
 * suggestion structure (suggest), the author index (filters), the filter columns (columns), the
 * order and years (paper-index), the stored records (paper-list) and the file layout (index-file).
 */
const INDEX_MODULES = [
	'./text',
	'../corpus/latex',
	'./postings',
	'./suggest',
	'./filters',
	'./columns',
	'./paper-index',
	'./paper-list',
	'./index-file',
];
/** The stemmer package: a new version may stem words differently. */
const STEMMER = '@orama/stemmers/english';

let key: Promise<string> | null = null;

/**
 * The TypeScript source of a module: beside this file under tsx; for a build (this file at
 * `<build>/src/search/index-code.js`), the same path under the nearest folder above the build that
 * holds it, the project. Only a build copied without its source falls back to the compiled `.js`.
 */
function sourceOf(module: string): string {
	const here = fileURLToPath(import.meta.url);
	const compiled = fileURLToPath(new URL(`${module}${extname(here)}`, import.meta.url));
	if (compiled.endsWith('.ts')) return compiled;
	const build = dirname(dirname(dirname(here)));
	const source = relative(build, compiled).replace(/\.js$/, '.ts');
	for (let folder = dirname(build); ; folder = dirname(folder)) {
		if (existsSync(join(folder, source))) return join(folder, source);
		if (dirname(folder) === folder) return compiled;
	}
}

/**
 * A hash of the code that builds the stored index: the TypeScript source of {@link INDEX_MODULES}
 * (beside this module under tsx, and in the project's src/ when it runs from the build in dist/,
 * so both share one cache), and the stemmer package's own code.
 * Changing a field weight, a BM25 parameter, the tokeniser or the stemmer changes it, so a cache
 * written by other code is never read, with no version number to remember to bump.
 */
export function indexCodeKey(): Promise<string> {
	key ??= (async () => {
		const files = [...INDEX_MODULES.map(sourceOf), createRequire(import.meta.url).resolve(STEMMER)];
		const hash = createHash('sha256');
		for (const file of files) hash.update(`${basename(file, extname(file))}\0`).update(await readFile(file));
		return hash.digest('hex');
	})();
	return key;
}
