import { afterEach, describe, expect, it } from 'vitest';
import { authorTerm, fetchPapersByAuthors } from '../../src/arxiv/author-query.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { fetchArxivVersions } from '../../src/arxiv/versions.js';
import { apiFeedXml, startArxivStandIn } from './arxiv-stand-in.js';

let standIn: Awaited<ReturnType<typeof startArxivStandIn>> | undefined;
afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
});

describe('authorTerm', () => {
	it('asks for a full name as a phrase, and for a name of initials by its surname', () => {
		expect(authorTerm(['yi', 'zeng'])).toBe('au:"yi zeng"');
		expect(authorTerm(['y', 'zeng'])).toBe('au:zeng');
	});
});

describe('fetchPapersByAuthors', () => {
	it('ORs several authors in one request, newest first, with the version of each paper', async () => {
		standIn = await startArxivStandIn(() => ({
			body: apiFeedXml([
				{ id: '2602.05555', version: 2, title: 'T', authors: ['Yi Zeng'], categories: ['q-bio.NC'], published: '2026-02-27' },
			]),
		}));
		const names = [
			['yi', 'zeng'],
			['j', 'zhou'],
			['yi', 'zeng'],
		];
		const papers = await fetchPapersByAuthors(names, { apiUrl: standIn.apiUrl, queue: createRequestQueue(0), userAgent: 'paperbot-tests' });
		expect(papers.map((paper) => [paper.id, paper.version, paper.categories])).toEqual([['2602.05555', 2, ['q-bio.NC']]]);
		expect(standIn.received).toHaveLength(1);
		const url = new URL(`http://x/?search_query=${encodeURIComponent(standIn.received[0]!.searchQuery!)}`);
		expect(url.searchParams.get('search_query')).toBe('au:"yi zeng" OR au:zhou');
	});
});

describe('fetchArxivVersions', () => {
	it('reads the latest version, journal reference, DOI and a withdrawal of each id', async () => {
		standIn = await startArxivStandIn({ '2101.00001': { fixture: 'withdrawn.xml' } });
		const options = { apiUrl: standIn.apiUrl, queue: createRequestQueue(0), userAgent: 'paperbot-tests', batchSize: 100 };
		expect(await fetchArxivVersions(['2101.00001'], options)).toEqual([
			expect.objectContaining({ id: '2101.00001', version: 2, journal_ref: null, withdrawn: true }),
		]);
	});
});
