import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCodeKey } from '../src/search/index-code.js';

const run = promisify(execFile);
const BUILD_PARENT = join('node_modules', '.cache', 'paperbot');
let outDir: string;
let corpus: string;

beforeAll(async () => {
	// Inside the project, so the compiled files find node_modules as they would in dist/.
	await mkdir(BUILD_PARENT, { recursive: true });
	outDir = await mkdtemp(join(BUILD_PARENT, 'build-'));
	corpus = join(outDir, 'data');
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	// The same emit as `npm run build`; its type errors are the earlier `tsc --noEmit` of `npm test`, so they are not checked twice.
	await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir, '--noCheck'], {
		timeout: 120_000,
	});
}, 150_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
	it('compiles a CLI that runs on plain node, without tsx', async () => {
		const { stdout } = await run(process.execPath, [join(outDir, 'src', 'cli.js'), 'show', '2305.00054', '--json'], {
			env: { PATH: process.env.PATH, DISCORD_TOKEN: '', CORPUS_PATH: corpus, LOG_LEVEL: 'silent' },
		});
		expect(JSON.parse(stdout).embeds[0].url).toBe('https://arxiv.org/abs/2305.00054');
	});

	it('keys the index cache as the source does, so the build and npx paperbot share one cache', async () => {
		const script = `import(${JSON.stringify(join(process.cwd(), outDir, 'src', 'search', 'index-code.js'))}).then(async (m) => process.stdout.write(await m.indexCodeKey()))`;
		const { stdout } = await run(process.execPath, ['-e', script]);
		expect(stdout).toBe(await indexCodeKey());
	});
});
