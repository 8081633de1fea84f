import type { AuthorQueryOptions } from '../arxiv/author-query.js';
import { ArxivError } from '../arxiv/error.js';
import { fetchArxivVersions } from '../arxiv/versions.js';
import { displayTitle } from '../cards/index.js';
import { shortAuthors } from '../cards/paper-card.js';
import { changeWords } from '../feed/changes.js';
import type { TextOutput } from '../log.js';
import type { PaperIndex } from '../search/paper-index.js';
import { compareVersions, corpusArxivIds } from '../services/corpus-changes.js';
import { findFollowedPapers } from '../services/followed-authors.js';
import { openChanges } from '../store/corpus-changes.js';
import { openFollows } from '../store/follows.js';
import type { State } from '../store/state.js';
import { EXIT } from './cli-arguments.js';

/** What `paperbot following` and `paperbot changes` look with: the corpus, the state (read, never written) and arXiv's query API. */
export interface LookOptions {
	index: PaperIndex;
	state: State;
	arxiv: AuthorQueryOptions;
	json: boolean;
	now: Date;
	/** Called after each request of the corpus check with how many ids have been looked up. */
	onProgress?: (done: number, total: number) => void;
}

const plain = (text: string) => text;

interface Output {
	stdout: TextOutput;
	stderr: TextOutput;
}

/** An arXiv failure as the CLI reports it: on stderr, and as `{"error"}` under --json. */
function arxivProblem(error: unknown, options: LookOptions, output: Output): number {
	if (!(error instanceof ArxivError)) throw error;
	const message = `arXiv could not be asked: ${error.message}`;
	output.stderr.write(`${message}\n`);
	if (options.json) output.stdout.write(`${JSON.stringify({ error: message })}\n`);
	return EXIT.noAnswer;
}

/**
 * `paperbot following`: every followed author in the state file, with how many members follow
 * each, and their papers arXiv lists from the last week that a look would post (not in the corpus).
 * Posts and records nothing.
 */
export async function runFollowingCommandLine(options: LookOptions, output: Output): Promise<number> {
	const follows = openFollows(options.state).all();
	const authors = [...new Map(follows.map((follow) => [follow.folded, follow.name])).entries()].map(([folded, name]) => ({
		name,
		followers: new Set(follows.filter((follow) => follow.folded === folded).map((follow) => follow.user_id)).size,
	}));
	let found: Awaited<ReturnType<typeof findFollowedPapers>>;
	try {
		found = await findFollowedPapers(options.index, follows, options.now.toISOString().slice(0, 10), { arxiv: options.arxiv });
	} catch (error) {
		return arxivProblem(error, options, output);
	}
	const papers = found.map(({ paper, names }) => ({
		id: paper.id,
		title: paper.title,
		authors: paper.authors,
		categories: paper.categories,
		published: paper.published,
		followed: names,
	}));
	if (options.json) {
		output.stdout.write(`${JSON.stringify({ authors, papers }, null, 2)}\n`);
		return EXIT.answer;
	}
	if (authors.length === 0) {
		output.stdout.write('No one follows an author yet (members follow with /paper follow author:<name> in Discord).\n');
		return EXIT.answer;
	}
	const lines = [
		`Followed authors: ${authors.map((author) => `${author.name} (${author.followers})`).join(', ')}`,
		papers.length
			? `Their papers of the last week not in the corpus: ${papers.length}`
			: 'arXiv lists no paper of theirs from the last week that is not in the corpus.',
		...found.map(
			({ paper, names }) =>
				`- ${displayTitle(paper)} (arXiv:${paper.id}, ${paper.published})\n  ${shortAuthors(paper.authors)} · ${paper.categories?.join(', ')}\n  by ${names.join(', ')}`,
		),
	];
	output.stdout.write(`${lines.join('\n')}\n`);
	return EXIT.answer;
}

/**
 * `paperbot changes`: asks arXiv now for the latest record of every arXiv paper in the corpus (100
 * to a request, through the polite queue) and prints the changes a look would post, compared
 * with what the state file saw last. Posts and records nothing.
 */
export async function runChangesCommandLine(options: LookOptions, output: Output): Promise<number> {
	const store = openChanges(options.state);
	const ids = corpusArxivIds(options.index);
	let comparison: ReturnType<typeof compareVersions>;
	try {
		const found = [];
		for (let start = 0; start < ids.length; start += 100) {
			found.push(...(await fetchArxivVersions(ids.slice(start, start + 100), options.arxiv)));
			options.onProgress?.(Math.min(start + 100, ids.length), ids.length);
		}
		comparison = compareVersions(options.index, found, (id) => store.seen(id), new Set());
	} catch (error) {
		return arxivProblem(error, options, output);
	}
	const { changes } = comparison;
	if (options.json) {
		const listed = changes.map(({ paper_id, version, journal_ref, doi, withdrawn }) => ({
			id: paper_id,
			version,
			journal_ref,
			doi,
			withdrawn,
		}));
		output.stdout.write(`${JSON.stringify({ changes: listed }, null, 2)}\n`);
		return EXIT.answer;
	}
	const lines = changes.length
		? changes.map(
				(change) => `${change.title ?? `arXiv:${change.paper_id}`}: ${changeWords(change, plain, plain)} (arXiv:${change.paper_id})`,
			)
		: [`No changes: arXiv's records of the corpus's ${ids.length} arXiv papers say nothing new.`];
	output.stdout.write(`${lines.join('\n')}\n`);
	return EXIT.answer;
}
