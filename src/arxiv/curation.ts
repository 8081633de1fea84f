import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { MemberRights } from '../interaction/permissions.js';
import type { Paper } from '../corpus/paper.js';
import type { Library } from '../search/library.js';
import { addPapers, arxivUserAgent, type AddedPapers, type DoiLookup } from './add-papers.js';
import type { RequestQueue } from './queue.js';

/** Adding papers to the corpus, where it can be written. */
export interface Curation {
	/** Looks papers up on arXiv by id or link, or by DOI, appends them to the corpus and reloads it; progress after each request. */
	addPapers(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<AddedPapers>;
	/** Whether the asker may add papers: on Discord, Manage Server or the curator role. */
	mayAdd(member: MemberRights): boolean;
}

/** What {@link openCuration} needs. */
export interface CurationOptions {
	/** `CORPUS_PATH`; adding needs it to be a folder paperbot may write to. */
	corpusPath: string;
	/** `ARXIV_API_URL`. */
	apiUrl: string;
	/** The queue every arXiv request of the process goes through. */
	queue: RequestQueue;
	library: Pick<Library, 'current' | 'addPapers'>;
	/** Who may add: `curatorPolicy` on Discord, everyone at the console. */
	mayAdd: Curation['mayAdd'];
	/** Papers the arXiv feed described: added from that description without asking arXiv again. */
	knownPaper?: (id: string) => Paper | null;
	/** How papers named by a DOI are looked up (`createDoiLookup` in src/library/). */
	lookUpDois: DoiLookup;
}

/**
 * Adding papers to the corpus, through the process's arXiv queue: appended to `added.jsonl` in the
 * corpus folder, or beside a single-file corpus (the loader reads it there too); undefined when
 * that folder is missing or read-only.
 */
export async function openCuration({
	corpusPath,
	apiUrl,
	queue,
	library,
	mayAdd,
	knownPaper,
	lookUpDois,
}: CurationOptions): Promise<Curation | undefined> {
	const folder = await stat(corpusPath).then(
		(info) => (info.isDirectory() ? corpusPath : dirname(corpusPath)),
		() => null,
	);
	if (
		!folder ||
		!(await access(folder, constants.W_OK).then(
			() => true,
			() => false,
		))
	)
		return undefined;
	const userAgent = arxivUserAgent(packageJson.version);
	return {
		mayAdd,
		addPapers: (texts, onProgress) =>
			addPapers(texts, {
				corpusPath,
				library,
				...(knownPaper ? { knownPaper } : {}),
				lookUpDois,
				arxiv: { apiUrl, userAgent, queue, ...(onProgress ? { onProgress } : {}) },
			}),
	};
}
