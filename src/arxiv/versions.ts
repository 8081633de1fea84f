import { arxivVersionOf, normaliseArxivId } from '../corpus/paper.js';
import { asList, foldWhitespace, isNode, readAtomFeed, textOf } from './atom.js';
import { isWithdrawn } from './feed.js';
import type { RequestQueue } from './queue.js';
import { requestArxiv, type ArxivRequestOptions } from './request.js';

/** What arXiv says now of a paper's record: the parts that change after it is first announced. */
export interface ArxivVersion {
	id: string;
	/** The latest version, from the entry's id (`…/abs/2305.00054v3`); null when the id names none. */
	version: number | null;
	title: string | null;
	journal_ref: string | null;
	doi: string | null;
	comment: string | null;
	/** arXiv's comment or abstract says the paper was withdrawn. */
	withdrawn: boolean;
}

/** How to ask arXiv's query API for the latest versions, and how politely. */
export interface VersionCheckOptions extends ArxivRequestOptions {
	/** `ARXIV_API_URL`. */
	apiUrl: string;
	queue: RequestQueue;
	/** Ids per request; default 100. */
	batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 100;

const orNull = (text: string) => (text === '' ? null : text);

/** Reads an `id_list` answer into each paper's latest version, journal reference, DOI and withdrawal; error entries are left out. */
export function readArxivVersions(xml: string): ArxivVersion[] {
	return asList(readAtomFeed(xml).entry).flatMap((entry) => {
		const node = isNode(entry) ? entry : {};
		const rawId = foldWhitespace(textOf(node.id));
		const id = normaliseArxivId(rawId);
		if (id === null) return [];
		const comment = foldWhitespace(textOf(node['arxiv:comment']));
		const abstract = foldWhitespace(textOf(node.summary));
		return [
			{
				id,
				version: arxivVersionOf(rawId),
				title: orNull(foldWhitespace(textOf(node.title))),
				journal_ref: orNull(foldWhitespace(textOf(node['arxiv:journal_ref']))),
				doi: orNull(foldWhitespace(textOf(node['arxiv:doi']))),
				comment: orNull(comment),
				withdrawn: isWithdrawn(comment, abstract),
			},
		];
	});
}

/**
 * The latest versions of arXiv papers by id, `batchSize` ids per `id_list` request, every request
 * through the polite queue. Ids arXiv does not answer for are left out. Throws an `ArxivError`
 * when a request fails (status, timeout, unreachable, malformed answer).
 */
export async function fetchArxivVersions(ids: readonly string[], options: VersionCheckOptions): Promise<ArxivVersion[]> {
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const found: ArxivVersion[] = [];
	for (let start = 0; start < ids.length; start += batchSize) {
		const batch = ids.slice(start, start + batchSize);
		const separator = options.apiUrl.includes('?') ? '&' : '?';
		const url = `${options.apiUrl}${separator}id_list=${batch.map(encodeURIComponent).join(',')}&max_results=${batch.length}`;
		const answer = await options.queue.run(() => requestArxiv(url, { urlSetting: 'ARXIV_API_URL', ...options }));
		found.push(...readArxivVersions(answer.body));
	}
	return found;
}
