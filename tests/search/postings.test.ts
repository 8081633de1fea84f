import { describe, expect, it } from 'vitest';
import { paperSchema, type Paper, type PaperRecord } from '../../src/corpus/paper.js';
import {
	buildPostings,
	documentFrequency,
	findStem,
	findTerm,
	inverseDocumentFrequency,
	prefixRange,
	type Postings,
} from '../../src/search/postings.js';
import { stemOf } from '../../src/search/text.js';

const papersOf = (records: Omit<PaperRecord, 'id'>[]): Paper[] =>
	records.map((record, n) => paperSchema.parse({ id: `2101.${String(n + 1).padStart(5, '0')}`, ...record }));

const spikingGan = {
	title: 'Spiking Generative Adversarial Network',
	authors: ['Yi Zeng'],
	abstract: 'We train spiking networks on CIFAR-10.',
	categories: ['cs.NE'],
	comment: '12 pages, 3 figures, accepted at ICLR',
};
const graphNetworks = { title: 'Graph networks', abstract: 'The spike trains of a graph.', venue: 'NeurIPS' };
const postings = buildPostings(papersOf([spikingGan, graphNetworks]));

/** Paper number → impact (as stored, times its term's scale), for the term `stem`. */
const impactsOf = (index: Postings, stem: string) => {
	const term = findStem(index, stem);
	const entries: [number, number][] = [];
	for (let at = index.offsets[term]!; at < index.offsets[term + 1]!; at++)
		entries.push([index.papers[at]!, index.impacts[at]! * index.scales[term]!]);
	return new Map(entries);
};

describe('buildPostings', () => {
	it('keeps one sorted entry per stem, and every word as written, sorted, pointing at its stem', () => {
		expect(postings.terms).toEqual([...new Set(postings.terms)].sort());
		expect(postings.words).toEqual([...new Set(postings.words)].sort());
		expect(postings.wordTerms).toHaveLength(postings.words.length);
		for (const [at, word] of postings.words.entries()) expect(postings.wordTerms[at], word).toBe(findStem(postings, stemOf(word)));
		expect(postings.terms[findTerm(postings, 'spiking')]).toBe('spike');
		expect(postings.terms[findTerm(postings, 'networks')]).toBe('network');
	});

	it('lists each term’s papers in ascending order, one entry per paper however many fields hold it', () => {
		expect([...impactsOf(postings, 'spike').keys()]).toEqual([0, 1]);
		expect([...impactsOf(postings, 'network').keys()]).toEqual([0, 1]);
		expect([...impactsOf(postings, 'graph').keys()]).toEqual([1]);
		expect(postings.offsets[0]).toBe(0);
		expect(postings.offsets[postings.terms.length]).toBe(postings.papers.length);
		expect(postings.paperCount).toBe(2);
	});

	it('indexes the title, authors, abstract, categories, venue, comment and the title’s acronyms', () => {
		for (const word of ['spiking', 'zeng', 'cifar', '10', 'cs', 'ne', 'neurips', 'iclr', 'accepted', 'gan', 'sgan']) {
			expect(findTerm(postings, word), word).toBeGreaterThanOrEqual(0);
		}
	});

	it('leaves out stop words and the page and figure counts of a comment', () => {
		for (const word of ['the', 'of', 'a', 'at', 'on', 'pages', 'figures', '12', '3']) expect(findTerm(postings, word), word).toBe(-1);
	});

	it('weighs a word in the title above the same word in an abstract of the same length', () => {
		const index = buildPostings(
			papersOf([
				{ title: 'Quantum sensing', abstract: 'Cold atoms.' },
				{ title: 'Cold sensing', abstract: 'Quantum atoms.' },
			]),
		);
		const quantum = impactsOf(index, 'quantum');
		expect(quantum.get(0)!).toBeGreaterThan(quantum.get(1)!);
	});

	it('scores a word used more often higher, with diminishing returns', () => {
		const index = buildPostings(
			papersOf([{ abstract: 'laser cooling beam' }, { abstract: 'laser laser beam' }, { abstract: 'other words here' }]),
		);
		const laser = impactsOf(index, 'laser');
		expect(laser.get(1)!).toBeGreaterThan(laser.get(0)!);
		expect(laser.get(1)!).toBeLessThan(2 * laser.get(0)!);
	});

	it('scores a rarer word higher at the same count', () => {
		const index = buildPostings(papersOf([{ abstract: 'laser cooling' }, { abstract: 'laser trapping' }, { abstract: 'other words' }]));
		expect(impactsOf(index, 'cool').get(0)!).toBeGreaterThan(impactsOf(index, 'laser').get(0)!);
	});

	it('builds empty postings for no papers', () => {
		const empty = buildPostings([]);
		expect(empty.terms).toEqual([]);
		expect([...empty.offsets]).toEqual([0]);
		expect(empty.paperCount).toBe(0);
	});
});

describe('findTerm', () => {
	it('finds a word only as indexed, folded and unstemmed, else -1', () => {
		expect(findTerm(postings, 'spiking')).toBe(findStem(postings, 'spike'));
		expect(findTerm(postings, 'spikes')).toBe(-1);
		expect(findTerm(postings, 'Spiking')).toBe(-1);
		expect(findTerm(postings, 'zzz')).toBe(-1);
	});
});

describe('findStem', () => {
	it('finds a stem’s position in the vocabulary, else -1', () => {
		expect(postings.terms[findStem(postings, 'network')]).toBe('network');
		expect(findStem(postings, 'networks')).toBe(-1);
		expect(findStem(postings, '')).toBe(-1);
	});
});

describe('prefixRange', () => {
	it('spans exactly the indexed words that start with the prefix', () => {
		const [start, end] = prefixRange(postings, 'sp');
		expect(postings.words.slice(start, end)).toEqual(['spike', 'spiking']);
		expect(postings.words.filter((word) => word.startsWith('sp'))).toEqual(['spike', 'spiking']);
	});

	it('is empty where no word starts with the prefix, and everything for the empty prefix', () => {
		const [start, end] = prefixRange(postings, 'zz');
		expect(end - start).toBe(0);
		expect(prefixRange(postings, '')).toEqual([0, postings.words.length]);
	});
});

describe('documentFrequency', () => {
	it('counts the papers holding a term', () => {
		expect(documentFrequency(postings, findStem(postings, 'spike'))).toBe(2);
		expect(documentFrequency(postings, findStem(postings, 'graph'))).toBe(1);
	});
});

describe('inverseDocumentFrequency', () => {
	it('falls as a term is in more papers, and stays above 0 for a term in every paper', () => {
		expect(inverseDocumentFrequency(10, 1)).toBeGreaterThan(inverseDocumentFrequency(10, 5));
		expect(inverseDocumentFrequency(10, 5)).toBeGreaterThan(inverseDocumentFrequency(10, 10));
		expect(inverseDocumentFrequency(10, 10)).toBeGreaterThan(0);
	});

	it('is BM25’s log(1 + (N − n + 0.5) / (n + 0.5))', () => {
		expect(inverseDocumentFrequency(10, 5)).toBeCloseTo(Math.log(2), 12);
	});
});
