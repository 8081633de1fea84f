import { ArxivError } from './error.js';

/** How one request to arXiv is made. */
export interface ArxivRequestOptions {
	/** Sent as `User-Agent`: what is asking and how to reach its keepers, as arXiv asks of API clients. */
	userAgent: string;
	/** How long one request may take before it is abandoned, in milliseconds; default 10 000. */
	timeoutMs?: number;
	/** The fetch to use; default Node's global `fetch`. */
	fetch?: typeof fetch;
	/** The setting that gives the address (e.g. `ARXIV_API_URL`), named when the address looks wrong. */
	urlSetting?: string;
}

/** arXiv's answer: the body, or `notModified` when the `ETag` sent still holds. */
export interface ArxivAnswer {
	notModified: boolean;
	body: string;
	/** The answer's `ETag`, for the next look's `If-None-Match`. */
	etag: string | null;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Network failures by Node's error code, told as what happened at `host`; `check` names what to check. */
const NETWORK_FAULTS: Record<string, (host: string, check: string) => string> = {
	ECONNREFUSED: (host, check) => `nothing answers at ${host} (connection refused); check ${check}`,
	ENOTFOUND: (host, check) => `the name ${host} was not found (DNS); check ${check} and the network`,
	EAI_AGAIN: (host) => `the name ${host} could not be looked up (DNS did not answer); check the network`,
	ECONNRESET: (host) => `${host} closed the connection (reset)`,
	// Node's fetch (undici) reports a peer that hangs up mid-answer by its own code, not ECONNRESET.
	UND_ERR_SOCKET: (host) => `${host} closed the connection before its answer was complete`,
	EHOSTUNREACH: (host) => `${host} cannot be reached from here (no route); check the network`,
	ENETUNREACH: () => 'the network is unreachable from here; check the network',
	ETIMEDOUT: (host) => `connecting to ${host} timed out; check the network`,
};

/** Why fetch failed, from the cause Node's fetch wraps in its "fetch failed" TypeError. */
export function networkCause(error: unknown, host: string, check: string): string {
	const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
	const code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code) return NETWORK_FAULTS[code]?.(host, check) ?? `connecting to ${host} failed (${code})`;
	if (typeof cause?.message === 'string') return `connecting to ${host} failed (${cause.message}); check ${check}`;
	return error instanceof Error ? error.message : String(error);
}

/** A status that says the address is wrong, not that arXiv is busy: 4xx other than 429 Too Many Requests. */
const isAddressFault = (status: number) => status >= 400 && status < 500 && status !== 429;

/**
 * GETs an Atom document from arXiv (callers put it through the polite queue). Every failure is an
 * `ArxivError` of one sentence naming the cause: 'http-status' for an answer other than 200 or
 * 304 (a 4xx but 429 says to check the address), 'timeout', or 'network' when arXiv cannot be
 * reached (refused, DNS, reset...).
 */
export async function requestArxiv(url: string, options: ArxivRequestOptions, etag: string | null = null): Promise<ArxivAnswer> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const address = new URL(url);
	const check = `${options.urlSetting ?? 'the address'} (${address.origin}${address.pathname})`;
	// the timeout starts when the request does, not while it waits in the queue
	const signal = AbortSignal.timeout(timeoutMs);
	try {
		const headers: Record<string, string> = { 'User-Agent': options.userAgent, Accept: 'application/atom+xml' };
		if (etag !== null) headers['If-None-Match'] = etag;
		const response = await (options.fetch ?? fetch)(url, { headers, signal });
		if (response.status === 304 && etag !== null) {
			await response.body?.cancel();
			return { notModified: true, body: '', etag };
		}
		if (!response.ok) {
			await response.body?.cancel();
			const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
			throw new ArxivError(
				'http-status',
				`arXiv answered HTTP ${status} instead of a feed; ${isAddressFault(response.status) ? `check ${check}` : 'try again later'}.`,
			);
		}
		return { notModified: false, body: await response.text(), etag: response.headers.get('etag') };
	} catch (error) {
		if (error instanceof ArxivError) throw error;
		if (signal.aborted) {
			throw new ArxivError('timeout', `arXiv did not answer within ${timeoutMs / 1000} s.`, { cause: error });
		}
		throw new ArxivError('network', `arXiv could not be reached: ${networkCause(error, address.host, check)}.`, { cause: error });
	}
}
