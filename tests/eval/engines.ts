import Database from 'better-sqlite3';
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
		search: (query) =>
			miniSearch
				.search(query)
				.slice(0, RANKING_DEPTH)
				.map((result) => String(result.id)),
	};
}

/**
 * SQLite's full-text search as it comes: an FTS5 table over title and text (the abstract) with its
 * Porter stemmer, ranked by its bm25() with equal column weights; a query matches any of its words.
 */
export function sqliteFts5Engine(papers: readonly Paper[]): Engine {
	const database = new Database(':memory:');
	database.exec("CREATE VIRTUAL TABLE papers USING fts5(id UNINDEXED, title, text, tokenize = 'porter unicode61')");
	const insert = database.prepare('INSERT INTO papers (id, title, text) VALUES (?, ?, ?)');
	database.transaction(() => {
		for (const paper of papers) insert.run(paper.id, paper.title ?? '', paper.abstract);
	})();
	const select = database.prepare<[string, number], { id: string }>(
		'SELECT id FROM papers WHERE papers MATCH ? ORDER BY bm25(papers) LIMIT ?',
	);
	return {
		name: 'SQLite FTS5',
		search(query) {
			// Each word quoted, so FTS5's query syntax (AND, NEAR, -, :) reads the query as plain words.
			const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
			if (words.length === 0) return [];
			return select.all(words.map((word) => `"${word}"`).join(' OR '), RANKING_DEPTH).map((row) => row.id);
		},
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
