import { normalisePaperKey } from '../corpus/paper.js';
import { getPaper, type PaperIndex } from './paper-index.js';
import { parseQuery } from './query.js';

/**
 * The paper key a query consists of (an arXiv id, a DOI or a link to either, filters aside) when
 * that paper is not in the corpus; else null. Such a query asks for one paper: searching the pieces
 * of its id would only find unrelated ones.
 */
export function idNotInCorpus(index: PaperIndex, query: string): string | null {
	const id = normalisePaperKey(parseQuery(query).text);
	return id !== null && getPaper(index, id) === null ? id : null;
}
