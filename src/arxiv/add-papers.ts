import { appendPapers } from '../corpus/append.js';
import { fetchArxivPapers, type FetchArxivOptions, type FetchedPapers, type MissingPaper } from './client.js';
import type { Library } from '../search/library.js';
import { doiOfKey, isArxivKey, normalisePaperKey, type Paper } from '../corpus/paper.js';
import { getPaper } from '../search/paper-index.js';

/** What adding a list of ids did: every id given lands in exactly one of the three lists. */
export interface AddedPapers {
	/** Papers fetched (from arXiv, or by DOI from Crossref) and now in the corpus: arXiv's first, each list in the order asked. */
	added: Paper[];
	/** Keys of papers that were in the corpus already (or were added by someone else meanwhile); nothing was added for them. */
	present: string[];
	/** Keys (or, for text that is no arXiv id or DOI, the text) that could not be added, each with a one-sentence reason. */
	failed: MissingPaper[];
}

/**
 * Looks papers up by DOI (lower case, as `doi:` keys hold them): the papers found, each keyed by its
 * DOI or by the arXiv id of its preprint, and the `doi:` keys that were not, each with its reason;
 * progress after each DOI.
 */
export type DoiLookup = (dois: readonly string[], onProgress?: (done: number, total: number) => void) => Promise<FetchedPapers>;

/** Where papers are added and how arXiv is asked. */
export interface AddPapersOptions {
	/** `CORPUS_PATH`: the folder `added.jsonl` is written to (beside it when it names a file). */
	corpusPath: string;
	/** The corpus in service: checked for ids already there, and given the appended papers. */
	library: Pick<Library, 'current' | 'addPapers'>;
	/** How to reach arXiv: endpoint, User-Agent, queue, timeout, progress (over arXiv ids and DOIs together). */
	arxiv: FetchArxivOptions;
	/** How papers named by a DOI are looked up (Crossref and OpenAlex, in src/library/). */
	lookUpDois: DoiLookup;
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

/** The one-sentence answer to text that is neither an arXiv id or link nor a DOI. */
export function notAddableReason(text: string): string {
	const quoted = `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
	return `${quoted} is not an arXiv id or a DOI (expected e.g. 2305.00054, https://arxiv.org/abs/2305.00054 or 10.1145/3292500.3330701).`;
}

/** The arXiv id or `doi:` key `text` names, or null when it names no paper that can be added (a source's own key is not). */
function addableKey(text: string): string | null {
	const key = normalisePaperKey(text);
	return key !== null && (isArxivKey(key) || doiOfKey(key) !== null) ? key : null;
}

/**
 * Adds papers to the corpus by arXiv id or link, or by DOI or `doi.org` link (arXiv's own DOIs are
 * arXiv ids). Text that is neither, and papers already in the corpus, are sorted out before any
 * request; the rest are taken from `knownPaper`, fetched from arXiv (several per request, through
 * the polite queue) or looked up by DOI, appended to `added.jsonl` atomically, and added to the
 * index in service (see Library.addPapers), so the new papers are searchable when this resolves.
 * Failures of single ids (unknown, withdrawn, a service down...) are reported in `failed` and leave
 * the corpus file unchanged for them; a reload that fails after the append throws, naming the cause.
 */
export async function addPapers(texts: readonly string[], options: AddPapersOptions): Promise<AddedPapers> {
	const result: AddedPapers = { added: [], present: [], failed: [] };
	const wanted: string[] = [];
	for (const text of texts) {
		const key = addableKey(text);
		if (key === null) {
			result.failed.push({ id: text, code: 'bad-id', reason: notAddableReason(text) });
		} else if (getPaper(options.library.current(), key)) {
			if (!result.present.includes(key)) result.present.push(key);
		} else if (!wanted.includes(key)) wanted.push(key);
	}
	if (wanted.length === 0) return result;

	const arxivIds = wanted.filter(isArxivKey);
	const dois = wanted.flatMap((key) => doiOfKey(key) ?? []);
	const { onProgress } = options.arxiv;
	const known = arxivIds.flatMap((id) => options.knownPaper?.(id) ?? []);
	const unknown = arxivIds.filter((id) => !known.some((paper) => paper.id === id));
	const fetched =
		unknown.length > 0
			? await fetchArxivPapers(unknown, { ...options.arxiv, onProgress: (done) => onProgress?.(done, unknown.length + dois.length) })
			: { papers: [], missing: [] };
	const byDoi =
		dois.length > 0
			? await options.lookUpDois(dois, (done) => onProgress?.(unknown.length + done, unknown.length + dois.length))
			: { papers: [], missing: [] };
	result.failed.push(...fetched.missing, ...byDoi.missing);
	const papers: Paper[] = [];
	for (const paper of [...known, ...fetched.papers, ...byDoi.papers]) {
		// A DOI whose arXiv preprint is in the corpus (or was asked for beside it) names a paper there already.
		if (getPaper(options.library.current(), paper.id) || papers.some((other) => other.id === paper.id)) {
			if (!result.present.includes(paper.id)) result.present.push(paper.id);
		} else papers.push(paper);
	}
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
