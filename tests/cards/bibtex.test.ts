import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bibtexKey, buildBibtex, escapeLatexText } from '../../src/cards/bibtex.js';
import { paperSchema, type Paper, type PaperRecord } from '../../src/corpus/paper.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cards/${name}`, import.meta.url), 'utf8');
const paper = (record: Partial<PaperRecord>): Paper => paperSchema.parse({ id: '2305.00054', abstract: 'An abstract.', ...record });

const lava = paper({
	title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
	authors: ['Hoang Anh Just', 'Feiyang Kang', 'Jiachen T. Wang', 'Yi Zeng', 'Myeongseob Ko', 'Ming Jin', 'Ruoxi Jia'],
	categories: ['cs.LG'],
	venue: 'ICLR 2023 (spotlight)',
	published: '2023-04-28',
});

describe('buildBibtex', () => {
	it('writes an arXiv @misc entry for a seed paper', () => {
		expect(buildBibtex(lava)).toBe(fixture('lava.bib').trimEnd());
	});

	it('leaves out what is unknown and invents nothing', () => {
		const untitled = paper({ id: '2304.14548', abstract: 'We have developed $^{171}$YbOH cycling.' });
		expect(buildBibtex(untitled)).toBe(
			[
				'@misc{arXiv-2304.14548,',
				'  year = {2023},',
				'  eprint = {2304.14548},',
				'  archivePrefix = {arXiv},',
				'  url = {https://arxiv.org/abs/2304.14548},',
				'}',
			].join('\n'),
		);
	});

	it('escapes special characters in every field', () => {
		const hostile = paper({
			title: 'Cost & Benefit: 100% of #1 a_b ~x^2 {group}',
			authors: ["Ann O'Brien_Jr & Co", 'Smith and Wesson'],
			venue: 'Conf $5 ^ ~ \\ back',
			doi: '10.1000/a{b}c',
		});
		const entry = buildBibtex(hostile);
		expect(entry).toContain('title = {Cost \\& Benefit: 100\\% of \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 group},');
		expect(entry).toContain("author = {Ann O'Brien\\_Jr \\& Co and {Smith and Wesson}},");
		expect(entry).toContain('note = {Conf \\$5 \\textasciicircum{} \\textasciitilde{} back},');
		expect(entry).toContain('doi = {10.1000/abc},');
		expect(bracesBalance(entry)).toBe(true);
	});

	it('keeps balanced braces whatever the title holds', () => {
		for (const title of ['} { unbalanced \\', '$x}$ and {{', '\\emph{open']) {
			expect(bracesBalance(buildBibtex(paper({ title, authors: ['A B'] }))), title).toBe(true);
		}
	});
});

describe('bibtexKey', () => {
	it('is the first author surname, year and first significant title word', () => {
		expect(bibtexKey(lava)).toBe('just2023lava');
		expect(bibtexKey(paper({ title: 'The $\\alpha$-Müller Effect', authors: ['José Núñez'], published: '2021-01-01' }))).toBe(
			'nunez2021alpha',
		);
	});

	it('derives the key from the id when the authors are unknown', () => {
		expect(bibtexKey(paper({ id: 'hep-th/9901001', title: 'Strings' }))).toBe('arXiv-hep-th-9901001');
	});

	it('tells papers that share a key apart by id order, the oldest keeping the bare key', () => {
		const record = { title: 'Spiking networks', authors: ['Yi Zeng'], published: '2023-05-01' };
		const corpus = [paper({ ...record, id: '2305.14174' }), paper({ ...record, id: '2304.06540' }), paper({ ...record, id: '2305.10246' })];
		const keys = corpus.map((entry) => bibtexKey(entry, corpus));
		expect(keys).toEqual(['zeng2023spikingb', 'zeng2023spiking', 'zeng2023spikinga']);
		expect(corpus.map((entry) => bibtexKey(entry, [...corpus].reverse()))).toEqual(keys);
	});

	it('gives every paper of the seed corpus a different key', () => {
		const meta = JSON.parse(readFileSync(new URL('../../data/papers-meta.json', import.meta.url), 'utf8')) as PaperRecord[];
		const corpus = meta.map((record) => paper(record));
		expect(new Set(corpus.map((entry) => bibtexKey(entry, corpus))).size).toBe(corpus.length);
	});
});

describe('escapeLatexText', () => {
	it('keeps math as written and makes text markup plain', () => {
		expect(escapeLatexText('Cycling in $^{171}$YbOH with \\emph{lasers} by M\\"uller')).toBe(
			'Cycling in $^{171}$YbOH with lasers by Müller',
		);
	});
});

function bracesBalance(text: string): boolean {
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		if (text[index] === '\\') index++;
		else if (text[index] === '{') depth++;
		else if (text[index] === '}' && --depth < 0) return false;
	}
	return depth === 0;
}
