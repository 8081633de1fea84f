import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of a stand-in: a status, headers, and a body (a fixture's text, or any text). */
export interface ServiceAnswer {
	status?: number;
	headers?: Record<string, string>;
	body?: string;
}

/** A request a stand-in received, as it arrived. */
export interface ServiceRequest {
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

/** What a stand-in gives for one work: a fixture's body, or answers given in turn (the last one again after that). */
export type WorkAnswers = string | readonly (string | ServiceAnswer)[];

export const readFixture = (folder: string, name: string) =>
	readFileSync(new URL(`../fixtures/${folder}/${name}`, import.meta.url), 'utf8');

/**
 * A JSON service on 127.0.0.1 (random port) answering `GET <prefix><work>` from a table of works:
 * a work's fixture (under tests/fixtures/<folder>/), or its answers in turn; an unlisted work gets
 * `notFound`. It records every request and the most requests it ever had in flight at once.
 */
export async function startServiceStandIn(folder: string, prefix: string, works: Record<string, WorkAnswers>, notFound: ServiceAnswer) {
	const received: ServiceRequest[] = [];
	const asked = new Map<string, number>();
	let inFlight = 0;
	let mostInFlight = 0;
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		received.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
		inFlight++;
		mostInFlight = Math.max(mostInFlight, inFlight);
		const work = decodeURIComponent(url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '').toLowerCase();
		const listed = works[work];
		const turn = asked.get(work) ?? 0;
		asked.set(work, turn + 1);
		const next = listed === undefined ? notFound : typeof listed === 'string' ? listed : listed[Math.min(turn, listed.length - 1)]!;
		const answer: ServiceAnswer = typeof next === 'string' ? { body: readFixture(folder, next) } : next;
		// Answered a little later, so a second request sent meanwhile would be seen in flight.
		setTimeout(() => {
			inFlight--;
			if (response.destroyed) return;
			response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
			response.end(answer.body ?? '');
		}, 20);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		apiUrl: `http://127.0.0.1:${port}`,
		received,
		mostInFlight: () => mostInFlight,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type ServiceStandIn = Awaited<ReturnType<typeof startServiceStandIn>>;

/**
 * Crossref's REST API (`GET /works/<DOI url-encoded>`), answering from tests/fixtures/crossref/ by
 * lower-case DOI; a DOI it does not list gets Crossref's 404, a plain-text "Resource not found.".
 */
export const startCrossrefStandIn = (works: Record<string, WorkAnswers>) =>
	startServiceStandIn('crossref', '/works/', works, {
		status: 404,
		headers: { 'Content-Type': 'text/plain' },
		body: 'Resource not found.',
	});

/**
 * OpenAlex's API (`GET /works/doi:<DOI>`), answering from tests/fixtures/openalex/ by lower-case
 * DOI; a DOI it does not list gets OpenAlex's 404.
 */
export const startOpenAlexStandIn = (works: Record<string, WorkAnswers>) =>
	startServiceStandIn('openalex', '/works/doi:', works, {
		status: 404,
		body: JSON.stringify({ error: '404 Not Found', message: 'The requested URL was not found on the server.' }),
	});
