import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestArxiv, type ArxivRequestOptions } from '../../src/arxiv/request.js';
import { arxivErrorOf } from './arxiv-error.js';
import { announcementXml, startFeedStandIn, type FeedAnswer } from './feed-stand-in.js';

const OPTIONS: ArxivRequestOptions = { userAgent: 'paperbot-tests/0.1 (+mailto:lab@example.org)', urlSetting: 'ARXIV_FEED_URL' };
const FEED = announcementXml('cs.NE', '2026-03-02', [
	{ id: '2603.00001', title: 'Spiking nets für alle', creators: 'Ada Lovelace', abstract: 'Spikes.', categories: ['cs.NE'], type: 'new' },
]);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closers.splice(0)) await close();
});

/** The feed stand-in answering `cs.NE` with `answer`; its address for that feed, and what it received. */
async function feedAt(answer: FeedAnswer | FeedAnswer[]) {
	const standIn = await startFeedStandIn({ 'cs.NE': answer });
	closers.push(standIn.close);
	return { url: `${standIn.feedUrl}/cs.NE`, received: standIn.received };
}

/** A server on 127.0.0.1 that answers as `handle` says, for answers the stand-ins do not give (a cut-off body). */
async function serverAt(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
	const server = createServer(handle);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	closers.push(
		() =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/atom/cs.NE`;
}

describe('requestArxiv', () => {
	it('asks for Atom with the User-Agent and no If-None-Match on a first look, and gives the body and ETag', async () => {
		const { url, received } = await feedAt({ body: FEED, etag: 'W/"day-1"' });
		expect(await requestArxiv(url, OPTIONS)).toEqual({ notModified: false, body: FEED, etag: 'W/"day-1"' });
		expect(received[0]?.headers).toMatchObject({ 'user-agent': OPTIONS.userAgent, accept: 'application/atom+xml' });
		expect(received[0]?.headers).not.toHaveProperty('if-none-match');
	});

	it('gives a null ETag when the answer has none', async () => {
		const { url } = await feedAt({ body: FEED });
		expect((await requestArxiv(url, OPTIONS, '"old"')).etag).toBeNull();
	});

	it('says notModified, with an empty body and the ETag it sent, when arXiv answers 304 to If-None-Match', async () => {
		const { url, received } = await feedAt({ body: FEED, etag: '"day-1"' });
		expect(await requestArxiv(url, OPTIONS, '"day-1"')).toEqual({ notModified: true, body: '', etag: '"day-1"' });
		expect(received[0]?.headers['if-none-match']).toBe('"day-1"');
	});

	it('gives the new body and ETag when the ETag it sent no longer holds', async () => {
		const { url } = await feedAt({ body: FEED, etag: '"day-2"' });
		expect(await requestArxiv(url, OPTIONS, '"day-1"')).toEqual({ notModified: false, body: FEED, etag: '"day-2"' });
	});

	it('gives a body that is not a feed as it came; reading it is the caller’s part', async () => {
		const { url } = await feedAt({ body: 'Rate exceeded.' });
		expect((await requestArxiv(url, OPTIONS)).body).toBe('Rate exceeded.');
	});

	it('refuses a 304 it did not ask for with an ETag as an HTTP status', async () => {
		const { url } = await feedAt({ status: 304 });
		const error = await arxivErrorOf(requestArxiv(url, OPTIONS));
		expect([error.code, error.message]).toEqual([
			'http-status',
			'arXiv answered HTTP 304 Not Modified instead of a feed; try again later.',
		]);
	});

	it('says to try again later for 429 Too Many Requests and server errors', async () => {
		for (const status of [429, 500]) {
			const { url } = await feedAt({ status });
			const error = await arxivErrorOf(requestArxiv(url, OPTIONS));
			expect(error.code).toBe('http-status');
			expect(error.message).toMatch(new RegExp(`^arXiv answered HTTP ${status} [A-Za-z ]+ instead of a feed; try again later\\.$`));
		}
	});

	it('says to check the setting and the address, without its query, for any other 4xx', async () => {
		const { url } = await feedAt({ status: 410 });
		const address = new URL(url);
		const error = await arxivErrorOf(requestArxiv(`${url}?version=2`, OPTIONS));
		expect([error.code, error.message]).toEqual([
			'http-status',
			`arXiv answered HTTP 410 Gone instead of a feed; check ARXIV_FEED_URL (${address.origin}${address.pathname}).`,
		]);
	});

	it('says "the address" when no setting gives it, and leaves out a status text the server sent none of', async () => {
		const url = await serverAt((_request, response) => {
			response.writeHead(403, '');
			response.end();
		});
		const error = await arxivErrorOf(requestArxiv(url, { userAgent: OPTIONS.userAgent }));
		expect(error.message).toBe(`arXiv answered HTTP 403 instead of a feed; check the address (${url}).`);
	});

	it('gives up after timeoutMs while the body is still coming, as a timeout', async () => {
		const url = await serverAt((_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/atom+xml' });
			response.write('<feed>');
		});
		const started = performance.now();
		const error = await arxivErrorOf(requestArxiv(url, { ...OPTIONS, timeoutMs: 100 }));
		expect([error.code, error.message]).toEqual(['timeout', 'arXiv did not answer within 0.1 s.']);
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('says the host closed the connection when it hangs up before answering or in the middle of the body', async () => {
		const url = await serverAt((request, response) => {
			if (request.url?.endsWith('/hang-up')) {
				request.socket.destroy();
				return;
			}
			response.writeHead(200, { 'Content-Length': '10000' });
			response.write('<feed><entry>', () => request.socket.destroy());
		});
		for (const address of [url, `${url}/hang-up`]) {
			const error = await arxivErrorOf(requestArxiv(address, OPTIONS));
			expect([error.code, error.message]).toEqual([
				'network',
				`arXiv could not be reached: ${new URL(url).host} closed the connection before its answer was complete.`,
			]);
		}
	});

	it('reports a refused connection as nothing answering at the host, naming the setting', async () => {
		const url = await serverAt(() => undefined);
		await closers.pop()!();
		const address = new URL(url);
		const error = await arxivErrorOf(requestArxiv(url, OPTIONS));
		expect([error.code, error.message]).toEqual([
			'network',
			`arXiv could not be reached: nothing answers at ${address.host} (connection refused); check ARXIV_FEED_URL (${url}).`,
		]);
		expect(error.cause).toBeInstanceOf(Error);
	});

	it("tells DNS, routing and unknown faults apart by the code under fetch's TypeError", async () => {
		const failingWith = (cause: unknown) =>
			(async () => {
				throw new TypeError('fetch failed', { cause });
			}) as typeof fetch;
		const url = 'http://arxiv.test/api/query?id_list=2305.00054';
		const messageFor = async (cause: unknown) =>
			(await arxivErrorOf(requestArxiv(url, { ...OPTIONS, urlSetting: 'ARXIV_API_URL', fetch: failingWith(cause) }))).message;
		expect(await messageFor({ code: 'ENOTFOUND' })).toBe(
			'arXiv could not be reached: the name arxiv.test was not found (DNS); check ARXIV_API_URL (http://arxiv.test/api/query) and the network.',
		);
		expect(await messageFor({ code: 'EHOSTUNREACH' })).toBe(
			'arXiv could not be reached: arxiv.test cannot be reached from here (no route); check the network.',
		);
		expect(await messageFor({ code: 'EPROTO' })).toBe('arXiv could not be reached: connecting to arxiv.test failed (EPROTO).');
		expect(await messageFor(undefined)).toBe('arXiv could not be reached: fetch failed.');
	});
});
