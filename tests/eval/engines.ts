import MiniSearch from 'minisearch';
import type { Paper } from '../../src/corpus/paper.js';
import { buildSearchIndex, searchPapers } from '../../src/search/paper-index.js';

/** A search engine under evaluation: ids of the papers it ranks for a query, best first. */
export interface Engine {
	name: string;
	search(query: string): string[];
}

/** How deep each engine's ranking is read: Recall@100 needs the first 100. */
export const RANKING_DEPTH = 100;

export function paperbotEngine(papers: readonly Paper[]): Engine {
	const index = buildSearchIndex(papers);
	return {
		name: 'paperbot',
		search: (query) => searchPapers(index, query, {}, { limit: RANKING_DEPTH }).map((result) => result.paper.id),
	};
}

/** minisearch with its default options over title and text (the abstract): what a new user gets. */
export function bareMinisearchEngine(papers: readonly Paper[]): Engine {
	const miniSearch = new MiniSearch({ fields: ['title', 'text'] });
	miniSearch.addAll(papers.map((paper) => ({ id: paper.id, title: paper.title ?? '', text: paper.abstract })));
	return {
		name: 'bare minisearch',
		search: (query) => miniSearch.search(query).slice(0, RANKING_DEPTH).map((result) => String(result.id)),
	};
}

/** Runs `engine` on every query, timing each call. */
export function runQueries(engine: Engine, queries: readonly string[]): { rankings: string[][]; millis: number[] } {
	const rankings: string[][] = [];
	const millis: number[] = [];
	for (const query of queries) {
		const start = performance.now();
		rankings.push(engine.search(query));
		millis.push(performance.now() - start);
	}
	return { rankings, millis };
}
