import { afterEach, describe, expect, it } from 'vitest';
import { paperSchema, type PaperRecord } from '../../src/corpus/paper.js';
import { LibraryError } from '../../src/library/http.js';
import { createOpenAlexCitations, IDS_PER_REQUEST } from '../../src/library/openalex-citations.js';
import { startOpenAlexStandIn, type OpenAlexStandIn, type StandInWork } from './openalex-stand-in.js';

const paper = (record: PaperRecord) => paperSchema.parse(record);
const KEY = 'secret-openalex-key-123';

let standIn: OpenAlexStandIn | null = null;
afterEach(async () => {
	await standIn?.close();
	standIn = null;
});

async function clientOver(works: StandInWork[], options: { pageSize?: number } = {}) {
	standIn = await startOpenAlexStandIn(works, options);
	const waits: number[] = [];
	const client = createOpenAlexCitations({
		apiUrl: standIn.apiUrl,
		mailto: 'lab@example.org',
		apiKey: KEY,
		userAgent: 'paperbot-tests/0.1',
		sleep: async (ms) => {
			waits.push(ms);
		},
	});
	return { client, standIn, waits };
}

const LAB_WORKS: StandInWork[] = [
	{ id: 'W10', doi: '10.1000/jnl.2023.7', title: 'Published Lab Paper', publication_date: '2023-05-01', authors: ['Ines Quarzwald'] },
	{ id: 'W11', doi: '10.48550/arxiv.2305.00054', title: 'Preprint Lab Paper', publication_date: '2023-04-28', authors: ['Ines Quarzwald'] },
	{ id: 'W12', title: 'Spiking Networks, Revisited: A Study', publication_date: '2022-01-01', authors: ['Ines Quarzwald'] },
	{ id: 'W13', title: 'Spiking Networks Revisited Again', publication_date: '2022-02-01', authors: ['Someone Else'] },
];

describe('findWork', () => {
	it('finds a lab paper by its DOI, by its arXiv DOI, by its exact title, or not at all', async () => {
		const { client, standIn } = await clientOver(LAB_WORKS);
		expect(await client.findWork(paper({ id: 'doi:10.1000/jnl.2023.7', title: 'Published Lab Paper' }))).toEqual({
			openalexId: 'W10',
			foundBy: 'doi',
		});
		expect(await client.findWork(paper({ id: '2305.00054', title: 'Preprint Lab Paper' }))).toEqual({
			openalexId: 'W11',
			foundBy: 'arxiv_doi',
		});
		expect(await client.findWork(paper({ id: 'bib:q22', title: 'Spiking networks, revisited: a study' }))).toEqual({
			openalexId: 'W12',
			foundBy: 'title',
		});
		expect(await client.findWork(paper({ id: 'bib:q21', title: 'Spiking Networks Revisited' }))).toBeNull();
		// Single works by DOI; the title through a search filter whose value cannot break the filter syntax.
		expect(standIn.received.map((request) => request.path)).toEqual([
			'/works/doi:10.1000/jnl.2023.7',
			'/works/doi:10.48550/arxiv.2305.00054',
			'/works',
			'/works',
		]);
		expect(standIn.received[2]!.query.filter).toBe('title.search:Spiking networks revisited a study');
		for (const request of standIn.received) expect(request.query).toMatchObject({ mailto: 'lab@example.org', api_key: KEY });
	});
});

describe('citingWorks', () => {
	const citing = (id: string, references: string[], date = '2026-11-01'): StandInWork => ({
		id,
		doi: `10.2000/${id.toLowerCase()}`,
		title: `Work ${id}`,
		publication_date: date,
		authors: ['Ann Author', 'Bo Author'],
		venue: 'Journal of Tests',
		references,
	});

	it('asks about many lab papers in one filter, reads every page, and names which of them each work cites', async () => {
		const works = [citing('W1', ['W10', 'W11', 'W99']), citing('W2', ['W11']), citing('W3', ['W12']), citing('W4', ['W10'], '2020-01-01')];
		const { client, standIn } = await clientOver(works, { pageSize: 2 });
		const found = await client.citingWorks(['W10', 'W11', 'W12'], '2026-01-01');
		expect(found.map((work) => [work.id, work.cites])).toEqual([
			['W1', ['W10', 'W11']],
			['W2', ['W11']],
			['W3', ['W12']],
		]);
		expect(found[0]).toEqual({
			id: 'W1',
			title: 'Work W1',
			authors: ['Ann Author', 'Bo Author'],
			venue: 'Journal of Tests',
			published: '2026-11-01',
			doi: '10.2000/w1',
			cites: ['W10', 'W11'],
		});
		// Two full pages, then the empty page whose next_cursor is null.
		expect(standIn.received.map((request) => request.query.cursor)).toEqual(['*', expect.any(String), expect.any(String)]);
		expect(standIn.received[0]!.query.filter).toBe('cites:W10|W11|W12,from_publication_date:2026-01-01');
	});

	it(`splits more than ${IDS_PER_REQUEST} lab papers over requests, merging a work listed twice`, async () => {
		const ids = Array.from({ length: IDS_PER_REQUEST + 5 }, (_, n) => `W${1000 + n}`);
		const { client, standIn } = await clientOver([citing('W1', [ids[0]!, ids.at(-1)!])]);
		const found = await client.citingWorks(ids, null);
		expect(found.map((work) => [work.id, work.cites])).toEqual([['W1', [ids[0], ids.at(-1)]]]);
		expect(
			standIn.received.filter((request) => request.status === 200).map((request) => (request.query.filter ?? '').split('|').length),
		).toEqual([IDS_PER_REQUEST, IDS_PER_REQUEST, 5, 5]);
	});

	it('waits as a 429 with Retry-After asks, then asks again', async () => {
		const { client, standIn, waits } = await clientOver([citing('W1', ['W10'])]);
		standIn.rateLimit(7);
		const found = await client.citingWorks(['W10'], null);
		expect(found.map((work) => work.id)).toEqual(['W1']);
		expect(waits).toEqual([7000]);
		expect(standIn.received.map((request) => request.status)).toEqual([429, 200, 200]);
	});

	it('waits and asks again after the 403 OpenAlex gives a client going too fast', async () => {
		const { client, standIn, waits } = await clientOver([citing('W1', ['W10'])]);
		standIn.rateLimit(2, 1, 403);
		expect((await client.citingWorks(['W10'], null)).map((work) => work.id)).toEqual(['W1']);
		expect(waits).toEqual([2000]);
	});

	it('gives up with a LibraryError naming OpenAlex, never its key, when it keeps refusing', async () => {
		const { client, standIn } = await clientOver([]);
		standIn.rateLimit(1, 4);
		const error = await client.citingWorks(['W10'], null).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(LibraryError);
		expect((error as Error).message).toBe('OpenAlex answered HTTP 429; it asks for fewer requests, so try again later.');
		expect((error as Error).message).not.toContain(KEY);
		expect(standIn.received.map((request) => request.status)).toEqual([429, 429, 429, 429]);
	});
});
