import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPaperCard } from '../../src/cards/index.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { LibraryError } from '../../src/library/http.js';
import { createZoteroClient, nextPageUrl } from '../../src/library/zotero.js';
import { syncZotero, type ZoteroSyncOptions } from '../../src/library/zotero-sync.js';
import { buildSearchIndex, getPaper } from '../../src/search/paper-index.js';
import { articleItem, STAND_IN_KEY, startZoteroStandIn, type ZoteroStandIn } from './zotero-stand-in.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function standIn(options?: Parameters<typeof startZoteroStandIn>[0]): Promise<ZoteroStandIn> {
	const zotero = await startZoteroStandIn(options);
	cleanups.push(() => zotero.close());
	return zotero;
}

/** A temp corpus folder: a copy of the shipped corpus, or one paper of its own. */
async function corpusFolder(shipped = false): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-zotero-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	if (shipped) await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	else await cp('tests/fixtures/zotero-base.jsonl', join(folder, 'base.jsonl'));
	return folder;
}

/** A client of the stand-in that records the waits it is asked for instead of waiting. */
function clientOf(zotero: ZoteroStandIn, apiKey: string | undefined = STAND_IN_KEY, waits: number[] = []) {
	return createZoteroClient({
		apiUrl: zotero.apiUrl,
		library: zotero.library,
		userAgent: 'paperbot/0.1.0',
		...(apiKey ? { apiKey } : {}),
		sleep: async (ms) => {
			waits.push(ms);
		},
	});
}

const syncedLines = async (folder: string) =>
	(await readFile(join(folder, 'zotero.jsonl'), 'utf8'))
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('nextPageUrl', () => {
	it('reads the rel="next" address of a Link header, and null on the last page', () => {
		const link =
			'<https://api.zotero.org/groups/1/items?start=0>; rel="first", <https://api.zotero.org/groups/1/items?limit=100&start=100>; rel="next", <https://api.zotero.org/groups/1/items?start=200>; rel="last"';
		expect(nextPageUrl(link)).toBe('https://api.zotero.org/groups/1/items?limit=100&start=100');
		expect(nextPageUrl('<https://api.zotero.org/groups/1/items?start=0>; rel="first"')).toBeNull();
		expect(nextPageUrl(null)).toBeNull();
	});
});

describe('createZoteroClient', () => {
	it('reads 100 items a page, following Link: rel="next", with the API version, the key and a User-Agent naming paperbot', async () => {
		const zotero = await standIn();
		zotero.put(...Array.from({ length: 250 }, (_, i) => articleItem(`ITEM${String(i).padStart(4, '0')}`)));
		const listing = await clientOf(zotero).items(0);
		expect(listing.objects).toHaveLength(250);
		expect(new Set(listing.objects.map((item) => item.key)).size).toBe(250);
		expect(listing.version).toBe(zotero.version);
		expect(zotero.received.map((request) => request.query.get('start') ?? '0')).toEqual(['0', '100', '200']);
		for (const request of zotero.received) {
			expect(request.query.get('limit')).toBe('100');
			expect(request.headers['zotero-api-version']).toBe('3');
			expect(request.headers['zotero-api-key']).toBe(STAND_IN_KEY);
			expect(request.headers['user-agent']).toBe('paperbot/0.1.0');
		}
	});

	it('waits as a 429 Retry-After asks, then reads on', async () => {
		const zotero = await standIn();
		zotero.put(articleItem('ABCD2345'));
		zotero.force({ status: 429, headers: { 'Retry-After': '7' }, body: 'Rate limit exceeded' });
		const waits: number[] = [];
		const listing = await clientOf(zotero, STAND_IN_KEY, waits).items(0);
		expect(listing.objects.map((item) => item.key)).toEqual(['ABCD2345']);
		expect(waits).toEqual([7000]);
		expect(zotero.received).toHaveLength(2);
	});

	it('waits before its next request as a Backoff header asks', async () => {
		const zotero = await standIn();
		zotero.put(...Array.from({ length: 150 }, (_, i) => articleItem(`ITEM${String(i).padStart(4, '0')}`)));
		zotero.backoff(5);
		const waits: number[] = [];
		await clientOf(zotero, STAND_IN_KEY, waits).items(0);
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(4_500);
		expect(waits[0]).toBeLessThanOrEqual(5_000);
	});

	it('never follows a next page away from ZOTERO_API_URL, where the key would go with it', async () => {
		const zotero = await standIn();
		zotero.force({
			status: 200,
			headers: { 'Last-Modified-Version': '5', Link: '<http://127.0.0.2:9/groups/4242/items?start=100>; rel="next"' },
			body: '[]',
		});
		const refused = await clientOf(zotero)
			.items(0)
			.catch((error: unknown) => error);
		expect((refused as Error).message).toBe(`Zotero pointed the next page of groups/4242 away from ZOTERO_API_URL (${zotero.apiUrl}).`);
		expect(zotero.received).toHaveLength(1);
	});

	it('answers a 403 naming the library and saying the key cannot read it, never repeating the key', async () => {
		const zotero = await standIn();
		const other = createZoteroClient({ apiUrl: zotero.apiUrl, library: 'groups/99', apiKey: STAND_IN_KEY, userAgent: 'paperbot/0.1.0' });
		const refused = await other.items(0).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(LibraryError);
		expect((refused as LibraryError).status).toBe(403);
		expect((refused as Error).message).toBe(
			'Zotero refused to let ZOTERO_API_KEY read groups/99 (HTTP 403): the key cannot read this library; give it read access at zotero.org/settings/keys, or check ZOTERO_LIBRARY.',
		);
		const keyless = await clientOf(zotero, '')
			.items(0)
			.catch((error: unknown) => error);
		expect((keyless as Error).message).toBe(
			'Zotero refused to let paperbot read groups/4242 without a key (HTTP 403): the library is not public; set ZOTERO_API_KEY to a key that may read it.',
		);
		expect(JSON.stringify([refused, keyless, (refused as Error).message])).not.toContain(STAND_IN_KEY);
	});
});

/** Runs one sync of the stand-in into `folder`, continuing from `previous`. */
const syncInto = (zotero: ZoteroStandIn, folder: string, previous: ZoteroSyncOptions['previous'], collections: string[] = []) =>
	syncZotero({ client: clientOf(zotero), corpusPath: folder, collections, previous });

describe('syncZotero', () => {
	it('keeps papers (those without an abstract too), and skips and counts notes, attachments and other items', async () => {
		const zotero = await standIn();
		zotero.put(
			articleItem('ARTICLE1'),
			articleItem('CONFNOAB', {
				itemType: 'conferencePaper',
				title: 'Spiking transformers without abstracts',
				abstractNote: '',
				publicationTitle: undefined,
				proceedingsTitle: 'Proceedings of NeurIPS 2024',
				extra: 'DOI: 10.5555/Spike.2024',
			}),
			articleItem('PREPRINT', { itemType: 'preprint', archiveID: 'arXiv:2401.00001', date: 'January 2024' }),
			{ key: 'NOTE0001', data: { itemType: 'note', note: '<p>Read this for Friday</p>' } },
			{ key: 'NOTE0002', data: { itemType: 'note', note: '<p>Child note</p>', parentItem: 'ARTICLE1' } },
			{ key: 'ATTACH01', data: { itemType: 'attachment', title: 'Full Text PDF', parentItem: 'ARTICLE1' } },
			{ key: 'WEBPAGE1', data: { itemType: 'webpage', title: 'A lab blog post' } },
		);
		const folder = await corpusFolder();
		const result = await syncInto(zotero, folder, null);
		expect(result).toMatchObject({ added: 3, updated: 0, removed: 0, skipped: 4, version: zotero.version, papers: 3, full: true });
		expect(result.skippedTypes).toEqual({ note: 2, attachment: 1, webpage: 1 });
		const lines = await syncedLines(folder);
		expect(lines.map((line) => line.id)).toEqual(['zotero:groups/4242/ARTICLE1', 'doi:10.5555/spike.2024', '2401.00001']);
		expect(lines[1]).toMatchObject({ abstract: null, venue: 'Proceedings of NeurIPS 2024', zotero_key: 'groups/4242/CONFNOAB' });
		expect(lines[2]).toMatchObject({ published: '2024-01', authors: ['Ada Quill', 'Ben Rowe'] });
		const corpus = await loadCorpus(folder);
		expect(corpus.papers.map((paper) => paper.id)).toEqual(expect.arrayContaining(['doi:10.5555/spike.2024', '2401.00001']));
		const card = buildPaperCard(getPaper(buildSearchIndex(corpus.papers), 'doi:10.5555/spike.2024')!);
		expect(JSON.stringify(card)).toContain('No abstract is known');
	});

	it('after the first sync asks only for what changed since its version, and takes out deleted and trashed items', async () => {
		const zotero = await standIn();
		zotero.put(articleItem('KEEPSAME'), articleItem('CHANGEME'), articleItem('TRASHME1'), articleItem('DELETEME'));
		const folder = await corpusFolder();
		const first = await syncInto(zotero, folder, null);
		expect(first).toMatchObject({ added: 4, papers: 4 });

		zotero.put(articleItem('CHANGEME', { title: 'A better title' }), articleItem('NEWONE01'));
		zotero.trash('TRASHME1');
		zotero.remove('DELETEME');
		zotero.received.length = 0;
		const second = await syncInto(zotero, folder, { version: first.version, collections: [] });
		expect(second).toMatchObject({ added: 1, updated: 1, removed: 2, skipped: 0, version: zotero.version, papers: 3, full: false });
		const items = zotero.received.find((request) => request.path.endsWith('/items'));
		expect(items?.query.get('since')).toBe(String(first.version));
		expect(items?.query.get('includeTrashed')).toBe('1');
		expect(zotero.received.find((request) => request.path.endsWith('/deleted'))?.query.get('since')).toBe(String(first.version));
		expect((await syncedLines(folder)).map((line) => [line.zotero_key, line.title])).toEqual([
			['groups/4242/CHANGEME', 'A better title'],
			['groups/4242/KEEPSAME', 'A study of keepsame'],
			['groups/4242/NEWONE01', 'A study of newone01'],
		]);

		const file = join(folder, 'zotero.jsonl');
		const before = (await stat(file)).mtimeMs;
		const third = await syncInto(zotero, folder, { version: second.version, collections: [] });
		expect(third).toMatchObject({ added: 0, updated: 0, removed: 0, skipped: 0, written: false, papers: 3 });
		expect((await stat(file)).mtimeMs).toBe(before);
	});

	it('reads only the collections named, by name or by key, and names a collection the library does not have', async () => {
		const zotero = await standIn();
		zotero.addCollection('COLL0001', 'Reading group');
		zotero.addCollection('COLL0002', 'Lab papers');
		zotero.addCollection('COLL0003', 'Someday');
		zotero.put(
			articleItem('INREADNG', { collections: ['COLL0001'] }),
			articleItem('INLABPAP', { collections: ['COLL0002', 'COLL0003'] }),
			articleItem('SOMEDAY1', { collections: ['COLL0003'] }),
			articleItem('NOWHERE1'),
		);
		const folder = await corpusFolder();
		const result = await syncInto(zotero, folder, null, ['reading group', 'COLL0002']);
		expect(result).toMatchObject({ added: 2, papers: 2 });
		expect((await syncedLines(folder)).map((line) => line.zotero_key)).toEqual(['groups/4242/INLABPAP', 'groups/4242/INREADNG']);

		const unknown = await syncInto(zotero, folder, null, ['Reading grop']).catch((error: unknown) => error);
		expect((unknown as Error).message).toBe(
			'Zotero library groups/4242 has no collection "Reading grop" (ZOTERO_COLLECTIONS); its collections: "Reading group", "Lab papers", "Someday".',
		);
	});

	it('reads the whole library again when the collections read change', async () => {
		const zotero = await standIn();
		zotero.addCollection('COLL0001', 'Reading group');
		zotero.put(articleItem('INREADNG', { collections: ['COLL0001'] }), articleItem('NOWHERE1'));
		const folder = await corpusFolder();
		const first = await syncInto(zotero, folder, null, ['Reading group']);
		const second = await syncInto(zotero, folder, { version: first.version, collections: ['Reading group'] }, []);
		expect(second).toMatchObject({ full: true, added: 1, papers: 2 });
	});

	it('merges an item naming an arXiv id in Extra with the shipped arXiv paper: one card, with both links', async () => {
		const zotero = await standIn();
		zotero.put({
			key: 'HONG2023',
			data: {
				itemType: 'conferencePaper',
				title: 'Revisiting Data-Free Knowledge Distillation with Poisoned Teachers',
				creators: [
					{ creatorType: 'author', firstName: 'Junyuan', lastName: 'Hong' },
					{ creatorType: 'author', firstName: 'Yi', lastName: 'Zeng' },
				],
				proceedingsTitle: 'Proceedings of the 40th International Conference on Machine Learning',
				date: '2023-07-03',
				url: 'https://proceedings.mlr.press/v202/hong23a.html',
				extra: 'arXiv: 2306.02368',
			},
		});
		const folder = await corpusFolder(true);
		const shipped = (await loadCorpus('data')).papers.length;
		await syncInto(zotero, folder, null);
		const corpus = await loadCorpus(folder);
		expect(corpus.papers).toHaveLength(shipped);
		expect(corpus.papers.filter((paper) => paper.title?.startsWith('Revisiting Data-Free'))).toHaveLength(1);
		const paper = getPaper(buildSearchIndex(corpus.papers), 'zotero:groups/4242/HONG2023');
		expect(paper).toMatchObject({
			id: '2306.02368',
			zotero_key: 'groups/4242/HONG2023',
			url: 'https://proceedings.mlr.press/v202/hong23a.html',
		});
		const card = buildPaperCard(paper!);
		expect(card.url).toBe('https://arxiv.org/abs/2306.02368');
		expect(JSON.stringify(card.fields)).toContain('https://proceedings.mlr.press/v202/hong23a.html');
	});
});
