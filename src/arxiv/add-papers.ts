import { appendPapers } from '../corpus/append.js';
import { badIdReason, fetchArxivPapers, type FetchArxivOptions, type MissingPaper } from './client.js';
import type { Library } from '../search/library.js';
import { normaliseArxivId, type Paper } from '../corpus/paper.js';
import { getPaper } from '../search/paper-index.js';

/** What adding a list of ids did: every id given lands in exactly one of the three lists. */
export interface AddedPapers {
	/** Papers fetched from arXiv and now in the corpus, in the order asked. */
	added: Paper[];
	/** Ids that were in the corpus already (or were added by someone else meanwhile); nothing was fetched for them. */
	present: string[];
	/** Ids (or, for text that is no arXiv id, the text) that could not be added, each with a one-sentence reason. */
	failed: MissingPaper[];
}

/** Where papers are added and how arXiv is asked. */
export interface AddPapersOptions {
	/** `CORPUS_PATH`: the folder `added.jsonl` is written to (beside it when it names a file). */
	corpusPath: string;
	/** The corpus in service: checked for ids already there, and given the appended papers. */
	library: Pick<Library, 'current' | 'addPapers'>;
	/** How to reach arXiv: endpoint, User-Agent, queue, timeout, progress. */
	arxiv: FetchArxivOptions;
	/** Papers already described elsewhere (the arXiv feed's entries): added as they are, without asking arXiv. */
	knownPaper?: (id: string) => Paper | null;
}

/**
 * The User-Agent paperbot sends to arXiv, as arXiv asks of API clients: what is asking, its
 * version and what it is for. It carries nothing secret.
 */
export function arxivUserAgent(version: string): string {
	return `paperbot/${version} (Discord bot serving a research lab's arXiv reading list; Node.js ${process.versions.node})`;
}

/**
 * Adds papers to the corpus by arXiv id or link. Text that is no arXiv id, and ids already in the
 * corpus, are sorted out before any request; the rest are taken from `knownPaper` or fetched from arXiv (several per request,
 * through the polite queue), appended to `added.jsonl` atomically, and added to the index in
 * service (see Library.addPapers), so the new papers are searchable when this resolves. Failures of single ids (unknown, withdrawn,
 * arXiv down...) are reported in `failed` and leave the corpus file unchanged for them; a reload
 * that fails after the append throws, naming the cause.
 */
export async function addPapers(texts: readonly string[], options: AddPapersOptions): Promise<AddedPapers> {
	const result: AddedPapers = { added: [], present: [], failed: [] };
	const wanted: string[] = [];
	for (const text of texts) {
		const id = normaliseArxivId(text);
		if (id === null) {
			result.failed.push({ id: text, code: 'bad-id', reason: badIdReason(text) });
		} else if (getPaper(options.library.current(), id)) {
			if (!result.present.includes(id)) result.present.push(id);
		} else if (!wanted.includes(id)) wanted.push(id);
	}
	if (wanted.length === 0) return result;

	const known = wanted.flatMap((id) => options.knownPaper?.(id) ?? []);
	const unknown = wanted.filter((id) => !known.some((paper) => paper.id === id));
	const fetched = unknown.length > 0 ? await fetchArxivPapers(unknown, options.arxiv) : { papers: [], missing: [] };
	result.failed.push(...fetched.missing);
	const papers = [...known, ...fetched.papers];
	if (papers.length === 0) return result;

	const { added, file } = await appendPapers(options.corpusPath, papers);
	const reloaded = await options.library.addPapers(papers.filter((paper) => added.includes(paper.id)));
	if (!reloaded.ok) {
		throw new Error(`add papers: ${added.join(', ')} were written to ${file}, but reloading the corpus failed: ${reloaded.error.message}`);
	}
	for (const paper of papers) {
		if (added.includes(paper.id)) result.added.push(paper);
		else result.present.push(paper.id);
	}
	return result;
}
