/**
 * `paperbot import refs.bib`, answered by the CLI in this process over a copy of the shipped corpus:
 * the lab's real-world `.bib`, the published versions of two shipped arXiv papers, a second import
 * of the same file, and `cite` on what was imported.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { runCliHere } from '../run-entry.js';

const LAB_LIBRARY = 'tests/fixtures/library/lab-library.bib';
const PUBLISHED_VERSIONS = 'tests/fixtures/library/published-versions.bib';

let corpus: string;
beforeEach(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-import-'));
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
});
afterEach(() => rm(corpus, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliHere(args, corpus);

interface ImportJson {
	added: Paper[];
	merged: { id: string; into: string }[];
	present: string[];
	failed: { line: number; reason: string }[];
}

async function importJson(file: string): Promise<{ code: number; stderr: string; result: ImportJson }> {
	const { code, stdout, stderr } = await cli('import', file, '--json');
	return { code, stderr, result: JSON.parse(stdout) as ImportJson };
}

const added = (result: ImportJson, citeKey: string) => result.added.find((paper) => paper.cite_key === citeKey);

describe('paperbot import', () => {
	it("imports a lab's real-world .bib: every shape of entry read, the broken one reported as file:line: reason", async () => {
		const { code, stderr, result } = await importJson(LAB_LIBRARY);
		expect(result.failed).toEqual([
			{
				line: 516,
				reason:
					'@inproceedings{mikolov2013distributed}: Token mismatch, expected "}", found "@inproceedings{sutsk"... at line 524, column 1',
			},
		]);
		expect(stderr).toBe(`${LAB_LIBRARY}:516: ${result.failed[0]!.reason}\n`);
		expect(code).toBe(1);
		expect(result.added).toHaveLength(48);
		// LAVA is a shipped paper: its entry is the same paper, and lends it the lab's cite key.
		expect(result.merged).toEqual([{ id: '2305.00054', into: '2305.00054' }]);
		expect(result.present).toEqual([]);

		expect(added(result, 'vaswani2017attention')).toMatchObject({
			id: '1706.03762',
			title: 'Attention is All you Need',
			venue: 'Advances in Neural Information Processing Systems',
			published: '2017-12',
			categories: ['cs.CL'],
			entry_type: 'inproceedings',
		});
		expect(added(result, 'vaswani2017attention')?.authors).toContain('Łukasz Kaiser');
		expect(added(result, 'hochreiter1997long')).toMatchObject({
			id: 'doi:10.1162/neco.1997.9.8.1735',
			doi: '10.1162/neco.1997.9.8.1735',
			authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
			venue: 'Neural Computation',
			published: '1997-11',
			abstract: null,
		});
		// crossref: the volume gives venue and date, and is no paper itself.
		expect(added(result, 'chen2020simple')).toMatchObject({
			id: 'bib:chen2020simple',
			venue: 'Proceedings of the 37th International Conference on Machine Learning',
			published: '2020-07',
		});
		expect(result.added.map((paper) => paper.cite_key)).not.toContain('icml2020');
		expect(added(result, 'erdos1959random')).toMatchObject({ title: 'On random graphs I', authors: ['Paul Erdős', 'Alfréd Rényi'] });
		expect(added(result, 'touvron2023llama')).toMatchObject({ id: '2302.13971', venue: null, doi: null });
		expect(added(result, 'hinton2015distilling')).toMatchObject({ id: '1503.02531', venue: null });
		expect(added(result, 'kingma2015adam')?.id).toBe('1412.6980');
		expect(added(result, 'sutskever2013training')).toMatchObject({ entry_type: 'phdthesis', venue: 'University of Toronto' });
		expect(added(result, 'rumelhart1986internal')?.entry_type).toBe('incollection');
		expect(added(result, 'villani2009optimal')).toMatchObject({ id: 'doi:10.1007/978-3-540-71050-9', authors: ['Cédric Villani'] });
		expect(added(result, 'openai2023gpt4')).toMatchObject({ title: 'GPT-4 Technical Report', authors: ['OpenAI'] });
		expect(added(result, 'dosovitskiy2021image')).toMatchObject({
			id: 'bib:dosovitskiy2021image',
			venue: 'International Conference on Learning Representations',
			url: 'https://openreview.net/forum?id=YicbFdNTTy',
		});
		const lines = (await readFile(join(corpus, 'imported.jsonl'), 'utf8')).trim().split('\n');
		expect(lines).toHaveLength(49);
	});

	it('adds nothing when the same file is imported again', async () => {
		await cli('import', LAB_LIBRARY);
		const before = await readFile(join(corpus, 'imported.jsonl'), 'utf8');
		const { result } = await importJson(LAB_LIBRARY);
		expect(result.added).toEqual([]);
		expect(result.merged).toEqual([]);
		expect(result.present).toHaveLength(49);
		expect(result.present).toContain('doi:10.1038/nature14539');
		expect(await readFile(join(corpus, 'imported.jsonl'), 'utf8')).toBe(before);
	});

	it('prints a plain summary without --json', async () => {
		const { code, stdout } = await cli('import', PUBLISHED_VERSIONS);
		expect(code).toBe(0);
		expect(stdout).toBe(
			[
				'merged doi:10.1016/j.neunet.2024.106423 into 2305.10246',
				'merged doi:10.1038/s41598-023-43488-x into 2304.01015',
				'0 added, 2 merged with papers in the corpus, 0 imported before, 0 failed.',
				'',
			].join('\n'),
		);
	});

	it('shows the published versions of two shipped arXiv papers as one card each, with both links', async () => {
		const { result } = await importJson(PUBLISHED_VERSIONS);
		expect(result.merged).toEqual([
			{ id: 'doi:10.1016/j.neunet.2024.106423', into: '2305.10246' },
			{ id: 'doi:10.1038/s41598-023-43488-x', into: '2304.01015' },
		]);
		for (const [doi, arxivId, title] of [
			['10.1016/j.neunet.2024.106423', '2305.10246', 'Spiking Generative Adversarial Network with Attention Scoring Decoding'],
			[
				'10.1038/s41598-023-43488-x',
				'2304.01015',
				'Adaptive structure evolution and biologically plausible synaptic plasticity for recurrent spiking neural networks',
			],
		] as const) {
			const card = JSON.parse((await cli('show', `https://doi.org/${doi}`, '--json')).stdout).embeds[0];
			expect(card.title).toBe(title);
			expect(card.url).toBe(`https://arxiv.org/abs/${arxivId}`);
			expect(card.fields).toContainEqual({ name: 'Published version', value: `[${doi}](https://doi.org/${doi})`, inline: true });
			// A search for the title finds the one paper; the published version is no paper of its own.
			const search = JSON.parse((await cli('search', title, '--json')).stdout);
			expect(search.embeds[0].url).toBe(`https://arxiv.org/abs/${arxivId}`);
			expect(JSON.stringify(search)).not.toContain(`doi:${doi}`);
		}
	});

	it("gives cite the lab's own key and entry type back", async () => {
		await cli('import', LAB_LIBRARY);
		expect((await cli('cite', 'bib:sutskever2013training')).stdout).toBe(
			[
				'@phdthesis{sutskever2013training,',
				'  title = {Training Recurrent Neural Networks},',
				'  author = {Ilya Sutskever},',
				'  year = {2013},',
				'  school = {University of Toronto},',
				'}',
				'',
			].join('\n'),
		);
		const lava = (await cli('cite', '2305.00054')).stdout;
		expect(lava.startsWith('@inproceedings{just2023lava,\n')).toBe(true);
		const hochreiter = (await cli('cite', '10.1162/neco.1997.9.8.1735')).stdout;
		expect(hochreiter).toContain('@article{hochreiter1997long,');
		expect(hochreiter).toContain('journal = {Neural Computation}');
		expect(hochreiter).toContain('doi = {10.1162/neco.1997.9.8.1735}');
	});

	it('refuses a file it cannot read, and a command line without one', async () => {
		expect(await cli('import', join(corpus, 'missing.bib'))).toMatchObject({
			code: 1,
			stderr: `paperbot import: cannot read ${join(corpus, 'missing.bib')} (ENOENT).\n`,
		});
		expect((await cli('import')).code).toBe(2);
	});
});
