import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/corpus/bibtex-import.js';
import { setAbstractsAside } from '../../src/corpus/bibtex-abstracts.js';

const keyed = async (bibtex: string) => (await parseBibtex(bibtex)).papers.map(({ paper }) => paper.id);

describe('parseBibtex', () => {
	it('keys a paper by its arXiv id wherever the entry gives one, else its DOI, else its cite key', async () => {
		expect(
			await keyed(`
@misc{a, title = {A}, eprint = {2305.00054v2}, archivePrefix = {arXiv}}
@article{b, title = {B}, eprint = {2304.14548}, eprinttype = {arxiv}}
@misc{c, title = {C}, url = {https://arxiv.org/abs/2304.10749v1}}
@article{d, title = {D}, journal = {arXiv preprint arXiv:2304.06540}}
@article{e, title = {E}, doi = {10.48550/arXiv.2304.01015}}
@article{f, title = {F}, doi = {https://doi.org/10.1145/ABC.123}}
@article{g, title = {G}, journal = {Nature}}
@misc{h, title = {H}, eprint = {hep-th/9711200}, archivePrefix = {arXiv}}
`),
		).toEqual(['2305.00054', '2304.14548', '2304.10749', '2304.06540', '2304.01015', 'doi:10.1145/abc.123', 'bib:g', 'hep-th/9711200']);
	});

	it('reads a date known to the year or the month, whatever the month is written as', async () => {
		const { papers } = await parseBibtex(`
@article{a, title = {A}, year = 2020, month = dec}
@article{b, title = {B}, year = {2021}, month = {February}}
@article{c, title = {C}, year = {2022}, month = {7}}
@article{d, title = {D}, year = {2023}}
@article{e, title = {E}, date = {2024-05-17}}
`);
		expect(papers.map(({ paper }) => paper.published)).toEqual(['2020-12', '2021-02', '2022-07', '2023', '2024-05-17']);
	});

	it('keeps abstracts as written, braces, quotes and line breaks folded, and the lines of what follows', async () => {
		const { papers, failed } = await parseBibtex(`@article{a,
  title = {A},
  abstract = {We show that {$\\alpha$}-divergences
    bound the "risk" of {GAN}s.},
}
@article{b,
  title = {B},
  abstract = "A quoted {abstract}.",
}

@article{c,
  title = {C},
  year = undefinedmacro,
}
`);
		expect(papers.map(({ paper, line }) => [line, paper.abstract])).toEqual([
			[1, 'We show that {$\\alpha$}-divergences bound the "risk" of {GAN}s.'],
			[6, 'A quoted {abstract}.'],
		]);
		expect(failed).toEqual([{ line: 11, reason: '@article{c}: the @string macro "undefinedmacro" is not defined' }]);
	});

	it('refuses an entry without a title, or with a cite key used already, at the line it starts on', async () => {
		const { papers, failed } = await parseBibtex('@article{a, title = {A}}\n@article{b, year = 2020}\n@article{a, title = {Again}}\n');
		expect(papers.map(({ paper }) => paper.title)).toEqual(['A']);
		expect(failed).toEqual([
			{ line: 2, reason: '@article{b}: no title' },
			{ line: 3, reason: '@article{a}: the cite key is used already at line 1' },
		]);
	});
});

describe('setAbstractsAside', () => {
	it('leaves the rest of the text as it was, and every line where it was', () => {
		const bibtex = '@article{a,\n  abstract = {One\n{two}\nthree},\n  title = {T}\n}\n';
		const { text, abstracts } = setAbstractsAside(bibtex);
		expect(text).toBe('@article{a,\n  abstract = {\n\n},\n  title = {T}\n}\n');
		expect(abstracts).toEqual([{ at: 14, text: 'One\n{two}\nthree' }]);
	});

	it('leaves an abstract that is never closed for the parser to report', () => {
		const bibtex = '@article{a,\n  abstract = {open\n\n@article{b, title = {B}}\n';
		expect(setAbstractsAside(bibtex)).toEqual({ text: bibtex, abstracts: [] });
	});
});
