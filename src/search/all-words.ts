import type { Paper } from '../corpus/paper.js';
import { parseQuery } from './query.js';
import { termsOf } from './text.js';

/** Shortest query word that also matches the longer words it begins (`wass` → `wasserstein`). */
const MIN_COMPLETED_WORD = 4;

/**
 * A matcher of saved searches over papers outside the corpus (a day's arXiv feed): a paper
 * matches when each word of the query's text is one of its words (title, authors, abstract,
 * categories, folded as search folds them), or begins one when at least 4 characters long.
 * A query without words matches nothing.
 */
export function allWordsMatcher(papers: readonly Paper[]): (query: string) => Paper[] {
	const wordsOf = papers.map((paper) => [...new Set(termsOf([paper.title, paper.authors?.join(' '), paper.abstract, paper.categories?.join(' ')].filter(Boolean).join(' ')))]);
	return (query) => {
		const words = [...new Set(termsOf(parseQuery(query).text))];
		if (words.length === 0) return [];
		return papers.filter((_, position) => {
			const own = wordsOf[position]!;
			return words.every((word) => own.includes(word) || (word.length >= MIN_COMPLETED_WORD && own.some((candidate) => candidate.startsWith(word))));
		});
	};
}
