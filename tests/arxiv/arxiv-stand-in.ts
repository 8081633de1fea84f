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
	maxResults: string | null;
	headers: IncomingHttpHeaders;
}

export const readFixture = (name: string) => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');

/**
 * An arXiv query API stand-in on 127.0.0.1 (random port), answering by the request's `id_list`;
 * unlisted id lists get the empty feed arXiv gives for unknown ids.
 */
export async function startArxivStandIn(answers: Record<string, StandInAnswer>) {
	const received: ReceivedRequest[] = [];
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const idList = url.searchParams.get('id_list');
		received.push({ idList, maxResults: url.searchParams.get('max_results'), headers: request.headers });
		const answer = answers[idList ?? ''] ?? { fixture: 'unknown-id.xml' };
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
