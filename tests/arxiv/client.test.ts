import { afterEach, describe, expect, it } from 'vitest';
import { fetchArxivPapers, type FetchArxivOptions } from '../../src/arxiv/client.js';
import { ArxivError } from '../../src/arxiv/error.js';
import type { Paper } from '../../src/corpus/paper.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { arxivErrorOf } from './arxiv-error.js';
import { startArxivStandIn, type StandInAnswer } from './arxiv-stand-in.js';

const USER_AGENT = 'paperbot-tests/0.1 (+mailto:lab@example.org)';

let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;

afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
});

async function optionsFor(answers: Record<string, StandInAnswer>, extra: Partial<FetchArxivOptions> = {}): Promise<FetchArxivOptions> {
	standIn = await startArxivStandIn(answers);
	return { apiUrl: standIn.apiUrl, userAgent: USER_AGENT, queue: createRequestQueue(0), ...extra };
}

/** One paper, or the failure `fetchArxivPapers` reports for it, thrown as the ArxivError it describes. */
async function fetchOne(text: string, options: FetchArxivOptions): Promise<Paper> {
	const { papers, missing } = await fetchArxivPapers([text], options);
	if (papers[0]) return papers[0];
	throw new ArxivError(missing[0]!.code, missing[0]!.reason);
}

describe('fetchArxivPapers', () => {
	it('asks for all ids in one request with id_list, max_results and the User-Agent', async () => {
		const options = await optionsFor({ '2305.00054,hep-th/9711200,2305.14174': { fixture: 'several-papers.xml' } });
		const { papers, missing } = await fetchArxivPapers(
			['https://arxiv.org/abs/2305.00054v1', 'arXiv:hep-th/9711200', '2305.14174'],
			options,
		);
		expect(papers.map((paper) => paper.id)).toEqual(['2305.00054', 'hep-th/9711200', '2305.14174']);
		expect(missing).toEqual([]);
		expect(standIn!.received).toHaveLength(1);
		expect(standIn!.received[0]).toMatchObject({ idList: '2305.00054,hep-th/9711200,2305.14174', maxResults: '3' });
		expect(standIn!.received[0]!.headers['user-agent']).toBe(USER_AGENT);
	});

	it('returns papers in the order asked, not the order arXiv answered', async () => {
		const options = await optionsFor({ '2305.14174,2305.00054,hep-th/9711200': { fixture: 'several-papers.xml' } });
		const { papers } = await fetchArxivPapers(['2305.14174', '2305.00054', 'hep-th/9711200'], options);
		expect(papers.map((paper) => paper.id)).toEqual(['2305.14174', '2305.00054', 'hep-th/9711200']);
	});

	it('reports an id that arXiv does not return as unknown, beside the papers it did return', async () => {
		const options = await optionsFor({ '2306.02368,2305.99999': { fixture: 'one-paper.xml' } });
		const { papers, missing } = await fetchArxivPapers(['2306.02368', '2305.99999'], options);
		expect(papers.map((paper) => paper.id)).toEqual(['2306.02368']);
		expect(missing).toEqual([{ id: '2305.99999', code: 'unknown-id', reason: 'arXiv has no paper with id 2305.99999.' }]);
	});

	it('asks for each id once however often it is given', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const { papers } = await fetchArxivPapers(['2306.02368', 'arXiv:2306.02368v2', 'https://arxiv.org/pdf/2306.02368'], options);
		expect(papers).toHaveLength(1);
		expect(standIn!.received[0]!.idList).toBe('2306.02368');
	});

	it('splits long lists into batches and reports progress after each', async () => {
		const options = await optionsFor(
			{ '2305.00054,hep-th/9711200': { fixture: 'several-papers.xml' }, '2305.14174': { fixture: 'several-papers.xml' } },
			{ batchSize: 2 },
		);
		const progress: string[] = [];
		const { papers } = await fetchArxivPapers(['2305.00054', 'hep-th/9711200', '2305.14174'], {
			...options,
			onProgress: (done, total) => progress.push(`${done}/${total}`),
		});
		expect(standIn!.received.map((request) => request.idList)).toEqual(['2305.00054,hep-th/9711200', '2305.14174']);
		expect(papers.map((paper) => paper.id)).toEqual(['2305.00054', 'hep-th/9711200', '2305.14174']);
		expect(progress).toEqual(['2/3', '3/3']);
	});

	it('refuses ids in a bad form before any request, naming them', async () => {
		const options = await optionsFor({});
		const error = await arxivErrorOf(fetchArxivPapers(['2305.00054', 'not-an-id', 'https://example.org/paper'], options));
		expect(error.code).toBe('bad-id');
		expect(error.message).toBe('"not-an-id", "https://example.org/paper" are not arXiv ids or links.');
		expect(standIn!.received).toEqual([]);
	});

	it('makes no request for an empty list', async () => {
		const options = await optionsFor({});
		expect(await fetchArxivPapers([], options)).toEqual({ papers: [], missing: [] });
		expect(standIn!.received).toEqual([]);
	});

	it('stops after a failed request and reports its ids and all later ones with that reason', async () => {
		const options = await optionsFor(
			{ '2305.00054': { fixture: 'several-papers.xml' }, 'hep-th/9711200': { status: 503, body: 'Service Unavailable' } },
			{ batchSize: 1 },
		);
		const { papers, missing } = await fetchArxivPapers(['2305.00054', 'hep-th/9711200', '2305.14174'], options);
		expect(papers.map((paper) => paper.id)).toEqual(['2305.00054']);
		const reason = 'arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.';
		expect(missing).toEqual([
			{ id: 'hep-th/9711200', code: 'http-status', reason },
			{ id: '2305.14174', code: 'http-status', reason },
		]);
		expect(standIn!.received).toHaveLength(2);
	});

	it('spaces requests by the queue interval across concurrent calls and drops none', async () => {
		const intervalMs = 150;
		const requestStarts: number[] = [];
		const timedFetch: typeof fetch = (input, init) => {
			requestStarts.push(performance.now());
			return fetch(input, init);
		};
		const options = await optionsFor(
			{ '2306.02368': { fixture: 'one-paper.xml' }, '2305.00054': { fixture: 'several-papers.xml' } },
			{ queue: createRequestQueue(intervalMs), fetch: timedFetch },
		);
		const results = await Promise.all([
			fetchArxivPapers(['2306.02368'], options),
			fetchArxivPapers(['2305.00054'], options),
			fetchArxivPapers(['2306.02368'], options),
		]);
		expect(results.map(({ papers }) => papers[0]?.id)).toEqual(['2306.02368', '2305.00054', '2306.02368']);
		expect(standIn!.received.map((request) => request.idList)).toEqual(['2306.02368', '2305.00054', '2306.02368']);
		expect(requestStarts[1]! - requestStarts[0]!).toBeGreaterThanOrEqual(intervalMs);
		expect(requestStarts[2]! - requestStarts[1]!).toBeGreaterThanOrEqual(intervalMs);
	});
});

describe('fetchArxivPapers for one paper', () => {
	it('returns the paper for an id given as a versioned link', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml' } });
		const paper = await fetchOne('https://arxiv.org/abs/2306.02368v1', options);
		expect(paper.id).toBe('2306.02368');
		expect(paper.title).toBe('Revisiting Data-Free Knowledge Distillation with Poisoned Teachers');
	});

	it('throws unknown-id for the empty feed arXiv gives for an unknown id', async () => {
		const options = await optionsFor({ '2305.99999': { fixture: 'unknown-id.xml' } });
		const error = await arxivErrorOf(fetchOne('2305.99999', options));
		expect([error.code, error.message]).toEqual(['unknown-id', 'arXiv has no paper with id 2305.99999.']);
	});

	it("throws api-error with arXiv's own words for an error entry", async () => {
		const options = await optionsFor({ '1234.56789': { fixture: 'error-entry.xml' } });
		const error = await arxivErrorOf(fetchOne('1234.56789', options));
		expect([error.code, error.message]).toEqual(['api-error', 'arXiv refused 1234.56789: incorrect id format for 1234.56789.']);
	});

	it('throws withdrawn for a withdrawn paper', async () => {
		const options = await optionsFor({ '2101.00001': { fixture: 'withdrawn.xml' } });
		const error = await arxivErrorOf(fetchOne('2101.00001', options));
		expect([error.code, error.message]).toEqual(['withdrawn', 'arXiv paper 2101.00001 has been withdrawn by its authors.']);
	});

	it('throws incomplete-entry for an entry missing its title', async () => {
		const options = await optionsFor({ '2305.11484': { fixture: 'missing-title.xml' } });
		const error = await arxivErrorOf(fetchOne('2305.11484', options));
		expect([error.code, error.message]).toEqual(['incomplete-entry', "arXiv's entry for 2305.11484 is missing its title."]);
	});

	it('throws bad-id for text that is not an arXiv id', async () => {
		const options = await optionsFor({});
		const error = await arxivErrorOf(fetchOne('attention is all you need', options));
		expect(error.code).toBe('bad-id');
		expect(error.message).toBe(
			'"attention is all you need" is not an arXiv id or link (expected e.g. 2305.00054 or https://arxiv.org/abs/2305.00054).',
		);
		expect(standIn!.received).toEqual([]);
	});

	it('throws http-status when arXiv answers 503', async () => {
		const options = await optionsFor({ '2306.02368': { status: 503, body: 'Service Unavailable' } });
		const error = await arxivErrorOf(fetchOne('2306.02368', options));
		expect([error.code, error.message]).toEqual([
			'http-status',
			'arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.',
		]);
	});

	it('throws timeout when arXiv answers after the timeout', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'one-paper.xml', delayMs: 2_000 } }, { timeoutMs: 200 });
		const started = performance.now();
		const error = await arxivErrorOf(fetchOne('2306.02368', options));
		expect([error.code, error.message]).toEqual(['timeout', 'arXiv did not answer within 0.2 s.']);
		expect(performance.now() - started).toBeLessThan(1_500);
	});

	it('throws malformed-feed when the answer is cut off mid-feed', async () => {
		const options = await optionsFor({ '2306.02368': { fixture: 'malformed.xml' } });
		const error = await arxivErrorOf(fetchOne('2306.02368', options));
		expect([error.code, error.message]).toEqual(['malformed-feed', "arXiv's answer is not well-formed XML (it ends inside <summary>)."]);
	});

	it('throws network when nothing listens at the API address', async () => {
		const options = await optionsFor({});
		await standIn!.close();
		const error = await arxivErrorOf(fetchOne('2306.02368', options));
		standIn = undefined;
		expect([error.code, error.message]).toEqual([
			'network',
			`arXiv could not be reached: nothing answers at ${new URL(options.apiUrl).host} (connection refused); check ARXIV_API_URL (${options.apiUrl}).`,
		]);
	});

	it('names a port fetch refuses to use instead of saying only that fetch failed', async () => {
		const error = await arxivErrorOf(
			fetchOne('2306.02368', { apiUrl: 'http://127.0.0.1:9/api/query', userAgent: USER_AGENT, queue: createRequestQueue(0) }),
		);
		expect([error.code, error.message]).toEqual([
			'network',
			'arXiv could not be reached: connecting to 127.0.0.1:9 failed (bad port); check ARXIV_API_URL (http://127.0.0.1:9/api/query).',
		]);
	});

	it('says to check ARXIV_API_URL when the address answers 404', async () => {
		const options = await optionsFor({ '2306.02368': { status: 404, body: 'Not Found' } });
		const error = await arxivErrorOf(fetchOne('2306.02368', options));
		expect([error.code, error.message]).toEqual([
			'http-status',
			`arXiv answered HTTP 404 Not Found instead of a feed; check ARXIV_API_URL (${options.apiUrl}).`,
		]);
	});
});
