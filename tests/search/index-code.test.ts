import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// Inside the project, so the copied source finds node_modules as the real one does.
const COPY_PARENT = join('node_modules', '.cache', 'paperbot');
/** Loads the corpus and its index with the copied code, printing where the index came from. */
const START = `import { listCorpus } from './src/corpus/load.js';
import { loadOrBuildIndex } from './src/search/index-cache.js';
const [corpusPath, cacheDir] = process.argv.slice(2);
const { source } = await loadOrBuildIndex(await listCorpus(corpusPath), {
	cacheDir,
	onBuild: (reason) => console.error(reason),
	onWarning: (message) => console.error(message),
});
console.log(source);
`;
let copy: string;

beforeAll(async () => {
	await mkdir(COPY_PARENT, { recursive: true });
	copy = await mkdtemp(join(COPY_PARENT, 'index-code-'));
	await cp('src', join(copy, 'src'), { recursive: true });
	await cp('package.json', join(copy, 'package.json'));
	await writeFile(join(copy, 'start.ts'), START);
});
afterAll(() => rm(copy, { recursive: true, force: true }));

/** Starts the copied code once, as a new process does: 'built' or 'cache', and why it built or what went wrong. */
async function start(): Promise<{ source: string; warnings: string }> {
	const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(copy, 'start.ts'), 'data', join(copy, 'cache')], {
		timeout: 60_000,
	});
	return { source: stdout.trim(), warnings: stderr.trim() };
}

describe('indexCodeKey', () => {
	it('makes the next start rebuild the index once a field weight changes in the code', async () => {
		expect((await start()).source).toBe('built');
		expect(await start()).toEqual({ source: 'cache', warnings: '' });

		const postings = join(copy, 'src', 'search', 'postings.ts');
		const code = await readFile(postings, 'utf8');
		expect(code).toContain('title: { weight: 2,');
		await writeFile(postings, code.replace('title: { weight: 2,', 'title: { weight: 3,'));

		const afterChange = await start();
		expect(afterChange.source).toBe('built');
		expect(afterChange.warnings).toBe("paperbot's index code changed");
		expect((await start()).source).toBe('cache');
	}, 120_000);
});
