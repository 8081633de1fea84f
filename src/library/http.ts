import { networkCause } from '../arxiv/request.js';
import { createRequestQueue, type RequestQueue } from '../arxiv/queue.js';

/** Why a library service (Crossref, OpenAlex, Zotero) gave nothing; people read the message. */
export class LibraryError extends Error {
	override readonly name = 'LibraryError';

	/**
	 * @param status the HTTP status the service answered with; null when it never answered
	 * @param message one sentence naming the service and the cause, fit to show to the person who asked
	 */
	constructor(
		readonly status: number | null,
		message: string,
		options?: ErrorOptions,
	) {
		super(message, options);
	}
}

/** One service's answer to a GET. */
export interface ServiceAnswer {
	status: number;
	headers: Headers;
	body: string;
}

/** How a service client asks. */
export interface ServiceClientOptions {
	/** The service's name in messages: "Crossref", "OpenAlex", "Zotero". */
	name: string;
	/** Sent as `User-Agent` on every request: what is asking and whom to contact. */
	userAgent: string;
	/** The setting that gives the base address (e.g. `CROSSREF_API_URL`), named when the address looks wrong. */
	urlSetting: string;
	/** Least time between two requests to one host, in milliseconds; default 0 (one at a time, back to back). */
	minIntervalMs?: number;
	/** How long one request may take, in milliseconds; default 15 000. */
	timeoutMs?: number;
	/** Retries after a 429, a 503 or a 5xx before giving up; default 3. */
	retries?: number;
	/** Other statuses the service answers when asked too fast, waited on and retried alike (OpenAlex's 403). */
	alsoRetried?: readonly number[];
	/** Longest wait a `Retry-After` or `Backoff` may ask for before the request gives up instead, in seconds; default 120. */
	longestWaitSeconds?: number;
	/** How to wait; tests pass a fake clock's. Default a timer. */
	sleep?: (ms: number) => Promise<void>;
}

/** A client of one service: GETs go one at a time per host and honour the service's requests to slow down. */
export interface ServiceClient {
	/**
	 * GETs `url` with `headers`. Answers 2xx, 304 and the statuses in `accept` as they are; waits and
	 * retries on 429, 503 and other 5xx (as `Retry-After` says, else 1, 2, 4 s…); waits before the
	 * next request as a `Backoff` header asks. Anything else is a LibraryError naming the service.
	 */
	get(url: string, headers?: Record<string, string>, accept?: readonly number[]): Promise<ServiceAnswer>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_LONGEST_WAIT_SECONDS = 120;
const RETRIED = (status: number) => status === 429 || status >= 500;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds from a `Retry-After` (seconds or an HTTP date) or `Backoff` header; null when absent or unreadable. */
export function waitSeconds(value: string | null, now = Date.now()): number | null {
	if (value === null || value.trim() === '') return null;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, (date - now) / 1000);
}

/** Makes a client for one service; its queues (one per host) live as long as it does. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
	const queues = new Map<string, RequestQueue>();
	const sleep = options.sleep ?? defaultSleep;
	const retries = options.retries ?? DEFAULT_RETRIES;
	const longestWait = options.longestWaitSeconds ?? DEFAULT_LONGEST_WAIT_SECONDS;
	/** When the service asked, by `Backoff`, that the next request wait; per host. */
	const notBefore = new Map<string, number>();

	const queueFor = (host: string) => {
		let queue = queues.get(host);
		if (!queue) queues.set(host, (queue = createRequestQueue(options.minIntervalMs ?? 0)));
		return queue;
	};

	async function once(url: URL, headers: Record<string, string>): Promise<ServiceAnswer> {
		const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		const check = `${options.urlSetting} (${url.origin})`;
		const signal = AbortSignal.timeout(timeoutMs);
		try {
			const response = await fetch(url, { headers: { 'User-Agent': options.userAgent, Accept: 'application/json', ...headers }, signal });
			return { status: response.status, headers: response.headers, body: await response.text() };
		} catch (error) {
			if (signal.aborted) throw new LibraryError(null, `${options.name} did not answer within ${timeoutMs / 1000} s.`, { cause: error });
			throw new LibraryError(null, `${options.name} could not be reached: ${networkCause(error, url.host, check)}.`, { cause: error });
		}
	}

	async function getWithRetries(url: URL, headers: Record<string, string>, accept: readonly number[]): Promise<ServiceAnswer> {
		for (let attempt = 0; ; attempt++) {
			const waitUntil = notBefore.get(url.host) ?? 0;
			if (waitUntil > Date.now()) await sleep(waitUntil - Date.now());
			const answer = await once(url, headers);
			const backoff = waitSeconds(answer.headers.get('backoff'));
			if (backoff !== null) notBefore.set(url.host, Date.now() + backoff * 1000);
			const { status } = answer;
			if ((status >= 200 && status < 300) || status === 304 || accept.includes(status)) return answer;
			if ((RETRIED(status) || options.alsoRetried?.includes(status)) && attempt < retries) {
				const asked = waitSeconds(answer.headers.get('retry-after'));
				const seconds = asked ?? 2 ** attempt;
				if (seconds <= longestWait) {
					await sleep(seconds * 1000);
					continue;
				}
			}
			throw new LibraryError(status, `${options.name} answered HTTP ${status}${statusAdvice(status, options.urlSetting, url)}.`);
		}
	}

	return {
		get(url, headers = {}, accept = []) {
			const address = new URL(url);
			return queueFor(address.host).run(() => getWithRetries(address, headers, accept));
		},
	};
}

function statusAdvice(status: number, urlSetting: string, url: URL): string {
	if (status === 429) return '; it asks for fewer requests, so try again later';
	if (status >= 500) return '; it is having trouble, so try again later';
	if (status === 401 || status === 403) return '; the key was refused or may not read this';
	return `; check ${urlSetting} (${url.origin})`;
}

/** The JSON a service's answer holds, or undefined when it holds none (an HTML error page, a cut-off body). */
export function parseJsonBody(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}
