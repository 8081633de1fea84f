import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { appendPapers } from '../../src/corpus/append.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { openLibrary } from '../../src/search/library.js';
import { getPaper, paperCount, searchPapers, suggestPapers } from '../../src/search/paper-index.js';
import { createLogger } from '../../src/log.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('openLibrary', () => {
	it('lets an index replaced by a reload be freed, even with load listeners registered', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-library-'));
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const library = await openLibrary(folder, createLogger('silent'));
		const firstIndex = new WeakRef(library.current());
		library.onLoad(() => undefined);
		await writeFile(join(folder, 'more.jsonl'), '{"id": "2401.00001", "abstract": "Quokkas."}\n');
		await library.reload();
		await writeFile(join(folder, 'more.jsonl'), '{"id": "2401.00002", "abstract": "Wombats."}\n');
		await library.reload();
		await rm(folder, { recursive: true, force: true });
		await new Promise((resolve) => setTimeout(resolve, 20));
		collectGarbage();
		expect(firstIndex.deref()).toBeUndefined();
	});

	it('hands a listener registered after a reload the corpus in service', async () => {
		const library = await openLibrary('data', createLogger('silent'));
		const reloaded = await library.reload();
		if (!reloaded.ok) throw reloaded.error;
		let seen: unknown;
		library.onLoad((corpus) => (seen = corpus));
		expect(seen).toBe(reloaded.corpus);
	});
});

describe('openLibrary on stderr', () => {
	const folders: string[] = [];
	afterEach(async () => {
		for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
	});
	/** A fresh copy of the shipped corpus, without its index cache. */
	async function corpusCopy(): Promise<string> {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-library-'));
		folders.push(folder);
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		return folder;
	}
	const recorder = (isTTY: boolean) => {
		const written: string[] = [];
		return { written, output: { isTTY, write: (text: string) => written.push(text) } };
	};

	it('draws a slow build’s progress on a terminal and erases it, and says nothing of a first start', async () => {
		const { written, output } = recorder(true);
		await openLibrary(await corpusCopy(), createLogger('silent'), { output, progressAfterMs: 0 });
		expect(written[0]).toMatch(/^\r\x1b\[Kpaperbot: building the search index \(first start\)… \d+%$/);
		expect(written.at(-2)).toBe('\r\x1b[Kpaperbot: building the search index (first start)… 100%');
		expect(written.at(-1)).toBe('\r\x1b[K');
		const percents = written.slice(0, -1).map((text) => Number(/(\d+)%$/.exec(text)?.[1]));
		expect(percents).toEqual([...percents].sort((a, b) => a - b));
	});

	it('draws no progress when stderr is not a terminal', async () => {
		const { written, output } = recorder(false);
		await openLibrary(await corpusCopy(), createLogger('silent'), { output, progressAfterMs: 0 });
		expect(written).toEqual([]);
	});

	it('says in one line why a later start rebuilds the index, and not again on a reload', async () => {
		const folder = await corpusCopy();
		await writeFile(join(folder, 'more.jsonl'), '{"id": "2401.00001", "abstract": "Quokkas."}\n');
		await openLibrary(folder, createLogger('silent'), { output: recorder(false).output });
		await writeFile(join(folder, 'more.jsonl'), '{"id": "2401.00002", "abstract": "Wombats."}\n');
		const { written, output } = recorder(false);
		const library = await openLibrary(folder, createLogger('silent'), { output });
		await writeFile(join(folder, 'more.jsonl'), '{"id": "2401.00003", "abstract": "Numbats."}\n');
		await library.reload();
		expect(written).toEqual(['paperbot: building the search index (the corpus changed since the last start)\n']);
	});
});

describe('Library.addPapers', () => {
	const folders: string[] = [];
	afterEach(async () => {
		for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
	});
	const quokkas = paperSchema.parse({
		id: '2401.00001',
		title: 'A census of quokkas',
		authors: ['Ada Quill'],
		abstract: 'Quokkas counted.',
	});

	it.each([
		['kept in memory', undefined],
		['read from the cache file', 0],
	])(
		'puts appended papers in service without building the index again, and the next start adds them the same way (papers %s)',
		async (_, papersInMemoryUpTo) => {
			const folder = await mkdtemp(join(tmpdir(), 'paperbot-library-'));
			folders.push(folder);
			await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
			const library = await openLibrary(folder, createLogger('silent'), {
				output: { isTTY: false, write: () => true },
				papersInMemoryUpTo,
			});
			const before = library.current();
			const told: (readonly string[] | null)[] = [];
			library.onLoad((_corpus, _index, added) => told.push(added));
			await appendPapers(folder, [quokkas]);
			expect((await library.addPapers([quokkas])).ok).toBe(true);
			expect(told).toEqual([null, ['2401.00001']]);
			const after = library.current();
			expect(after.postings).toBe(before.postings);
			expect(searchPapers(after, 'quokka census').map((result) => result.paper.id)).toEqual(['2401.00001']);
			expect(suggestPapers(after, 'a census of q').map((paper) => paper.id)).toEqual(['2401.00001']);
			expect(getPaper(after, 'arXiv:2401.00001')?.title).toBe('A census of quokkas');
			expect(paperCount(after)).toBe(paperCount(before) + 1);

			// The reload the file's change sets off finds the paper in service already.
			await library.reload();
			expect(library.current().postings).toBe(before.postings);
			expect(paperCount(library.current())).toBe(paperCount(before) + 1);

			const written: string[] = [];
			const restarted = await openLibrary(folder, createLogger('silent'), {
				output: { isTTY: false, write: (text) => written.push(text) },
				papersInMemoryUpTo,
			});
			expect(written).toEqual([]);
			expect(searchPapers(restarted.current(), 'quokka').map((result) => result.paper.id)).toEqual(['2401.00001']);
			expect(paperCount(restarted.current())).toBe(paperCount(before) + 1);

			// A second record of an added paper is a correction only a full read applies.
			const corrected = { ...quokkas, title: 'A second census of quokkas' };
			await writeFile(join(folder, 'more.jsonl'), `${JSON.stringify(corrected)}\n`);
			await library.reload();
			expect(library.current().postings).not.toBe(before.postings);
			expect(getPaper(library.current(), '2401.00001')?.title).toBe('A second census of quokkas');
			expect(paperCount(library.current())).toBe(paperCount(before) + 1);
		},
	);

	it('reads the corpus whole when an added paper may be one it has', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-library-'));
		folders.push(folder);
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const library = await openLibrary(folder, createLogger('silent'), { output: { isTTY: false, write: () => true } });
		const known = library.current().papers.at(0)!;
		const corrected = { ...known, journal_ref: 'Quokka J. 1 (2024)' };
		await appendPapers(folder, [corrected]);
		const before = library.current();
		expect((await library.addPapers([corrected])).ok).toBe(true);
		expect(library.current().postings).not.toBe(before.postings);
		expect(paperCount(library.current())).toBe(paperCount(before));
	});

	it('reads the corpus whole for a preprint of a paper it has by DOI only, and for a paper without an arXiv id', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-library-'));
		folders.push(folder);
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const published = paperSchema.parse({ id: 'doi:10.1234/quokka', title: 'A Census of {Q}uokkas', authors: ['Quill, Ada'] });
		await writeFile(join(folder, 'published.jsonl'), `${JSON.stringify(published)}\n`);
		const library = await openLibrary(folder, createLogger('silent'), { output: { isTTY: false, write: () => true } });
		const before = library.current();
		await appendPapers(folder, [quokkas]);
		expect((await library.addPapers([quokkas])).ok).toBe(true);
		expect(library.current().postings).not.toBe(before.postings);
		expect(paperCount(library.current())).toBe(paperCount(before));
		expect(getPaper(library.current(), 'doi:10.1234/quokka')?.id).toBe('2401.00001');

		const thesis = paperSchema.parse({ id: 'bib:quill2020', title: 'Quokka burrows', authors: ['Ada Quill'] });
		const merged = library.current();
		await appendPapers(folder, [thesis]);
		expect((await library.addPapers([thesis])).ok).toBe(true);
		expect(library.current().postings).not.toBe(merged.postings);
		expect(getPaper(library.current(), 'bib:quill2020')?.title).toBe('Quokka burrows');
	});
});
