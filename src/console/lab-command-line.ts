import { countOf } from '../cards/counts.js';
import { displayTitle } from '../cards/index.js';
import { plainLine } from '../cards/safe-text.js';
import { paperLabel } from '../corpus/paper.js';
import { LibraryError } from '../library/http.js';
import type { OpenAlexCitations } from '../library/openalex-citations.js';
import { joinedWithAnd } from '../messages/citation-messages.js';
import { labReasonText } from '../replies/lab-replies.js';
import { findCitations, findLabWorks } from '../services/citation-service.js';
import type { LabDesk } from '../services/lab-desk.js';
import { EXIT } from './cli-arguments.js';

/** Where the lab's commands write: answers on `stdout`, problems on `stderr`. */
export interface LabCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

/** How far back `paperbot citations` looks without `--since`. */
export const DEFAULT_SINCE_DAYS = 30;

/** `paperbot ours`: the lab's papers, newest first, with why; with `json`, `{"papers": [keys], "authors": [names]}`. */
export function runOursCommandLine(desk: LabDesk, json: boolean, output: LabCommandLineOutput): number {
	const papers = desk.papers();
	if (json) {
		output.stdout.write(`${JSON.stringify({ papers: papers.map((lab) => lab.paper.id), authors: desk.authors }, null, 2)}\n`);
		return EXIT.answer;
	}
	const heading = `${desk.authors.length ? `LAB_AUTHORS: ${desk.authors.join('; ')}` : 'LAB_AUTHORS is not set'}. ${countOf(papers.length, 'lab paper')}${papers.length ? ', newest first:' : '.'}`;
	const lines = papers.map((lab) => `${paperLabel(lab.paper.id)}  ${displayTitle(lab.paper)} (${labReasonText(lab)})`);
	output.stdout.write(`${[heading, ...lines].join('\n')}\n`);
	return EXIT.answer;
}

/**
 * `paperbot citations [--since]`: the works citing the lab's papers published since `since` (default
 * the last {@link DEFAULT_SINCE_DAYS} days), asked of OpenAlex now; nothing is posted or recorded.
 */
export async function runCitationsCommandLine(
	desk: LabDesk,
	client: OpenAlexCitations,
	options: { since: string | null; json: boolean; now: Date },
	output: LabCommandLineOutput,
): Promise<number> {
	const since = options.since ?? new Date(options.now.getTime() - DEFAULT_SINCE_DAYS * 86_400_000).toISOString().slice(0, 10);
	let found: { citations: Awaited<ReturnType<typeof findCitations>>; unresolved: string[] };
	try {
		const works = await findLabWorks(desk, client, false, options.now);
		found = { citations: await findCitations(works, client, since), unresolved: works.unresolved };
	} catch (error) {
		if (!(error instanceof LibraryError)) throw error;
		const message = `OpenAlex could not be read: ${error.message}`;
		output.stderr.write(`${message}\n`);
		if (options.json) output.stdout.write(`${JSON.stringify({ error: message })}\n`);
		return EXIT.noAnswer;
	}
	if (options.json) {
		const citations = found.citations.map(({ work, cites }) => ({
			work: { title: work.title, authors: work.authors, doi: work.doi, openalex: work.id, published: work.published },
			cites,
		}));
		output.stdout.write(`${JSON.stringify({ citations, unresolved: found.unresolved }, null, 2)}\n`);
		return EXIT.answer;
	}
	const heading = `${countOf(found.citations.length, 'work')} published since ${since} ${found.citations.length === 1 ? 'cites' : 'cite'} the lab's ${countOf(desk.papers().length, 'paper')}${found.citations.length ? ':' : '.'}`;
	const entries = found.citations.map(
		({ work, cites }) =>
			`${plainLine(work.title ?? work.id)} (${[work.venue, work.published].filter(Boolean).join(', ')})\n   ${work.authors.slice(0, 6).join(', ')}${work.authors.length > 6 ? ' et al.' : ''}\n   cites ${joinedWithAnd(cites.map(paperLabel))}`,
	);
	const unresolved = found.unresolved.length ? [`Not found in OpenAlex: ${found.unresolved.join(', ')}`] : [];
	output.stdout.write(`${[heading, ...entries, ...unresolved].join('\n')}\n`);
	return EXIT.answer;
}
