import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import type { Judgements } from './metrics.js';

/** A test collection in BEIR's layout, its documents already made papers. */
export interface TestCollection {
	name: string;
	/** The documents as papers with stand-in ids; `documentIds[i]` is paper i's id in the collection. */
	papers: Paper[];
	documentIds: string[];
	/** Judged queries of the split only, in file order. */
	queries: { id: string; text: string; judged: Judgements }[];
}

/** The split files a collection folder must have. */
export const collectionFiles = (split: string) => ['corpus.jsonl', 'queries.jsonl', join('qrels', `${split}.tsv`)];

export function isCollection(folder: string, split: string): boolean {
	return collectionFiles(split).every((file) => existsSync(join(folder, file)));
}

/**
 * A stand-in arXiv id for document number `n` (paperbot's schema requires one): `0001.00001` on.
 * Only the evaluation uses these; results are mapped back to the collection's own ids.
 */
export function standInId(n: number): string {
	return `${String(1 + Math.floor(n / 100_000)).padStart(4, '0')}.${String(n % 100_000).padStart(5, '0')}`;
}

async function jsonLines<T>(path: string): Promise<T[]> {
	return (await readFile(path, 'utf8'))
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as T);
}

/**
 * Reads a BEIR folder: `corpus.jsonl` (`_id`, `title`, `text`), `queries.jsonl` (`_id`, `text`),
 * `qrels/<split>.tsv` (`query-id corpus-id score`, header line). A document with no text keeps its
 * title as its abstract, which paperbot requires.
 */
export async function readCollection(folder: string, name: string, split: string): Promise<TestCollection> {
	const documents = await jsonLines<{ _id: string; title?: string; text?: string }>(join(folder, 'corpus.jsonl'));
	const papers: Paper[] = [];
	const documentIds: string[] = [];
	for (const document of documents) {
		const title = document.title?.trim() || null;
		const abstract = document.text?.trim() || title;
		if (!abstract) continue;
		papers.push(paperSchema.parse({ id: standInId(papers.length), title, abstract }));
		documentIds.push(String(document._id));
	}
	const judgements = new Map<string, Map<string, number>>();
	const qrels = (await readFile(join(folder, 'qrels', `${split}.tsv`), 'utf8')).split('\n').slice(1);
	for (const line of qrels) {
		const [queryId, documentId, grade] = line.trim().split(/\s+/);
		if (!queryId || !documentId || grade === undefined) continue;
		const judged = judgements.get(queryId) ?? new Map<string, number>();
		judged.set(documentId, Number(grade));
		judgements.set(queryId, judged);
	}
	const queries = (await jsonLines<{ _id: string; text: string }>(join(folder, 'queries.jsonl')))
		.filter((query) => [...(judgements.get(String(query._id))?.values() ?? [])].some((grade) => grade > 0))
		.map((query) => ({ id: String(query._id), text: query.text, judged: judgements.get(String(query._id))! }));
	return { name, papers, documentIds, queries };
}
