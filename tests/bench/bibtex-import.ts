/**
 * The BibTeX import row of `npm run bench`: a generated `.bib` of a lab's shapes (conference papers
 * under `@string` venues and `crossref`ed proceedings, journal articles with DOIs, arXiv-only
 * entries, theses, accented names, abstracts) imported into a copy of the shipped corpus through
 * `importBibtex`, then the restart that reads the corpus and the index cache the import left.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBibtex } from '../../src/library/import-bibtex.js';
import { openLibrary } from '../../src/search/library.js';
import { createTerminalLogger } from '../../src/log.js';
import { generatePapers } from './synthetic-corpus.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ACCENTED = ['M{\\"u}ller', 'Sch{\\"o}lkopf', 'Erd\\H{o}s', "R{\\'e}nyi", "Garc{\\'\\i}a", '{\\L}ukasiewicz'];

/** What the import row reports. */
export interface BibtexImportMeasurement {
	entries: number;
	bytes: number;
	/** Parse, compare with the corpus, write `imported.jsonl` and reload the corpus. */
	importMs: number;
	/** The CPU time of the same, which a busy shared machine stretches less than the wall time. */
	importCpuMs: number;
	added: number;
	failed: number;
	/** Reading the corpus again, with the index cache the import's reload wrote. */
	restartMs: number;
	papersAfter: number;
}

/** A `.bib` of `count` entries in the shapes labs write, from the benchmark's synthetic papers. */
export function generateBibtex(count: number, seed = 7): string {
	const out = [
		'@string{nips = "Advances in Neural Information Processing Systems"}',
		'@string{jmlr = {Journal of Machine Learning Research}}',
	];
	for (let year = 2015; year <= 2024; year++) {
		out.push(
			`@proceedings{icml${year},\n  title = {Proceedings of the International Conference on Machine Learning},\n  booktitle = {Proceedings of the International Conference on Machine Learning},\n  publisher = {PMLR},\n  year = {${year}},\n  month = jul,\n}`,
		);
	}
	let index = 0;
	for (const paper of generatePapers({ count, seed })) {
		const [year, month] = (paper.published ?? '2020-01').split('-');
		const authors = (paper.authors ?? [])
			.map((name, position) => {
				const [first, ...rest] = name.split(' ');
				const last = position === 0 && index % 7 === 0 ? ACCENTED[index % ACCENTED.length] : rest.join(' ');
				return `${last}, ${first}`;
			})
			.join(' and ');
		const common = `  title = {${paper.title?.replace(/^(\w+)/, '{$1}')}},\n  author = {${authors}},\n  abstract = {${paper.abstract}},\n`;
		const key = `entry${index}`;
		const shape = index % 5;
		if (shape === 0)
			out.push(
				`@inproceedings{${key},\n${common}  booktitle = nips,\n  year = ${year},\n  month = ${MONTHS[Number(month) - 1]},\n  doi = {10.5555/nips.${index}},\n}`,
			);
		else if (shape === 1) out.push(`@inproceedings{${key},\n${common}  crossref = {icml${year}},\n  pages = {${index}--${index + 9}},\n}`);
		else if (shape === 2)
			out.push(
				`@article{${key},\n${common}  journal = jmlr,\n  volume = {${index % 26}},\n  year = {${year}},\n  doi = {10.1234/jmlr.${index}},\n}`,
			);
		else if (shape === 3)
			out.push(
				`@misc{${key},\n${common}  year = {${year}},\n  eprint = {${paper.id}},\n  archivePrefix = {arXiv},\n  primaryClass = {${paper.categories?.[0] ?? 'cs.LG'}},\n}`,
			);
		else out.push(`@phdthesis{${key},\n${common}  school = {Universit{\\'e} de Montr{\\'e}al},\n  year = {${year}},\n}`);
		index++;
	}
	return `${out.join('\n\n')}\n`;
}

/** Imports a generated `.bib` of `entries` entries into a copy of `data/`, then restarts on the result. */
export async function measureBibtexImport(entries: number): Promise<BibtexImportMeasurement> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-bench-import-'));
	try {
		const corpusPath = join(folder, 'data');
		await cp(join(PROJECT_ROOT, 'data'), corpusPath, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const text = generateBibtex(entries);
		await writeFile(join(folder, 'library.bib'), text);
		const quiet = { output: { write: () => true } };
		const log = createTerminalLogger('silent');
		const library = await openLibrary(corpusPath, log, quiet);
		const started = performance.now();
		const cpu = process.cpuUsage();
		const result = await importBibtex(text, { corpusPath, library });
		const importMs = performance.now() - started;
		const { user, system } = process.cpuUsage(cpu);
		const restarted = performance.now();
		const again = await openLibrary(corpusPath, log, quiet);
		const restartMs = performance.now() - restarted;
		return {
			entries,
			bytes: Buffer.byteLength(text),
			importMs,
			importCpuMs: (user + system) / 1000,
			added: result.added.length,
			failed: result.failed.length,
			restartMs,
			papersAfter: again.current().papers.length,
		};
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The import rows as `npm run bench` prints them. */
export function formatBibtexImportReport(measurement: BibtexImportMeasurement): string {
	const { entries, bytes, importMs, importCpuMs, added, failed, restartMs, papersAfter } = measurement;
	return [
		`\nBibTeX import: ${entries.toLocaleString('en')} entries (${(bytes / 1024 / 1024).toFixed(1)} MB), into the shipped corpus`,
		`  import (parse, compare, write imported.jsonl, reload)   ${seconds(importMs)} (CPU ${seconds(importCpuMs)})   ${added.toLocaleString('en')} added, ${failed} failed   target < 10 s`,
		`  restart after it (${papersAfter.toLocaleString('en')} papers, cached index)        ${seconds(restartMs)}`,
	].join('\n');
}
