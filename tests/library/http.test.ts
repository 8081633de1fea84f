import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceClient, LibraryError, type ServiceClientOptions, waitSeconds } from '../../src/library/http.js';
import { type ServiceStandIn, startServiceStandIn, type WorkAnswers } from './library-stand-ins.js';

let standIn: ServiceStandIn | undefined;
afterEach(async () => {
	await standIn?.close();
	standIn = undefined;
});

const OK: WorkAnswers = [{ body: '{"ok": true}' }];

/** A client of a stand-in service whose waits are recorded, not slept. */
async function clientOf(works: Record<string, WorkAnswers>, options: Partial<ServiceClientOptions> = {}) {
	standIn = await startServiceStandIn('crossref', '/items/', works, { status: 404, body: 'no such item' });
	const waits: number[] = [];
	const client = createServiceClient({
		name: 'Stand-in',
		userAgent: 'paperbot-tests/0.1 (mailto:lab@example.org)',
		urlSetting: 'STAND_IN_URL',
		sleep: async (ms) => {
			waits.push(ms);
		},
		...options,
	});
	return { client, waits, url: (item: string) => `${standIn!.apiUrl}/items/${item}` };
}

async function errorOf(promise: Promise<unknown>): Promise<LibraryError> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(LibraryError);
	return error as LibraryError;
}

describe('createServiceClient', () => {
	it('sends its User-Agent and the headers given, and answers with the status, headers and body', async () => {
		const { client, url } = await clientOf({ a: [{ body: '{"a": 1}', headers: { 'Last-Modified-Version': '7' } }] });
		const answer = await client.get(url('a'), { 'Zotero-API-Version': '3' });
		expect(answer).toMatchObject({ status: 200, body: '{"a": 1}' });
		expect(answer.headers.get('last-modified-version')).toBe('7');
		expect(standIn!.received[0]!.headers).toMatchObject({
			'user-agent': 'paperbot-tests/0.1 (mailto:lab@example.org)',
			'zotero-api-version': '3',
			accept: 'application/json',
		});
	});

	it('asks one host one request at a time, however many are asked for at once', async () => {
		const { client, url } = await clientOf({ a: OK, b: OK, c: OK });
		const answers = await Promise.all(['a', 'b', 'c', 'a'].map((item) => client.get(url(item))));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
		expect(standIn!.received).toHaveLength(4);
		expect(standIn!.mostInFlight()).toBe(1);
	});

	it('waits as a 429 Retry-After asks, then asks again and answers', async () => {
		const { client, waits, url } = await clientOf({ a: [{ status: 429, headers: { 'Retry-After': '2' } }, { body: '{"a": 1}' }] });
		expect((await client.get(url('a'))).body).toBe('{"a": 1}');
		expect(waits).toEqual([2000]);
		expect(standIn!.received).toHaveLength(2);
	});

	it('waits as a 503 Retry-After given as an HTTP date asks', async () => {
		const later = new Date(Date.now() + 30_000).toUTCString();
		const { client, waits, url } = await clientOf({ a: [{ status: 503, headers: { 'Retry-After': later } }, { body: '{}' }] });
		expect((await client.get(url('a'))).status).toBe(200);
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(28_000);
		expect(waits[0]).toBeLessThanOrEqual(30_000);
	});

	it('retries a 5xx without Retry-After after 1, 2 and 4 s, then says the service is in trouble', async () => {
		const { client, waits, url } = await clientOf({ a: [{ status: 502 }] });
		const error = await errorOf(client.get(url('a')));
		expect(error.status).toBe(502);
		expect(error.message).toBe('Stand-in answered HTTP 502; it is having trouble, so try again later.');
		expect(waits).toEqual([1000, 2000, 4000]);
		expect(standIn!.received).toHaveLength(4);
	});

	it('gives up at once, in words, when Retry-After asks for longer than it may wait', async () => {
		const { client, waits, url } = await clientOf({ a: [{ status: 429, headers: { 'Retry-After': '3600' } }] });
		const error = await errorOf(client.get(url('a')));
		expect(error.message).toBe('Stand-in answered HTTP 429; it asks for fewer requests, so try again later.');
		expect(waits).toEqual([]);
		expect(standIn!.received).toHaveLength(1);
	});

	it('waits before the next request to the host as a Backoff header asks', async () => {
		const { client, waits, url } = await clientOf({ a: [{ body: '{}', headers: { Backoff: '5' } }], b: OK });
		await client.get(url('a'));
		expect(waits).toEqual([]);
		await client.get(url('b'));
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(4_000);
		expect(waits[0]).toBeLessThanOrEqual(5_000);
	});

	it('answers a status the caller accepts as it is, and names the setting to check for any other 4xx', async () => {
		const { client, url } = await clientOf({});
		expect((await client.get(url('missing'), {}, [404])).status).toBe(404);
		const error = await errorOf(client.get(url('missing')));
		expect(error.status).toBe(404);
		expect(error.message).toBe(`Stand-in answered HTTP 404; check STAND_IN_URL (${standIn!.apiUrl}).`);
	});

	it('says a refused key may not read this on a 403', async () => {
		const { client, url } = await clientOf({ a: [{ status: 403 }] });
		expect((await errorOf(client.get(url('a')))).message).toBe('Stand-in answered HTTP 403; the key was refused or may not read this.');
	});

	it('says when nothing answers at the address, naming the setting, and never shows the query', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await new Promise((resolve) => server.close(resolve));
		const client = createServiceClient({ name: 'Stand-in', userAgent: 'paperbot-tests/0.1', urlSetting: 'STAND_IN_URL' });
		const error = await errorOf(client.get(`http://127.0.0.1:${port}/items/a?api_key=SECRET`));
		expect(error.status).toBeNull();
		expect(error.message).toBe(
			`Stand-in could not be reached: nothing answers at 127.0.0.1:${port} (connection refused); check STAND_IN_URL (http://127.0.0.1:${port}).`,
		);
	});

	it('says when the service does not answer in time', async () => {
		const server = createServer(() => undefined);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const client = createServiceClient({ name: 'Stand-in', userAgent: 'paperbot-tests/0.1', urlSetting: 'STAND_IN_URL', timeoutMs: 100 });
		const error = await errorOf(client.get(`http://127.0.0.1:${port}/items/a`));
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
		expect(error.message).toBe('Stand-in did not answer within 0.1 s.');
		expect((error.cause as Error).name).toBe('TimeoutError');
	});
});

describe('waitSeconds', () => {
	it('reads seconds or an HTTP date, and nothing else', () => {
		const now = Date.parse('2026-03-02T09:00:00Z');
		expect(waitSeconds('120', now)).toBe(120);
		expect(waitSeconds('Mon, 02 Mar 2026 09:01:00 GMT', now)).toBe(60);
		expect(waitSeconds('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
		expect(waitSeconds(null, now)).toBeNull();
		expect(waitSeconds(' ', now)).toBeNull();
		expect(waitSeconds('soon', now)).toBeNull();
	});
});
