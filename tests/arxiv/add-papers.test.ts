import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPapers, arxivUserAgent, type AddPapersOptions } from '../../src/arxiv/add-papers.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { openLibrary } from '../../src/search/library.js';
import { createLogger } from '../../src/log.js';
import { getPaper, searchPapers } from '../../src/search/paper-index.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { createDoiLookup } from '../../src/library/doi-papers.js';
import { type ServiceStandIn, startCrossrefStandIn, startOpenAlexStandIn } from '../library/library-stand-ins.js';
import { startArxivStandIn, type StandInAnswer } from './arxiv-stand-in.js';

const SEED = {
	id: '2305.00054',
	title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
	authors: ['Hoang Anh Just'],
	abstract: 'Data valuation.',
};

let corpus: string;
let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;
let crossref: ServiceStandIn | undefined;
let openAlex: ServiceStandIn | undefined;

beforeEach(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-add-'));
	await writeFile(join(corpus, 'seed.jsonl'), `${JSON.stringify(SEED)}\n`);
});

afterEach(async () => {
	await Promise.all([standIn?.close(), crossref?.close(), openAlex?.close()]);
	standIn = crossref = openAlex = undefined;
	await rm(corpus, { recursive: true, force: true });
});

async function optionsFor(answers: Record<string, StandInAnswer>, timeoutMs?: number): Promise<AddPapersOptions> {
	standIn = await startArxivStandIn(answers);
	crossref = await startCrossrefStandIn({
		'10.3389/fncom.2015.00099': 'diehl-cook-2015.json',
		'10.1007/978-3-319-46448-0_2': 'liu-ssd-2016.json',
	});
	openAlex = await startOpenAlexStandIn({});
	const library = await openLibrary(corpus, createLogger('silent'));
	return {
		corpusPath: corpus,
		library,
		arxiv: { apiUrl: standIn.apiUrl, userAgent: 'paperbot-tests/0.1', queue: createRequestQueue(0), ...(timeoutMs ? { timeoutMs } : {}) },
		lookUpDois: createDoiLookup({ version: '0.1.0', crossrefUrl: crossref.apiUrl, openAlexUrl: openAlex.apiUrl }),
	};
}

const addedFile = () => join(corpus, 'added.jsonl');
const addedText = () => readFile(addedFile(), 'utf8').catch(() => null);

describe('addPapers', () => {
	it('fetches a paper, appends it to added.jsonl and makes it searchable at once', async () => {
		const options = await optionsFor({ 'hep-th/9711200': { fixture: 'several-papers.xml' } });
		const result = await addPapers(['https://arxiv.org/abs/hep-th/9711200v3'], options);
		expect(result.added.map((paper) => paper.id)).toEqual(['hep-th/9711200']);
		expect(result.present).toEqual([]);
		expect(result.failed).toEqual([]);
		const lines = (await addedText())!.trim().split('\n');
		expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['hep-th/9711200']);
		const found = searchPapers(options.library.current(), 'large N limit superconformal').map((hit) => hit.paper.id);
		expect(found[0]).toBe('hep-th/9711200');
	});

	it('adds a paper the feed described without asking arXiv, and asks arXiv only for the rest', async () => {
		const options = await optionsFor({ 'hep-th/9711200': { fixture: 'several-papers.xml' } });
		const fromFeed = paperSchema.parse({
			...SEED,
			id: '2603.01002',
			title: 'Detecting Poisoned Teachers in Data-Free Knowledge Distillation',
			abstract: 'Poisoned teachers.',
			authors: ['Jiayu Zhou'],
			categories: ['cs.LG'],
			published: '2026-03-02',
		});
		const result = await addPapers(['2603.01002', 'hep-th/9711200'], {
			...options,
			knownPaper: (id) => (id === fromFeed.id ? fromFeed : null),
		});
		expect(result.added.map((paper) => paper.id)).toEqual(['2603.01002', 'hep-th/9711200']);
		expect(standIn!.received.map((request) => request.idList)).toEqual(['hep-th/9711200']);
		expect(searchPapers(options.library.current(), 'detecting poisoned teachers')[0]?.paper.id).toBe('2603.01002');
	});

	it('adds several ids in one request and keeps the order asked', async () => {
		const options = await optionsFor({ '2305.14174,hep-th/9711200': { fixture: 'several-papers.xml' } });
		const result = await addPapers(['2305.14174', 'hep-th/9711200'], options);
		expect(result.added.map((paper) => paper.id)).toEqual(['2305.14174', 'hep-th/9711200']);
		expect(standIn!.received).toHaveLength(1);
		expect(getPaper(options.library.current(), '2305.14174')?.title).toBe(result.added[0]!.title);
	});

	it('reports ids already in the corpus without asking arXiv about them', async () => {
		const options = await optionsFor({});
		const result = await addPapers(['arXiv:2305.00054v2', '2305.00054'], options);
		expect(result).toEqual({ added: [], present: ['2305.00054'], failed: [] });
		expect(standIn!.received).toEqual([]);
		expect(await addedText()).toBeNull();
	});

	it('refuses text that is no arXiv id or DOI before any request, and still adds the good ids', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const result = await addPapers(['attention is all you need', '2306.02368'], options);
		expect(result.failed).toEqual([
			{
				id: 'attention is all you need',
				code: 'bad-id',
				reason:
					'"attention is all you need" is not an arXiv id or a DOI (expected e.g. 2305.00054, https://arxiv.org/abs/2305.00054 or 10.1145/3292500.3330701).',
			},
		]);
		expect(result.added.map((paper) => paper.id)).toEqual(['2306.02368']);
		expect(standIn!.received.map((request) => request.idList)).toEqual(['2306.02368']);
	});

	it.each([
		['an unknown id', '2305.99999', { fixture: 'unknown-id.xml' }, 'unknown-id', 'arXiv has no paper with id 2305.99999.'],
		[
			'a withdrawn paper',
			'2101.00001',
			{ fixture: 'withdrawn.xml' },
			'withdrawn',
			'arXiv paper 2101.00001 has been withdrawn by its authors.',
		],
		[
			'an entry missing its title',
			'2305.11484',
			{ fixture: 'missing-title.xml' },
			'incomplete-entry',
			"arXiv's entry for 2305.11484 is missing its title.",
		],
		[
			'arXiv answering 503',
			'2306.02368',
			{ status: 503, body: 'Service Unavailable' },
			'http-status',
			'arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.',
		],
		[
			'a feed that is not well-formed XML',
			'2306.02368',
			{ fixture: 'malformed.xml' },
			'malformed-feed',
			"arXiv's answer is not well-formed XML (it ends inside <summary>).",
		],
	] as const)('reports %s with its reason and leaves the corpus file unchanged', async (_case, id, answer, code, reason) => {
		await writeFile(addedFile(), '');
		const options = await optionsFor({ [id]: answer });
		const result = await addPapers([id], options);
		expect(result).toEqual({ added: [], present: [], failed: [{ id, code, reason }] });
		expect(await addedText()).toBe('');
	});

	it('reports a timeout and leaves the corpus file unchanged', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml', delayMs: 1_000 } }, 100);
		const result = await addPapers(['2306.02368'], options);
		expect(result.failed).toEqual([{ id: '2306.02368', code: 'timeout', reason: 'arXiv did not answer within 0.1 s.' }]);
		expect(await addedText()).toBeNull();
	});

	it('lands both papers when two adds run at once', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' }, 'hep-th/9711200': { fixture: 'several-papers.xml' } });
		await Promise.all([addPapers(['2306.02368'], options), addPapers(['hep-th/9711200'], options)]);
		const ids = (await addedText())!
			.trim()
			.split('\n')
			.map((line) => (JSON.parse(line) as { id: string }).id);
		expect(ids.sort()).toEqual(['2306.02368', 'hep-th/9711200']);
		expect(getPaper(options.library.current(), '2306.02368')).not.toBeNull();
		expect(getPaper(options.library.current(), 'hep-th/9711200')).not.toBeNull();
	});

	it('counts a paper someone else appended meanwhile as present, not as added twice', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const [first, second] = await Promise.all([addPapers(['2306.02368'], options), addPapers(['2306.02368'], options)]);
		expect([first.added.length, second.added.length].sort()).toEqual([0, 1]);
		expect([...first.present, ...second.present]).toEqual(['2306.02368']);
		expect((await addedText())!.trim().split('\n')).toHaveLength(1);
	});

	it('adds beside a single-file corpus, and the reloaded corpus reads it', async () => {
		const file = join(corpus, 'seed.jsonl');
		const options = { ...(await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } })), corpusPath: file };
		options.library = await openLibrary(file, createLogger('silent'));
		const result = await addPapers(['2306.02368'], options);
		expect(result.added.map((paper) => paper.id)).toEqual(['2306.02368']);
		expect((await stat(addedFile())).isFile()).toBe(true);
		expect(getPaper(options.library.current(), '2306.02368')).not.toBeNull();
	});
});

describe('addPapers by DOI', () => {
	it('adds a paper by DOI or doi.org link beside an arXiv id, to added.jsonl, searchable at once', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const result = await addPapers(['https://doi.org/10.3389/FNCOM.2015.00099', '2306.02368', '10.1007/978-3-319-46448-0_2'], options);
		expect(result.failed).toEqual([]);
		expect(result.added.map((paper) => [paper.id, paper.abstract === null])).toEqual([
			['2306.02368', false],
			['doi:10.3389/fncom.2015.00099', false],
			['doi:10.1007/978-3-319-46448-0_2', true],
		]);
		const lines = (await addedText())!.trim().split('\n');
		expect(lines.map((line) => paperSchema.parse(JSON.parse(line)).id)).toEqual([
			'2306.02368',
			'doi:10.3389/fncom.2015.00099',
			'doi:10.1007/978-3-319-46448-0_2',
		]);
		const index = options.library.current();
		expect(searchPapers(index, 'digit recognition spike timing dependent plasticity')[0]?.paper.id).toBe('doi:10.3389/fncom.2015.00099');
		expect(searchPapers(index, 'single shot multibox detector')[0]?.paper.id).toBe('doi:10.1007/978-3-319-46448-0_2');
	});

	it('answers a DOI already in the corpus, in any spelling, without asking Crossref', async () => {
		const options = await optionsFor({});
		await addPapers(['10.3389/fncom.2015.00099'], options);
		const asked = crossref!.received.length;
		const result = await addPapers(['doi:10.3389/FNCOM.2015.00099', 'https://dx.doi.org/10.3389%2Ffncom.2015.00099'], options);
		expect(result).toEqual({ added: [], present: ['doi:10.3389/fncom.2015.00099'], failed: [] });
		expect(crossref!.received).toHaveLength(asked);
	});

	it("takes arXiv's own DOI as the arXiv id, asking arXiv and not Crossref", async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const result = await addPapers(['10.48550/arXiv.2306.02368', 'https://doi.org/10.48550/arXiv.2305.00054'], options);
		expect(result.added.map((paper) => paper.id)).toEqual(['2306.02368']);
		expect(result.present).toEqual(['2305.00054']);
		expect(crossref!.received).toEqual([]);
	});

	it('reports a DOI Crossref does not know, and leaves added.jsonl unchanged', async () => {
		const options = await optionsFor({});
		expect(await addPapers(['10.1234/abc'], options)).toEqual({
			added: [],
			present: [],
			failed: [{ id: 'doi:10.1234/abc', code: 'unknown-id', reason: 'Crossref has no record of 10.1234/abc.' }],
		});
		expect(await addedText()).toBeNull();
	});

	it('counts a published version whose arXiv preprint is in the corpus as present, and writes nothing', async () => {
		const options = await optionsFor({});
		const record = JSON.parse(await readFile(new URL('../fixtures/crossref/akiba-optuna-2019.json', import.meta.url), 'utf8'));
		record.message.relation = { 'has-preprint': [{ 'id-type': 'doi', id: '10.48550/arXiv.2305.00054', 'asserted-by': 'subject' }] };
		await crossref!.close();
		crossref = await startCrossrefStandIn({ '10.1145/3292500.3330701': [{ body: JSON.stringify(record) }] });
		const lookUpDois = createDoiLookup({ version: '0.1.0', crossrefUrl: crossref.apiUrl, openAlexUrl: openAlex!.apiUrl });
		expect(await addPapers(['10.1145/3292500.3330701'], { ...options, lookUpDois })).toEqual({
			added: [],
			present: ['2305.00054'],
			failed: [],
		});
		expect(await addedText()).toBeNull();
	});

	it('refuses a key from a source, which names no paper to fetch', async () => {
		const options = await optionsFor({});
		expect((await addPapers(['bib:hong2023'], options)).failed).toEqual([
			{
				id: 'bib:hong2023',
				code: 'bad-id',
				reason:
					'"bib:hong2023" is not an arXiv id or a DOI (expected e.g. 2305.00054, https://arxiv.org/abs/2305.00054 or 10.1145/3292500.3330701).',
			},
		]);
	});
});

describe('arxivUserAgent', () => {
	it('names paperbot and its version', () => {
		expect(arxivUserAgent('1.2.3')).toMatch(/^paperbot\/1\.2\.3 \(.+\)$/);
	});
});
