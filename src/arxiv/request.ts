import { ArxivError } from './error.js';

/** How one request to arXiv is made. */
export interface ArxivRequestOptions {
	/** Sent as `User-Agent`: what is asking and how to reach its keepers, as arXiv asks of API clients. */
	userAgent: string;
	/** How long one request may take before it is abandoned, in milliseconds; default 10 000. */
	timeoutMs?: number;
	/** The fetch to use; default Node's global `fetch`. */
	fetch?: typeof fetch;
}

/** arXiv's answer: the body, or `notModified` when the `ETag` sent still holds. */
export interface ArxivAnswer {
	notModified: boolean;
	body: string;
	/** The answer's `ETag`, for the next look's `If-None-Match`. */
	etag: string | null;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function networkCause(error: unknown): string {
	const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
	if (typeof cause?.code === 'string') return cause.code;
	return error instanceof Error ? error.message : String(error);
}

/**
 * GETs an Atom document from arXiv (callers put it through the polite queue). Every failure is an
 * `ArxivError` of one sentence: 'http-status' for an answer other than 200 or 304, 'timeout',
 * or 'network' when arXiv cannot be reached.
 */
export async function requestArxiv(url: string, options: ArxivRequestOptions, etag: string | null = null): Promise<ArxivAnswer> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
			throw new ArxivError('http-status', `arXiv answered HTTP ${status} instead of a feed; try again later.`);
		}
		return { notModified: false, body: await response.text(), etag: response.headers.get('etag') };
	} catch (error) {
		if (error instanceof ArxivError) throw error;
		if (signal.aborted) {
			throw new ArxivError('timeout', `arXiv did not answer within ${timeoutMs / 1000} s.`, { cause: error });
		}
		throw new ArxivError('network', `arXiv could not be reached (${networkCause(error)}).`, { cause: error });
	}
}
