import { describe, expect, it } from 'vitest';
import { findPaperKeys, normaliseArxivId, paperSchema } from '../../src/corpus/paper.js';

describe('normaliseArxivId', () => {
	it.each([
		['2305.00054', '2305.00054'],
		['arXiv:2305.00054v2', '2305.00054'],
		['  arxiv: 2305.00054 ', '2305.00054'],
		['https://arxiv.org/abs/2305.00054', '2305.00054'],
		['http://www.arxiv.org/abs/2305.00054v3/', '2305.00054'],
		['https://arxiv.org/pdf/2305.00054v1.pdf', '2305.00054'],
		['arxiv.org/pdf/2305.00054', '2305.00054'],
		['<https://arxiv.org/abs/2305.00054>', '2305.00054'],
		['https://arxiv.org/abs/2305.00054?context=cs', '2305.00054'],
		['hep-th/9901001', 'hep-th/9901001'],
		['hep-th/9901001v2', 'hep-th/9901001'],
		['math.GT/0309136', 'math.GT/0309136'],
		['1501.12345', '1501.12345'],
	])('reads %s as %s', (text, id) => {
		expect(normaliseArxivId(text)).toBe(id);
	});

	it.each(['', 'spiking gan', '2305.123', '12345.6789', 'https://example.com/abs/2305.00054x'])('rejects %j', (text) => {
		expect(normaliseArxivId(text)).toBeNull();
	});
});

describe('findPaperKeys', () => {
	it('finds ids, arXiv references and links in order, each once', () => {
		const text =
			'see https://arxiv.org/abs/2305.00054v2 and arXiv:hep-th/9901001, also 2304.14548 and <https://arxiv.org/pdf/2305.10246.pdf>; 2305.00054 again';
		expect(findPaperKeys(text)).toEqual(['2305.00054', 'hep-th/9901001', '2304.14548', '2305.10246']);
	});

	it('ignores version numbers and decimals that are not ids', () => {
		expect(findPaperKeys('python 3.11, pi is 3.14159, release 2023.1')).toEqual([]);
	});

	it('finds DOIs and doi.org links among arXiv ids, in order, without the punctuation after them', () => {
		const text =
			'The published one (https://doi.org/10.3389/fncom.2015.00099), its preprint arXiv:2305.00054, and 10.1038/NATURE14539. Also <https://doi.org/10.48550/arXiv.2304.14548>!';
		expect(findPaperKeys(text)).toEqual(['doi:10.3389/fncom.2015.00099', '2305.00054', 'doi:10.1038/nature14539', '2304.14548']);
	});
});

describe('paperSchema', () => {
	it('keeps unknown titles and authors unknown instead of empty', () => {
		const paper = paperSchema.parse({ id: 'arXiv:2304.14548v1', abstract: ' An abstract. ', title: '  ', authors: [] });
		expect(paper).toMatchObject({ id: '2304.14548', title: null, authors: null, abstract: 'An abstract.' });
	});

	it('names every problem of a bad record', () => {
		const result = paperSchema.safeParse({ id: 'not-an-id', abstract: '', published: '2023/05/01' });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.message)).toEqual([
			'"not-an-id" is not an arXiv id, a DOI or a paper key',
			'dates are YYYY-MM-DD, YYYY-MM or YYYY',
		]);
	});
});
