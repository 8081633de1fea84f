import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { corpusAuthorOf, isCommonName } from '../../src/feed/authors.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { termsOf } from '../../src/search/text.js';

const paper = (id: string, authors: string[], published = '2025-01-01'): Paper =>
	paperSchema.parse({ id, title: `Paper ${id}`, authors, abstract: 'An abstract.', categories: ['cs.NE'], published });

const corpus = buildSearchIndex([
	paper('2501.00001', ['André Müller', 'Yi Zeng']),
	paper('2502.00002', ['André Müller', 'Zoë Smith'], '2025-02-01'),
	paper('2503.00003', ['Yi Zeng', 'Dongcheng Zhao']),
]);

describe('isCommonName', () => {
	it('takes an initial, a single word or a short full name as a name many people share', () => {
		expect(['Y. Zeng', 'Zeng', 'Yi Zeng', 'Wei Wang'].map((name) => isCommonName(termsOf(name)))).toEqual([true, true, true, true]);
		expect(['Dongcheng Zhao', 'André Müller'].map((name) => isCommonName(termsOf(name)))).toEqual([false, false]);
	});
});

describe('corpusAuthorOf', () => {
	it('names an author of a corpus paper, folded as search folds names, with their newest corpus paper', () => {
		expect(corpusAuthorOf(corpus, paper('2601.00001', ['Someone Else', 'Andre Muller']), false)).toEqual({
			name: 'Andre Muller',
			paper: corpus.papers.at(1),
		});
	});

	it('asks a second signal of a common name: another shared author, or closeness to the lab', () => {
		expect(corpusAuthorOf(corpus, paper('2601.00002', ['Yi Zeng', 'Someone Else']), false)).toBeNull();
		expect(corpusAuthorOf(corpus, paper('2601.00003', ['Yi Zeng', 'Someone Else']), true)?.paper.id).toBe('2503.00003');
		expect(corpusAuthorOf(corpus, paper('2601.00004', ['Yi Zeng', 'Dongcheng Zhao']), false)).toMatchObject({
			name: 'Yi Zeng',
			paper: { id: '2503.00003' },
		});
	});

	it('finds no one in a paper without authors or with none from the corpus', () => {
		expect(corpusAuthorOf(corpus, { ...paper('2601.00005', []), authors: null }, true)).toBeNull();
		expect(corpusAuthorOf(corpus, paper('2601.00006', ['Zoe Smithson']), true)).toBeNull();
	});
});
