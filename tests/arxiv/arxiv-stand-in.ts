import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in answers for one `id_list`. */
export interface StandInAnswer {
	status?: number;
	/** A fixture file name under tests/fixtures/arxiv/, or the body itself. */
	fixture?: string;
	body?: string;
	/** Wait this long before answering. */
	delayMs?: number;
}

/** A request the stand-in received. */
export interface ReceivedRequest {
	idList: string | null;
	/** `search_query`, as an author query sends it. */
	searchQuery: string | null;
	maxResults: string | null;
	headers: IncomingHttpHeaders;
}

export const readFixture = (name: string) => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');

/**
 * An arXiv query API stand-in on 127.0.0.1 (random port), answering by the request's `id_list`
 * (or, for a function, by the whole request); unlisted id lists get the empty feed arXiv gives for unknown ids.
 */
export async function startArxivStandIn(answers: Record<string, StandInAnswer> | ((url: URL) => StandInAnswer | undefined)) {
	const received: ReceivedRequest[] = [];
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const idList = url.searchParams.get('id_list');
		received.push({
			idList,
			searchQuery: url.searchParams.get('search_query'),
			maxResults: url.searchParams.get('max_results'),
			headers: request.headers,
		});
		const listed = typeof answers === 'function' ? answers(url) : answers[idList ?? ''];
		const answer = listed ?? { fixture: 'unknown-id.xml' };
		const body = answer.fixture ? readFixture(answer.fixture) : (answer.body ?? '');
		setTimeout(() => {
			if (response.destroyed) return;
			response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
			response.end(body);
		}, answer.delayMs ?? 0);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		apiUrl: `http://127.0.0.1:${port}/api/query`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** One entry as arXiv's query API writes it. */
export interface ApiEntry {
	id: string;
	version?: number;
	title: string;
	authors: string[];
	abstract?: string;
	categories: string[];
	/** First version's submission date, YYYY-MM-DD. */
	published: string;
	comment?: string;
	journalRef?: string;
	doi?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An answer of arXiv's query API (Atom, as `export.arxiv.org/api/query` writes it) holding `entries`. */
export function apiFeedXml(entries: readonly ApiEntry[]): string {
	const items = entries.map((entry) => {
		const versioned = `${entry.id}v${entry.version ?? 1}`;
		return [
			'  <entry>',
			`    <id>http://arxiv.org/abs/${versioned}</id>`,
			`    <updated>${entry.published}T10:00:00Z</updated>`,
			`    <published>${entry.published}T10:00:00Z</published>`,
			`    <title>${escapeXml(entry.title)}</title>`,
			`    <summary>${escapeXml(entry.abstract ?? `${entry.title}: what we found.`)}</summary>`,
			...entry.authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
			entry.comment ? `    <arxiv:comment>${escapeXml(entry.comment)}</arxiv:comment>` : '',
			entry.journalRef ? `    <arxiv:journal_ref>${escapeXml(entry.journalRef)}</arxiv:journal_ref>` : '',
			entry.doi ? `    <arxiv:doi>${escapeXml(entry.doi)}</arxiv:doi>` : '',
			`    <link href="http://arxiv.org/abs/${versioned}" rel="alternate" type="text/html"/>`,
			`    <arxiv:primary_category term="${entry.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>`,
			...entry.categories.map((category) => `    <category term="${category}" scheme="http://arxiv.org/schemas/atom"/>`),
			'  </entry>',
		]
			.filter(Boolean)
			.join('\n');
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">',
		'  <title type="html">ArXiv Query</title>',
		`  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
		...items,
		'</feed>',
		'',
	].join('\n');
}
