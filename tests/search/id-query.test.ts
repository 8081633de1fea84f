import { describe, expect, it } from 'vitest';
import { paperSchema } from '../../src/corpus/paper.js';
import { idNotInCorpus } from '../../src/search/id-query.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';

const index = buildSearchIndex([
	paperSchema.parse({ id: '2101.00001', title: 'Spiking networks', abstract: 'Spikes.' }),
	paperSchema.parse({ id: 'hep-th/9901001', title: 'Strings', abstract: 'Strings on curved backgrounds.' }),
]);

describe('idNotInCorpus', () => {
	it('returns the versionless id of a missing paper, however it is written', () => {
		for (const query of [
			'2101.09999',
			'arXiv:2101.09999v3',
			'https://arxiv.org/abs/2101.09999',
			'<https://arxiv.org/pdf/2101.09999v2.pdf>',
			'  2101.09999  ',
		]) {
			expect(idNotInCorpus(index, query), query).toBe('2101.09999');
		}
		expect(idNotInCorpus(index, 'hep-th/9902002v1')).toBe('hep-th/9902002');
		expect(idNotInCorpus(index, '1412.1234')).toBe('1412.1234');
	});

	it('returns null for a paper the corpus has, in any of those forms', () => {
		for (const query of ['2101.00001', 'arXiv:2101.00001v2', 'arxiv.org/abs/2101.00001', 'hep-th/9901001v3']) {
			expect(idNotInCorpus(index, query), query).toBeNull();
		}
	});

	it('reads the id beside filters', () => {
		expect(idNotInCorpus(index, '2101.09999 year:2021')).toBe('2101.09999');
		expect(idNotInCorpus(index, 'author:"Yi Zeng" arXiv:2101.09999')).toBe('2101.09999');
	});

	it('returns null when the query holds more than an id, or no id', () => {
		expect(idNotInCorpus(index, '2101.09999 spiking')).toBeNull();
		expect(idNotInCorpus(index, 'spiking networks')).toBeNull();
		expect(idNotInCorpus(index, '2101.099')).toBeNull();
		expect(idNotInCorpus(index, 'https://example.org/abs/2101.09999')).toBeNull();
		expect(idNotInCorpus(index, '')).toBeNull();
	});
});
