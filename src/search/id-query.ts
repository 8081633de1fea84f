import { normaliseArxivId } from '../corpus/paper.js';
import { getPaper, type PaperIndex } from './paper-index.js';
import { parseQuery } from './query.js';

/**
 * The versionless arXiv id a query consists of (an id or link, filters aside) when that paper is
 * not in the corpus; else null. Such a query asks for one paper: searching the pieces of its id
 * would only find unrelated ones.
 */
export function idNotInCorpus(index: PaperIndex, query: string): string | null {
	const id = normaliseArxivId(parseQuery(query).text);
	return id !== null && getPaper(index, id) === null ? id : null;
}
