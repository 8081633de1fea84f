import { describe, expect, it } from 'vitest';
import { parseIdList } from '../../src/arxiv/id-list.js';

describe('parseIdList', () => {
	it('reads ids one per line, normalised and versionless', () => {
		expect(parseIdList('2305.00054v2\nhttps://arxiv.org/abs/2306.02368\r\narXiv:hep-th/9711200\n')).toEqual({
			ids: ['2305.00054', '2306.02368', 'hep-th/9711200'],
			invalid: [],
		});
	});

	it('reads ids separated by spaces, tabs or commas on one line', () => {
		expect(parseIdList('2305.00054 2306.02368\t2305.14174, 2305.11484').ids).toEqual([
			'2305.00054',
			'2306.02368',
			'2305.14174',
			'2305.11484',
		]);
	});

	it('skips comments and blank lines, but keeps a link whose fragment starts with #', () => {
		const text =
			'# papers for the reading group\n\n2305.00054  # LAVA\n   # 2306.02368 not this one\nhttps://arxiv.org/abs/2305.14174#abstract\n';
		expect(parseIdList(text)).toEqual({ ids: ['2305.00054', '2305.14174'], invalid: [] });
	});

	it('lists each id once, in first-seen order', () => {
		expect(parseIdList('2306.02368\n2305.00054\narXiv:2306.02368v1').ids).toEqual(['2306.02368', '2305.00054']);
	});

	it('reports words that are not arXiv ids as written', () => {
		expect(parseIdList('2305.00054 attention-is-all 12345\n')).toEqual({ ids: ['2305.00054'], invalid: ['attention-is-all', '12345'] });
	});

	it('reads DOIs and doi.org links as doi: keys, and arXiv DOIs as arXiv ids', () => {
		expect(parseIdList('10.1145/3292500.3330701  # Optuna\nhttps://doi.org/10.1038/NATURE14539, 10.48550/arXiv.2305.00054\n').ids).toEqual([
			'doi:10.1145/3292500.3330701',
			'doi:10.1038/nature14539',
			'2305.00054',
		]);
	});

	it('ignores a byte order mark at the start of the file', () => {
		expect(parseIdList('\uFEFF2305.00054\n')).toEqual({ ids: ['2305.00054'], invalid: [] });
	});
});
