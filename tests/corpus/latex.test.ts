import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latexToPlainText, latexToUnicode } from '../../src/corpus/latex.js';

const seedListing = readFileSync(new URL('../../data/seed-papers.txt', import.meta.url), 'utf8');
const ybohAbstract = seedListing.split(/\n\s*\n/).find((block) => block.includes('YbOH'))!;

describe('latexToPlainText', () => {
	it('makes the word after a superscript its own token, as in the seed corpus', () => {
		const plain = latexToPlainText(ybohAbstract);
		expect(plain).toContain('specifically 171 YbOH and 173 YbOH.');
		expect(plain.split(/[^\p{L}\p{N}]+/u)).toContain('YbOH');
		expect(plain).not.toMatch(/[$^{}\\]/);
	});

	it('spells Greek letters as words a person would search for', () => {
		expect(latexToPlainText('the $\\alpha$-divergence and $\\Gamma$ function')).toBe('the alpha -divergence and Gamma function');
	});

	it('keeps the words inside text markup', () => {
		expect(latexToPlainText('an \\emph{equitable} and \\textbf{fast} method')).toBe('an equitable and fast method');
	});

	it('separates subscripts from what they follow', () => {
		expect(latexToPlainText('H$_2$O and $\\ell_1$')).toBe('H 2 O and ℓ 1');
	});

	it('leaves text without LaTeX as it was', () => {
		const text = 'Data valuation without pre-specified learning algorithms (LAVA), 10x faster.';
		expect(latexToPlainText(text)).toBe(text);
	});
});

describe('latexToUnicode', () => {
	it('shows isotopes with Unicode superscripts and never raw math', () => {
		const readable = latexToUnicode(ybohAbstract);
		expect(readable).toContain('specifically ¹⁷¹YbOH and ¹⁷³YbOH.');
		expect(readable).not.toMatch(/[$^{}]/);
	});

	it('shows Greek letters as letters', () => {
		expect(latexToUnicode('$\\alpha$, $\\beta$ and $\\Omega$')).toBe('α, β and Ω');
	});

	it('removes text markup and keeps its words', () => {
		expect(latexToUnicode('\\emph{word} and \\textit{another}')).toBe('word and another');
	});

	it('uses subscript characters where Unicode has them', () => {
		expect(latexToUnicode('H$_2$O, $x_i^2$ and $\\ell_1$')).toBe('H₂O, xᵢ² and ℓ₁');
	});

	it('writes scripts without Unicode forms as ^(…) rather than TeX', () => {
		expect(latexToUnicode('$O(n^{1.5})$ and $q^{q}$')).toBe('O(n^(1.5)) and q^q');
	});

	it('renders symbols, fractions and roots readably', () => {
		expect(latexToUnicode('$\\frac{1}{2} \\times \\sqrt{n} \\leq \\infty$')).toBe('1/2 × √n ≤ ∞');
	});

	it('turns accent commands and escaped characters into the characters they stand for', () => {
		expect(latexToUnicode('M\\"uller, Erd\\H{o}s, 5\\% and \\$3')).toBe('Müller, Erdős, 5% and $3');
	});

	it('spells the letters names in a .bib are written with', () => {
		expect(latexToUnicode('{\\L}ukasz Kaiser, S{\\o}ren Hauberg, Stra{\\ss}e, Garc{\\\'\\i}a, {\\AA}ngstr{\\"o}m')).toBe(
			'Łukasz Kaiser, Søren Hauberg, Straße, García, Ångström',
		);
	});

	it('leaves a lone dollar sign alone', () => {
		expect(latexToUnicode('it costs $5 per query')).toBe('it costs $5 per query');
	});
});
