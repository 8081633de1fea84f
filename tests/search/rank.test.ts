import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { paperSchema } from '../../src/corpus/paper.js';
import { buildPostings, type Postings } from '../../src/search/postings.js';
import {
	accumulateScores,
	createScoreBuffers,
	expandWord,
	topScored,
	type ScoreBuffers,
	type TermExpansion,
} from '../../src/search/rank.js';

/** Papers 0–3 and three terms, with round impacts: alpha in 0 (1) and 2 (2), beta in 1 (4), gamma in 0 (0.5) and 1 (3). */
const postings: Postings = {
	terms: ['alpha', 'beta', 'gamma'],
	offsets: Uint32Array.of(0, 2, 3, 5),
	papers: Uint32Array.of(0, 2, 1, 0, 1),
	impacts: Uint16Array.of(2, 4, 8, 1, 6),
	scales: Float32Array.of(0.5, 0.5, 0.5),
	paperCount: 4,
	words: ['alpha', 'beta', 'gamma'],
	wordTerms: Uint32Array.of(0, 1, 2),
};
const ALPHA = 0;
const BETA = 1;
const GAMMA = 2;

const scoresAfter = (buffers: ScoreBuffers, words: TermExpansion[][]) => {
	accumulateScores(postings, buffers, words);
	const touched = [...buffers.touched.subarray(0, buffers.touchedCount)];
	return Object.fromEntries(touched.map((paperNo) => [paperNo, buffers.scores[paperNo]]));
};

describe('createScoreBuffers', () => {
	it('holds a score, a generation and a touched slot per paper, nothing touched yet', () => {
		const buffers = createScoreBuffers(4);
		expect(buffers.scores).toHaveLength(4);
		expect(buffers.generation).toHaveLength(4);
		expect(buffers.touched).toHaveLength(4);
		expect(buffers.touchedCount).toBe(0);
	});
});

describe('accumulateScores', () => {
	it('adds each matched term’s impact times its weight, per paper, and lists the papers touched', () => {
		const buffers = createScoreBuffers(4);
		expect(scoresAfter(buffers, [[{ term: ALPHA, weight: 1 }], [{ term: GAMMA, weight: 2 }]])).toEqual({ 0: 2, 1: 6, 2: 2 });
	});

	it('adds up several expansions of one word', () => {
		const buffers = createScoreBuffers(4);
		expect(
			scoresAfter(buffers, [
				[
					{ term: ALPHA, weight: 0.5 },
					{ term: BETA, weight: 0.25 },
				],
			]),
		).toEqual({ 0: 0.5, 1: 1, 2: 1 });
	});

	it('starts each query afresh: a paper the last query touched keeps none of its score', () => {
		const buffers = createScoreBuffers(4);
		scoresAfter(buffers, [[{ term: GAMMA, weight: 1 }]]);
		expect(scoresAfter(buffers, [[{ term: BETA, weight: 1 }]])).toEqual({ 1: 4 });
		expect(topScored(buffers, 10, null)).toEqual([{ paperNo: 1, score: 4 }]);
	});

	it('touches nothing for a query without terms', () => {
		const buffers = createScoreBuffers(4);
		scoresAfter(buffers, [[{ term: ALPHA, weight: 1 }]]);
		expect(scoresAfter(buffers, [[], []])).toEqual({});
		expect(topScored(buffers, 10, null)).toEqual([]);
	});
});

describe('topScored', () => {
	/** Scores 0: 2, 1: 6, 2: 2 — papers 0 and 2 tie. */
	const scored = () => {
		const buffers = createScoreBuffers(4);
		accumulateScores(postings, buffers, [[{ term: ALPHA, weight: 1 }], [{ term: GAMMA, weight: 2 }]]);
		return buffers;
	};

	it('returns the touched papers best first, a tie going to the lower paper number', () => {
		expect(topScored(scored(), 10, null)).toEqual([
			{ paperNo: 1, score: 6 },
			{ paperNo: 0, score: 2 },
			{ paperNo: 2, score: 2 },
		]);
	});

	it('keeps the best `limit` papers', () => {
		expect(topScored(scored(), 2, null).map(({ paperNo }) => paperNo)).toEqual([1, 0]);
		expect(topScored(scored(), 1, null).map(({ paperNo }) => paperNo)).toEqual([1]);
	});

	it('keeps only papers `accept` passes', () => {
		expect(topScored(scored(), 2, (paperNo) => paperNo !== 1).map(({ paperNo }) => paperNo)).toEqual([0, 2]);
		expect(topScored(scored(), 2, () => false)).toEqual([]);
	});

	it('asks `accept` only about papers good enough to enter the results', () => {
		const asked: number[] = [];
		// Touched in the order 0, 2, 1: once paper 0 holds the one place, paper 2 (tied, higher number) cannot take it.
		topScored(scored(), 1, (paperNo) => {
			asked.push(paperNo);
			return true;
		});
		expect(asked).toEqual([0, 1]);
	});

	it('ranks many papers as a full sort would', () => {
		const count = 500;
		const many: Postings = {
			terms: ['word'],
			offsets: Uint32Array.of(0, count),
			papers: Uint32Array.from({ length: count }, (_, n) => n),
			impacts: Uint16Array.from({ length: count }, (_, n) => (n * 7919) % 101),
			scales: Float32Array.of(1),
			paperCount: count,
			words: ['word'],
			wordTerms: Uint32Array.of(0),
		};
		const buffers = createScoreBuffers(count);
		accumulateScores(many, buffers, [[{ term: 0, weight: 1 }]]);
		const expected = [...many.papers]
			.map((paperNo) => ({ paperNo, score: many.impacts[paperNo]! }))
			.sort((a, b) => b.score - a.score || a.paperNo - b.paperNo)
			.slice(0, 30);
		expect(topScored(buffers, 30, null)).toEqual(expected);
	});
});

describe('expandWord', () => {
	const rareWords = [
		'graph networks',
		'graphene sheets',
		'graphical models',
		'graphic design',
		'wasserstein distance',
		'spiking network',
		'weatherproof housing',
	];
	/** Every filler has "weather": a word in more than a twentieth of the papers. */
	const fillers = Array.from({ length: 40 }, (_, n) => `weather report ${n}`);
	const papers = [...rareWords, ...fillers].map((abstract, n) => paperSchema.parse({ id: `2101.${String(n).padStart(5, '0')}`, abstract }));
	const index = buildPostings(papers);
	const fuzzyWords = SearchableMap.from(index.words.map((word, position) => [word, position] as [string, number]));
	const expand = (word: string, isLast: boolean) =>
		expandWord(index, fuzzyWords, word, isLast).map(({ term, weight }) => ({ stem: index.terms[term]!, weight }));

	it('gives a known word its own stem at full weight, and nothing more when it is not the last', () => {
		expect(expand('graph', false)).toEqual([{ stem: 'graph', weight: 1 }]);
	});

	it('finds a form no paper has through its stem', () => {
		expect(expand('networks', false)).toEqual([{ stem: 'network', weight: 1 }]);
		expect(expand('spiked', false)).toEqual([{ stem: 'spike', weight: 1 }]);
	});

	it('adds the stems of the words the last word begins, each below the word itself, a stem by its shortest word and the shorter above the longer', () => {
		const expansions = expand('graph', true);
		expect(expansions[0]).toEqual({ stem: 'graph', weight: 1 });
		const completions = new Map(expansions.slice(1).map(({ stem, weight }) => [stem, weight]));
		expect([...completions.keys()].sort()).toEqual(['graphen', 'graphic']);
		for (const weight of completions.values()) {
			expect(weight).toBeGreaterThan(0);
			expect(weight).toBeLessThan(1);
		}
		// graphic (7 letters, beside graphical) is closer to graph than graphene (8).
		expect(completions.get('graphic')!).toBeGreaterThan(completions.get('graphen')!);
	});

	it('completes a last word no paper has whole', () => {
		expect(expand('wass', true).map(({ stem }) => stem)).toEqual(['wasserstein']);
		expect(expand('wass', false)).toEqual([]);
	});

	it('takes a common last word as finished, and does not complete a single letter', () => {
		expect(expand('weather', true)).toEqual([{ stem: 'weather', weight: 1 }]);
		expect(expand('g', true)).toEqual([]);
	});

	it('falls back to near spellings only when nothing else matched: one edit up to 7 letters, two from 8', () => {
		const [near] = expand('wasserstien', false);
		expect(near?.stem).toBe('wasserstein');
		expect(near!.weight).toBeLessThan(1);
		expect(expand('netwrk', false).map(({ stem }) => stem)).toEqual(['network']);
		expect(expand('netwk', false)).toEqual([]);
		expect(expand('grph', false).map(({ stem }) => stem)).toEqual(['graph']);
		expect(expand('grp', false)).toEqual([]);
	});

	it('takes at most 12 completions, the most frequent', () => {
		// Word i (abqaz, abqbz, …) is in i + 1 papers: the two rarest, abqaz and abqbz, are left out.
		const made = Array.from({ length: 14 }, (_, i) => `abq${String.fromCharCode(97 + i)}z`);
		const abstracts = made.flatMap((word, i) => Array.from({ length: i + 1 }, () => `${word} sample`));
		const crowded = buildPostings(
			abstracts.map((abstract, n) => paperSchema.parse({ id: `2101.${String(n).padStart(5, '0')}`, abstract })),
		);
		const crowdedFuzzy = SearchableMap.from(crowded.words.map((word, position) => [word, position] as [string, number]));
		const stems = expandWord(crowded, crowdedFuzzy, 'abq', true).map(({ term }) => crowded.terms[term]!);
		expect(stems.sort()).toEqual(made.slice(2).sort());
	});
});
