import { readFile } from 'node:fs/promises';
import type { BibtexImport, ImportOptions } from '../library/import-bibtex.js';
import { importBibtex } from '../library/import-bibtex.js';
import { EXIT } from './cli-arguments.js';

/** What `paperbot import` was given: the `.bib` file and whether to print JSON. */
export interface ImportRequest {
	file: string;
	json: boolean;
}

/** Where `paperbot import` writes: the result on `stdout`, each entry that failed and any problem on `stderr`. */
export interface ImportCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

/**
 * `paperbot import refs.bib`: imports a `.bib` file into `imported.jsonl` in the corpus folder,
 * printing each paper added and merged and a count of each kind (with `json`, the whole
 * {@link BibtexImport}), and each entry that could not be read on stderr as `file:line: reason`.
 * Returns the exit code: 0 when every entry was imported or was imported before, else 1.
 */
export async function runImportCommandLine(
	request: ImportRequest,
	options: ImportOptions,
	output: ImportCommandLineOutput,
): Promise<number> {
	let text: string;
	try {
		text = (await readFile(request.file, 'utf8')).replace(/^\uFEFF/, '');
	} catch (error) {
		const problem = `cannot read ${request.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`;
		output.stderr.write(`paperbot import: ${problem}\n`);
		if (request.json) output.stdout.write(`${JSON.stringify({ error: problem })}\n`);
		return EXIT.noAnswer;
	}
	const result = await importBibtex(text, options);
	for (const { line, reason } of result.failed) output.stderr.write(`${request.file}:${line}: ${reason}\n`);
	output.stdout.write(request.json ? `${JSON.stringify(result, null, 2)}\n` : importSummary(result));
	return result.failed.length ? EXIT.noAnswer : EXIT.answer;
}

function importSummary({ added, merged, present, failed }: BibtexImport): string {
	const lines = [
		...added.map((paper) => `added ${paper.id}  ${paper.title ?? ''}`),
		...merged.map(({ id, into }) => (id === into ? `merged into the corpus's ${into}` : `merged ${id} into ${into}`)),
		`${added.length} added, ${merged.length} merged with papers in the corpus, ${present.length} imported before, ${failed.length} failed.`,
	];
	return `${lines.join('\n')}\n`;
}
