import type { Paper } from '../corpus/paper.js';
import { parseArxivFeed } from './feed.js';
import type { RequestQueue } from './queue.js';
import { requestArxiv, type ArxivRequestOptions } from './request.js';

/** How to ask arXiv's query API for authors' latest papers, and how politely. */
export interface AuthorQueryOptions extends ArxivRequestOptions {
	/** `ARXIV_API_URL`. */
	apiUrl: string;
	queue: RequestQueue;
	/** Authors OR-ed in one request; default 10, which keeps the address short. */
	authorsPerRequest?: number;
	/** The newest papers asked for per request; default 100. */
	maxResults?: number;
}

const DEFAULT_AUTHORS_PER_REQUEST = 10;
const DEFAULT_MAX_RESULTS = 100;

/**
 * The `au:` term for a folded name (`['yi', 'zeng']`): the whole name as a phrase, `au:"yi zeng"`;
 * a name whose given names are all initials asks for the surname alone (`au:zeng`), since arXiv
 * writes given names in full or as initials as each paper's authors did.
 */
export function authorTerm(words: readonly string[]): string {
	const given = words.slice(0, -1);
	const surname = words.at(-1) ?? '';
	if (given.length === 0 || given.every((word) => word.length === 1)) return `au:${surname}`;
	return `au:"${words.join(' ')}"`;
}

/** The query URL asking for the newest papers by any of these authors, newest first. */
export function authorQueryUrl(apiUrl: string, names: readonly (readonly string[])[], maxResults: number): string {
	const separator = apiUrl.includes('?') ? '&' : '?';
	const query = [...new Set(names.map(authorTerm))].join(' OR ');
	return `${apiUrl}${separator}search_query=${encodeURIComponent(query)}&sortBy=submittedDate&sortOrder=descending&max_results=${maxResults}`;
}

/**
 * The newest arXiv papers, in any category, by any of the authors (names folded to words, as
 * search folds them), several authors OR-ed in each request, every request through the polite
 * queue. Whose paper each is stays to be checked against its author list: arXiv's `au:` matches
 * more loosely than a name. Throws an `ArxivError` when a request fails.
 */
export async function fetchPapersByAuthors(names: readonly (readonly string[])[], options: AuthorQueryOptions): Promise<Paper[]> {
	const perRequest = options.authorsPerRequest ?? DEFAULT_AUTHORS_PER_REQUEST;
	const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
	const papers = new Map<string, Paper>();
	for (let start = 0; start < names.length; start += perRequest) {
		const url = authorQueryUrl(options.apiUrl, names.slice(start, start + perRequest), maxResults);
		const answer = await options.queue.run(() => requestArxiv(url, { urlSetting: 'ARXIV_API_URL', ...options }));
		for (const paper of parseArxivFeed(answer.body).papers) papers.set(paper.id, paper);
	}
	return [...papers.values()];
}
