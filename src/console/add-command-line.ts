import { readFile } from 'node:fs/promises';
import type { Curation } from '../arxiv/curation.js';
import { parseIdList } from '../arxiv/id-list.js';
import { cliUsage } from './cli-arguments.js';

/** Where `paperbot add` writes: results on `stdout`, progress and problems on `stderr`. */
export interface AddCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

/** Lists at least this long get a progress line after each arXiv request. */
const LONG_LIST = 10;

const ADD_USAGE = `usage: ${cliUsage('add')}`;

/** Splits `add` arguments into ids and `--file` paths; throws on an unknown flag or a `--file` without a path. */
function readArguments(args: readonly string[]): { texts: string[]; files: string[] } {
	const texts: string[] = [];
	const files: string[] = [];
	for (let at = 0; at < args.length; at++) {
		const arg = args[at]!;
		if (arg === '--file') {
			const file = args[++at];
			if (file === undefined) throw new Error('--file needs the path of a file of ids');
			files.push(file);
		} else if (arg.startsWith('--file=')) files.push(arg.slice('--file='.length));
		else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
		else texts.push(arg);
	}
	return { texts, files };
}

const fileProblem = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * `paperbot add 2305.00054 [id2 …]` and `add --file ids.txt` (one id or link per line, `#`
 * comments): adds every paper in as few arXiv requests as the polite queue allows, printing each
 * added paper on stdout (with `json`, one JSON object of what was added, present and failed) and
 * each problem on stderr, named by its id, with a progress line for long lists. Returns the exit
 * code: 0 when every id was added or was in the corpus already, else 1.
 */
export async function runAddCommandLine(
	args: readonly string[],
	curation: Curation | undefined,
	output: AddCommandLineOutput,
	{ json = false } = {},
): Promise<number> {
	const problem = (text: string) => output.stderr.write(`paperbot add: ${text}\n`);
	let parsed: { texts: string[]; files: string[] };
	try {
		parsed = readArguments(args);
	} catch (error) {
		problem(`${(error as Error).message}\n${ADD_USAGE}`);
		return 1;
	}
	const texts = [...parsed.texts];
	for (const file of parsed.files) {
		try {
			const { ids, invalid } = parseIdList(await readFile(file, 'utf8'));
			texts.push(...ids, ...invalid);
		} catch (error) {
			problem(`cannot read ${file} (${fileProblem(error)}).`);
			return 1;
		}
	}
	if (!texts.length) {
		problem(`no arXiv ids given.\n${ADD_USAGE}`);
		return 1;
	}
	if (!curation) {
		problem('paperbot may not write to the corpus folder (CORPUS_PATH), so nothing can be added.');
		return 1;
	}
	const onProgress =
		texts.length >= LONG_LIST
			? (done: number, total: number) => output.stderr.write(`paperbot add: looked up ${done} of ${total} ids on arXiv\n`)
			: undefined;
	const { added, present, failed } = await curation.addPapers(texts, onProgress);
	for (const { id, reason } of failed) problem(`${id}: ${reason}`);
	if (json) {
		output.stdout.write(`${JSON.stringify({ added, present, failed }, null, 2)}\n`);
		return failed.length ? 1 : 0;
	}
	for (const paper of added) output.stdout.write(`added ${paper.id}  ${paper.title ?? ''}\n`);
	for (const id of present) output.stdout.write(`already in the corpus: ${id}\n`);
	output.stdout.write(`${added.length} added, ${present.length} already in the corpus, ${failed.length} failed.\n`);
	return failed.length ? 1 : 0;
}
