import { readFile } from 'node:fs/promises';
import type { Curation } from '../arxiv/curation.js';
import { parseIdList } from '../arxiv/id-list.js';
import { EXIT } from './cli-arguments.js';

/** Where `paperbot add` writes: results on `stdout`, progress (on a terminal only) and problems on `stderr`. */
export interface AddCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Lists at least this long show their progress on a terminal, after each request to arXiv or Crossref. */
const LONG_LIST = 10;

const fileProblem = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** What `paperbot add` was given: arXiv ids, DOIs or links, files of them, and whether to print JSON. */
export interface AddRequest {
	ids: readonly string[];
	files: readonly string[];
	json: boolean;
}

/**
 * `paperbot add 2305.00054 [10.1145/… …]` and `add --file ids.txt` (arXiv ids, DOIs or links, `#`
 * comments): adds every paper in as few requests as the polite queues allow, printing each
 * added paper on stdout (with `json`, one JSON object of what was added, present and failed, or
 * `{"error"}`) and each problem on stderr, named by its id; a long list shows its progress on a
 * terminal. Returns the exit code: 0 when every id was added or was in the corpus already, else 1.
 */
export async function runAddCommandLine(
	request: AddRequest,
	curation: Curation | undefined,
	output: AddCommandLineOutput,
): Promise<number> {
	const refuse = (text: string) => {
		output.stderr.write(`paperbot add: ${text}\n`);
		if (request.json) output.stdout.write(`${JSON.stringify({ error: text })}\n`);
		return EXIT.noAnswer;
	};
	const texts = [...request.ids];
	for (const file of request.files) {
		try {
			const { ids, invalid } = parseIdList(await readFile(file, 'utf8'));
			texts.push(...ids, ...invalid);
		} catch (error) {
			return refuse(`cannot read ${file} (${fileProblem(error)}).`);
		}
	}
	if (!texts.length) return refuse(`no arXiv ids or DOIs in ${request.files.join(', ')}.`);
	if (!curation) return refuse('paperbot may not write to the corpus folder (CORPUS_PATH), so nothing can be added.');
	const onProgress =
		texts.length >= LONG_LIST && output.stderr.isTTY
			? (done: number, total: number) =>
					output.stderr.write(`\rpaperbot add: looked up ${done} of ${total} papers${done === total ? '\n' : ''}`)
			: undefined;
	const { added, present, failed } = await curation.addPapers(texts, onProgress);
	for (const { id, reason } of failed) output.stderr.write(`paperbot add: ${id}: ${reason}\n`);
	if (request.json) {
		output.stdout.write(`${JSON.stringify({ added, present, failed }, null, 2)}\n`);
		return failed.length ? EXIT.noAnswer : EXIT.answer;
	}
	for (const paper of added) output.stdout.write(`added ${paper.id}  ${paper.title ?? ''}\n`);
	for (const id of present) output.stdout.write(`already in the corpus: ${id}\n`);
	output.stdout.write(`${added.length} added, ${present.length} already in the corpus, ${failed.length} failed.\n`);
	return failed.length ? EXIT.noAnswer : EXIT.answer;
}
