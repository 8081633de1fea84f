import { normaliseArxivId, type Paper } from '../corpus/paper.js';
import { ArxivError, type ArxivErrorCode } from './error.js';
import { parseArxivFeed, type ArxivFeed } from './feed.js';
import type { RequestQueue } from './queue.js';
import { requestArxiv, type ArxivRequestOptions } from './request.js';

/** How to reach arXiv's query API, and how politely. */
export interface FetchArxivOptions extends ArxivRequestOptions {
	/** The Atom query endpoint (`ARXIV_API_URL`), e.g. `https://export.arxiv.org/api/query`. */
	apiUrl: string;
	/** The queue that spaces requests, shared with the feed. */
	queue: RequestQueue;
	/** How many ids to ask for in one request; default 100. */
	batchSize?: number;
	/** Called after each request with how many of the ids have been looked up, for a progress line. */
	onProgress?: (done: number, total: number) => void;
}

/** An id that did not become a paper, with the one-sentence reason. */
export interface MissingPaper {
	id: string;
	code: ArxivErrorCode;
	reason: string;
}

/** What a lookup found: the papers, in the order asked, and the ids that did not become papers. */
export interface FetchedPapers {
	papers: Paper[];
	missing: MissingPaper[];
}

const DEFAULT_BATCH_SIZE = 100;

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;

/** The one-sentence answer to text that is no arXiv id or link. */
export function badIdReason(text: string): string {
	return `${quote(text)} is not an arXiv id or link (expected e.g. 2305.00054 or https://arxiv.org/abs/2305.00054).`;
}

/** Old-style ids may carry a subject class (`math.GT/0309136`); arXiv answers with `math/0309136`. */
const matchKey = (id: string) => id.replace(/^([a-z-]+)\.[A-Z]{2}\//, '$1/');

function normaliseAll(texts: readonly string[]): string[] {
	const ids = texts.map((text) => normaliseArxivId(text));
	const bad = texts.filter((_, index) => ids[index] === null);
	if (bad.length === 1) {
		throw new ArxivError('bad-id', badIdReason(bad[0]!));
	}
	if (bad.length > 1) {
		throw new ArxivError('bad-id', `${bad.map(quote).join(', ')} are not arXiv ids or links.`);
	}
	return [...new Set(ids as string[])];
}

function buildQueryUrl(apiUrl: string, ids: readonly string[]): string {
	const separator = apiUrl.includes('?') ? '&' : '?';
	return `${apiUrl}${separator}id_list=${ids.map(encodeURIComponent).join(',')}&max_results=${ids.length}`;
}

async function requestFeed(ids: readonly string[], options: FetchArxivOptions): Promise<string> {
	return (await requestArxiv(buildQueryUrl(options.apiUrl, ids), { urlSetting: 'ARXIV_API_URL', ...options })).body;
}

function explainAbsence(id: string, apiErrors: readonly string[]): MissingPaper {
	const naming = apiErrors.find((message) => message.includes(id));
	if (naming !== undefined) return { id, code: 'api-error', reason: `arXiv refused ${id}: ${naming}.` };
	if (apiErrors.length > 0) {
		return { id, code: 'api-error', reason: `arXiv answered "${apiErrors[0]}" instead of looking up ${id}.` };
	}
	return { id, code: 'unknown-id', reason: `arXiv has no paper with id ${id}.` };
}

function sortOut(ids: readonly string[], feed: ArxivFeed, into: FetchedPapers): void {
	const papers = new Map(feed.papers.map((paper) => [matchKey(paper.id), paper]));
	const refused = new Map(feed.refused.map((refusal) => [matchKey(refusal.id), refusal]));
	for (const id of ids) {
		const paper = papers.get(matchKey(id));
		const refusal = refused.get(matchKey(id));
		if (paper) into.papers.push(paper);
		else if (refusal) into.missing.push({ ...refusal, id });
		else into.missing.push(explainAbsence(id, feed.apiErrors));
	}
}

/**
 * Looks papers up on arXiv by id or link, several ids per request, every request through the
 * polite queue. Ids are checked before any request: one that is not an arXiv id or link throws an
 * `ArxivError` ('bad-id'). Every other failure is reported per id in `missing`: unknown,
 * withdrawn, an incomplete entry, or an error entry; and when a request fails as a whole (HTTP
 * status, timeout, unreachable, malformed feed), its ids and all later ones carry that reason and
 * no further request is made.
 */
export async function fetchArxivPapers(texts: readonly string[], options: FetchArxivOptions): Promise<FetchedPapers> {
	const ids = normaliseAll(texts);
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const { queue } = options;
	const result: FetchedPapers = { papers: [], missing: [] };
	for (let start = 0; start < ids.length; start += batchSize) {
		const batch = ids.slice(start, start + batchSize);
		try {
			const feed = parseArxivFeed(await queue.run(() => requestFeed(batch, options)));
			sortOut(batch, feed, result);
		} catch (error) {
			if (!(error instanceof ArxivError)) throw error;
			const { code, message } = error;
			result.missing.push(...ids.slice(start).map((id) => ({ id, code, reason: message })));
			return result;
		}
		options.onProgress?.(Math.min(start + batchSize, ids.length), ids.length);
	}
	return result;
}
