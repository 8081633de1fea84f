import { appendFile, cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCorpus, loadCorpus, readCorpus } from '../../src/corpus/load.js';
import { indexCachePath, loadOrBuildIndex, writeIndexCache } from '../../src/search/index-cache.js';
import { buildSearchIndex, getPaper, searchPapers, suggestPapers } from '../../src/search/paper-index.js';
import { StoredPapers } from '../../src/search/paper-list.js';
import { similarPapers } from '../../src/search/similar.js';

const SHIPPED = new URL('../../data/', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/search/papers.jsonl', import.meta.url).pathname;

let folder: string;
let warnings: string[];
let reasons: string[];
const onWarning = (message: string) => warnings.push(message);
const onBuild = (reason: string) => reasons.push(reason);
const cacheFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('.paperbot-index-'));

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-index-cache-'));
	warnings = [];
	reasons = [];
});
afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

describe('loadOrBuildIndex', () => {
	it.each([
		['keeps its papers in memory', undefined, Array],
		['reads its papers from the cache file', 0, StoredPapers],
	])(
		'builds and writes the index on first start, then reads it back with the same answers, and %s',
		async (_, papersInMemoryUpTo, kind) => {
			const corpus = await readCorpus(SHIPPED);
			const built = buildSearchIndex((await loadCorpus(SHIPPED)).papers);
			const options = { cacheDir: folder, onWarning, onBuild, papersInMemoryUpTo };
			const first = await loadOrBuildIndex(await listCorpus(SHIPPED), options);
			expect(first.source).toBe('built');
			expect(await cacheFiles(folder)).toEqual([`.paperbot-index-${corpus.fingerprint}.bin`]);
			expect(first.index.papers).toBeInstanceOf(kind);

			const second = await loadOrBuildIndex(await listCorpus(SHIPPED), options);
			expect(second.source).toBe('cache');
			expect(second.index.papers).toBeInstanceOf(kind);
			for (const paperNo of built.ids.keys()) expect(second.index.papers.at(paperNo)).toEqual(built.papers.at(paperNo));
			for (const query of ['spiking GAN', 'wasserstien', 'author:"Yi Zeng" year:2023', 'YbOH', 'cat:cs.NE', 'venue:neurips']) {
				expect(searchPapers(second.index, query)).toEqual(searchPapers(built, query));
			}
			for (const query of ['spiking GAN', 'wasserstien', 'author:"Yi Zeng" year:2023', 'YbOH']) {
				expect(searchPapers(second.index, query)).toEqual(searchPapers(first.index, query));
			}
			expect(suggestPapers(second.index, 'spiking n')).toEqual(suggestPapers(first.index, 'spiking n'));
			expect(similarPapers(second.index, '2305.10246')).toEqual(similarPapers(first.index, '2305.10246'));
			expect(warnings).toEqual([]);
			expect(reasons).toEqual(['first start']);
		},
	);

	it('rebuilds when the corpus changes and removes the stale cache file', async () => {
		const corpusFolder = join(folder, 'corpus');
		await cp(SHIPPED, corpusFolder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		await writeFile(join(corpusFolder, 'more.jsonl'), '{"id": "2401.00001", "title": "Quokka census", "abstract": null}\n');
		const before = await readCorpus(corpusFolder);
		await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		// Replaced, not appended to: only a full read can tell what changed.
		await cp(FIXTURE, join(corpusFolder, 'more.jsonl'));

		const after = await readCorpus(corpusFolder);
		expect(after.fingerprint).not.toBe(before.fingerprint);
		const rebuilt = await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		expect(rebuilt.source).toBe('built');
		expect(searchPapers(rebuilt.index, 'schrodinger')[0]?.paper.id).toBe('2101.00001');
		expect(await cacheFiles(corpusFolder)).toEqual([`.paperbot-index-${after.fingerprint}.bin`]);
		expect(reasons).toEqual(['first start', 'the corpus changed since the last start']);
		expect((await loadCorpus(corpusFolder)).fingerprint).toBe(after.fingerprint);
	});

	it('rebuilds a corrupt cache file, saying it was damaged', async () => {
		const corpus = await readCorpus(FIXTURE);
		await writeFile(indexCachePath(folder, corpus.fingerprint), 'not an index');
		const loaded = await loadOrBuildIndex(await listCorpus(FIXTURE), { cacheDir: folder, onWarning, onBuild });
		expect(loaded.source).toBe('built');
		expect(reasons).toEqual(['the cached index was damaged']);
		expect(warnings).toEqual([]);
		expect((await loadOrBuildIndex(await listCorpus(FIXTURE), { cacheDir: folder, onWarning, onBuild })).source).toBe('cache');
	});

	it('ignores a cache file cut short', async () => {
		const corpus = await readCorpus(SHIPPED);
		await loadOrBuildIndex(await listCorpus(SHIPPED), { cacheDir: folder, onWarning, onBuild });
		const path = indexCachePath(folder, corpus.fingerprint);
		const whole = await readFile(path);
		await writeFile(path, whole.subarray(0, whole.length - 64));
		const loaded = await loadOrBuildIndex(await listCorpus(SHIPPED), { cacheDir: folder, onWarning, onBuild });
		expect(loaded.source).toBe('built');
		expect(reasons).toEqual(['first start', 'the cached index was damaged']);
	});

	it('gives the skipped records and the notes of a cached corpus as a built one does', async () => {
		const overlay = new URL('../fixtures/corpus/overlay', import.meta.url).pathname;
		const parsed = await loadCorpus(overlay);
		expect(parsed.warnings).toHaveLength(1);
		expect(parsed.notes).toHaveLength(1);
		await loadOrBuildIndex(await listCorpus(overlay), { cacheDir: folder, onWarning, onBuild });
		const loaded = await loadOrBuildIndex(await listCorpus(overlay), { cacheDir: folder, onWarning, onBuild });
		expect(loaded.source).toBe('cache');
		const { papers, ...summary } = parsed;
		expect(loaded.corpus).toEqual(summary);
		expect(loaded.index.ids).toEqual(papers.map((paper) => paper.id));
	});

	it('adds hundreds of kilobytes of appended arXiv records, naming a broken one by its line, and rebuilds for an appended DOI paper', async () => {
		const corpusFolder = join(folder, 'corpus');
		const file = join(corpusFolder, 'papers.jsonl');
		await cp(FIXTURE, file);
		await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		// 2,000 records of about 250 bytes: read in several pieces; the broken one is line 6 + 1,501.
		const appended = Array.from({ length: 2_000 }, (_, n) =>
			n === 1_500
				? '{broken'
				: JSON.stringify({
						id: `2402.${String(n).padStart(5, '0')}`,
						title: `Wombat survey number ${n}`,
						abstract: 'Wombats counted. '.repeat(10),
					}),
		);
		await appendFile(file, `${appended.join('\n')}\n`);
		const loaded = await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		expect(loaded.source).toBe('cache');
		expect(loaded.corpus.warnings).toEqual([`${file}:1507: not valid JSON`]);
		expect(getPaper(loaded.index, '2402.01999')?.title).toBe('Wombat survey number 1999');
		expect(getPaper(loaded.index, '2402.00000')?.title).toBe('Wombat survey number 0');

		await appendFile(file, '{"id": "doi:10.1234/wombats", "title": "Wombats, the journal version", "abstract": null}\n');
		const rebuilt = await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		expect(rebuilt.source).toBe('built');
		expect(getPaper(rebuilt.index, 'doi:10.1234/wombats')?.title).toBe('Wombats, the journal version');
		expect(reasons).toEqual(['first start', 'the corpus changed since the last start']);
	});

	it('reads only the cache while the files keep their size and time, and adds the papers appended to a file without a rebuild', async () => {
		const corpusFolder = join(folder, 'corpus');
		await cp(FIXTURE, join(corpusFolder, 'papers.jsonl'));
		await loadOrBuildIndex(await listCorpus(corpusFolder), { cacheDir: corpusFolder, onWarning, onBuild });
		let reads = 0;
		const counted = async () => {
			const listed = await listCorpus(corpusFolder);
			return {
				...listed,
				read: () => {
					reads++;
					return listed.read();
				},
			};
		};
		expect((await loadOrBuildIndex(await counted(), { cacheDir: corpusFolder, onWarning, onBuild })).source).toBe('cache');
		expect(reads).toBe(0);

		// Touched, not changed: hashed, and still the cache.
		await utimes(join(corpusFolder, 'papers.jsonl'), new Date(), new Date(Date.now() + 5_000));
		expect((await loadOrBuildIndex(await counted(), { cacheDir: corpusFolder, onWarning, onBuild })).source).toBe('cache');

		// Appended to: the new lines are read and their papers added to the cached index, at this start and the next.
		await appendFile(join(corpusFolder, 'papers.jsonl'), '{"id": "2401.00001", "title": "Quokka census", "abstract": null}\n{broken\n');
		for (const start of [1, 2]) {
			const loaded = await loadOrBuildIndex(await counted(), { cacheDir: corpusFolder, onWarning, onBuild });
			expect(loaded.source, `start ${start}`).toBe('cache');
			expect(getPaper(loaded.index, '2401.00001')?.title).toBe('Quokka census');
			expect(searchPapers(loaded.index, 'quokka').map((result) => result.paper.id)).toEqual(['2401.00001']);
			expect(loaded.corpus.warnings).toEqual([`${join(corpusFolder, 'papers.jsonl')}:8: not valid JSON`]);
		}
		expect(reads).toBe(0);

		// An appended record of a paper the corpus has needs a full read to merge it.
		const known = (await readFile(FIXTURE, 'utf8')).split('\n')[0]!;
		await appendFile(join(corpusFolder, 'papers.jsonl'), `${known}\n`);
		expect((await loadOrBuildIndex(await counted(), { cacheDir: corpusFolder, onWarning, onBuild })).source).toBe('built');
		expect(reads).toBe(1);
		expect(reasons).toEqual(['first start', 'the corpus changed since the last start']);
	});

	it('still answers when the cache folder is a file, and says so', async () => {
		const notAFolder = join(folder, 'file');
		await writeFile(notAFolder, '');
		const loaded = await loadOrBuildIndex(await listCorpus(FIXTURE), { cacheDir: notAFolder, onWarning, onBuild });
		expect(loaded.source).toBe('built');
		expect(searchPapers(loaded.index, 'photonic')[0]?.paper.id).toBe('2305.00005');
		const path = indexCachePath(notAFolder, (await loadCorpus(FIXTURE)).fingerprint);
		expect(reasons).toEqual(['the cached index could not be read: ENOTDIR']);
		expect(warnings).toEqual([`cannot save the search index as ${path} (EEXIST); the next start will build it again`]);
	});
});

describe('writeIndexCache', () => {
	it('writes one file named by the fingerprint and removes the others', async () => {
		const { papers, ...summary } = await loadCorpus(FIXTURE);
		const index = buildSearchIndex(papers);
		await writeIndexCache(index, { ...summary, fingerprint: 'aaa', states: [], hashes: [] }, folder);
		await writeIndexCache(index, { ...summary, fingerprint: 'bbb', states: [], hashes: [] }, folder);
		expect(await cacheFiles(folder)).toEqual(['.paperbot-index-bbb.bin']);
	});
});

describe('indexCachePath', () => {
	it('names the cache file by the corpus fingerprint inside the cache folder', () => {
		expect(indexCachePath('/srv/corpus', 'abc123')).toBe('/srv/corpus/.paperbot-index-abc123.bin');
	});
});
