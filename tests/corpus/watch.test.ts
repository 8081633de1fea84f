import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCorpus, type CorpusWatch } from '../../src/corpus/watch.js';
import { openLibrary } from '../../src/search/library.js';
import { createLogger } from '../../src/log.js';
import { paperCount } from '../../src/search/paper-index.js';

const log = createLogger('silent');
const record = (n: number) => JSON.stringify({ id: `2401.0000${n}`, title: `Paper ${n}`, abstract: `Abstract ${n}.` });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function corpusFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-watch-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	await writeFile(join(folder, 'papers.jsonl'), `${record(1)}\n`);
	return folder;
}

function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const tick = () =>
			check() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error('condition not met in time')) : setTimeout(tick, 25);
		tick();
	});
}

function keep(watch: CorpusWatch): CorpusWatch {
	cleanups.push(() => watch.close());
	return watch;
}

describe('watchCorpus', () => {
	it('reloads the library once after a burst of edits, swapping the new corpus in', async () => {
		const folder = await corpusFolder();
		const library = await openLibrary(folder, log);
		let reloads = 0;
		keep(
			await watchCorpus(
				folder,
				() => {
					reloads += 1;
					return library.reload();
				},
				log,
				{ debounceMs: 150 },
			),
		);
		await writeFile(join(folder, 'papers.jsonl'), `${record(1)}\n${record(2)}\n`);
		await writeFile(join(folder, 'more.json'), `[${record(3)}]`);
		await until(() => paperCount(library.current()) === 3);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(reloads).toBe(1);
	});

	it('keeps the old corpus in service and reports the problem when an edit breaks it', async () => {
		const folder = await corpusFolder();
		const library = await openLibrary(folder, log);
		keep(await watchCorpus(folder, () => library.reload(), log, { debounceMs: 50 }));
		await writeFile(join(folder, 'papers.jsonl'), '{"id": "not an id"}\n');
		await until(() => library.problem !== null);
		expect(paperCount(library.current())).toBe(1);
		expect(library.problem).toContain(folder);
	});

	it('ignores dotfiles and other files beside the corpus, such as the index cache', async () => {
		const folder = await corpusFolder();
		let reloads = 0;
		keep(await watchCorpus(folder, async () => (reloads += 1), log, { debounceMs: 50 }));
		await writeFile(join(folder, '.paperbot-index-test'), 'cache');
		await writeFile(join(folder, 'notes.md'), 'not corpus');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(reloads).toBe(0);
	});

	it('watches a single corpus file through its folder, so a replaced file is still seen', async () => {
		const folder = await corpusFolder();
		const file = join(folder, 'papers.jsonl');
		const library = await openLibrary(file, log);
		keep(await watchCorpus(file, () => library.reload(), log, { debounceMs: 50 }));
		await writeFile(join(folder, 'other.jsonl'), `${record(4)}\n`);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(paperCount(library.current())).toBe(1);
		await writeFile(`${file}.tmp`, `${record(1)}\n${record(5)}\n`);
		await rename(`${file}.tmp`, file);
		await until(() => paperCount(library.current()) === 2);
	});

	it('sees papers added to the added.jsonl beside a single corpus file, as the loader reads it', async () => {
		const folder = await corpusFolder();
		const file = join(folder, 'papers.jsonl');
		const library = await openLibrary(file, log);
		keep(await watchCorpus(file, () => library.reload(), log, { debounceMs: 50 }));
		await writeFile(join(folder, 'added.jsonl'), `${record(6)}\n`);
		await until(() => paperCount(library.current()) === 2);
	});
});
