import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Paper } from '../../src/corpus/paper.js';

const knownItemSchema = z.array(
	z.object({
		/** The query as a lab member would type it. */
		query: z.string().min(1),
		/** The shipped paper it looks for. */
		wants: z.string(),
		/** What kind of lookup it is: phrase, method, acronym, author, dataset, typo, venue. */
		kind: z.string(),
	}),
);

export type KnownItem = z.infer<typeof knownItemSchema>[number];

export async function readKnownItems(path: string): Promise<KnownItem[]> {
	return knownItemSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/**
 * The shipped corpus mixed into a crowd of real papers: the crowd's papers with a shipped id are
 * dropped, so each wanted paper is the shipped record.
 */
export async function mixedCorpus(shippedPath: string, crowdPath: string): Promise<{ papers: Paper[]; shipped: Paper[] }> {
	const shipped = (await loadCorpus(shippedPath)).papers;
	const shippedIds = new Set(shipped.map((paper) => paper.id));
	const crowd = (await loadCorpus(crowdPath)).papers.filter((paper) => !shippedIds.has(paper.id));
	return { papers: [...crowd, ...shipped], shipped };
}
