import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { stop, transform } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The folder holding the program compiled to JavaScript, mirroring the project's paths. */
		compiledProgram: string;
	}
}

const PROJECT_ROOT = join(import.meta.dirname, '..');
/** The program, the clock preload end-to-end tests start it with, and the workers that race it for a file. */
const SOURCES = ['src', 'commands', 'tests/e2e/clock.ts', 'tests/fixtures/schedule/claim-worker.ts', 'tests/corpus/append-worker.ts'];

async function typeScriptFiles(path: string): Promise<string[]> {
	if (path.endsWith('.ts')) return [path];
	const entries = await readdir(path, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Vitest's global setup: compiles the program once per run, file by file with esbuild as tsx does
 * for `npm start` and `npx paperbot` (the types are checked by `npm test`'s `tsc --noEmit`), inside
 * node_modules so that the compiled files find the project's packages. The tests that start
 * paperbot as a process start this with plain node: tsx spends most of a second of CPU per process
 * start passing each module through its loader thread, and the suite starts dozens. esbuild rather
 * than TypeScript's own transpiler, as loading that and transpiling with it kept the whole suite
 * waiting seconds before its first test. `tests/readme.test.ts` still starts `npx paperbot` through
 * tsx, and `tests/build.test.ts` runs the real `npm run build`.
 */
export default async function compileProgram(project: TestProject): Promise<() => Promise<void>> {
	const cache = join(PROJECT_ROOT, 'node_modules', '.cache', 'paperbot');
	await mkdir(cache, { recursive: true });
	const outDir = await mkdtemp(join(cache, 'program-'));
	// For the running node, as tsx does; the project's own compiler options (verbatimModuleSyntax, the ES2022 class fields) decide the rest.
	const tsconfigRaw = await readFile(join(PROJECT_ROOT, 'tsconfig.json'), 'utf8');
	const files = (await Promise.all(SOURCES.map((source) => typeScriptFiles(join(PROJECT_ROOT, source))))).flat();
	await Promise.all(
		files.map(async (file) => {
			const { code } = await transform(await readFile(file, 'utf8'), {
				loader: 'ts',
				format: 'esm',
				target: `node${process.versions.node}`,
				tsconfigRaw,
				sourcefile: file,
			});
			const target = join(outDir, relative(PROJECT_ROOT, file)).replace(/\.ts$/, '.js');
			await mkdir(dirname(target), { recursive: true });
			await writeFile(target, code);
		}),
	);
	// esbuild's service process would otherwise outlive the run by a moment.
	await stop();
	await writeFile(join(outDir, 'package.json'), await readFile(join(PROJECT_ROOT, 'package.json')));
	project.provide('compiledProgram', outDir);
	return () => rm(outDir, { recursive: true, force: true });
}
