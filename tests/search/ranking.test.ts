import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { buildSearchIndex, searchPapers, type PaperIndex } from '../../src/search/paper-index.js';

const SHIPPED = new URL('../../data/', import.meta.url).pathname;
/** Real arXiv titles that once outranked the shipped papers, their abstracts retold in fewer words. */
const CROWD = new URL('../fixtures/search/crowd.jsonl', import.meta.url).pathname;

/** Words common in any real corpus: each filler paper has one, so they are as common here. */
const COMMON_WORDS = ['state', 'machine', 'distance', 'matrices', 'learning', 'molecules', 'cycling'];
/** About 150 words, as long as a real abstract, one common word among them. */
const FILLER_ABSTRACT = (n: number) =>
	`We report the rain, wind and sunshine of day ${n} in a ${COMMON_WORDS[n % COMMON_WORDS.length]} of the weather. `.repeat(8);
/** Papers about none of the queries' topics, so that the queries' words are as rare or common as in a real corpus. */
const fillers = Array.from({ length: 60 }, (_, n) =>
	paperSchema.parse({ id: `2502.${String(n).padStart(5, '0')}`, title: `Weather report ${n}`, abstract: FILLER_ABSTRACT(n) }),
);

let shipped: PaperIndex;
let mixed: PaperIndex;
const ids = (results: { paper: { id: string } }[]) => results.map((result) => result.paper.id);

beforeAll(async () => {
	const shippedPapers = (await loadCorpus(SHIPPED)).papers;
	shipped = buildSearchIndex(shippedPapers);
	mixed = buildSearchIndex([...(await loadCorpus(CROWD)).papers, ...fillers, ...shippedPapers]);
});

describe('searchPapers ranking among other papers', () => {
	it.each([
		['liquid state machine', '2304.01015', 'a liquid metal sensor paper'],
		['hadronic symmetry violation', '2304.14548', 'CaloHadronic, a word that merely contains "hadronic"'],
		['photon cycling polyatomic molecules', '2304.14548', 'a single-photon sensing paper'],
		['Earth-Mover distance', '2305.10246', 'a distance-aware ranking paper'],
		['Representational Dissimilarity Matrices', '2304.10749', 'a brain connectivity matrices paper'],
	])('puts the paper whose abstract says "%s" first (%s), above %s', (query, wanted) => {
		expect(ids(searchPapers(mixed, query))[0]).toBe(wanted);
	});

	it('lets rare abstract words outweigh one common title word', () => {
		const results = ids(searchPapers(mixed, 'liquid state machine'));
		expect(results.indexOf('2304.01015')).toBeLessThan(results.indexOf('2509.17389'));
	});
});

describe('searchPapers tokens', () => {
	const cifarPapers = ['2305.14174', '2305.10246', '2304.10749', '2304.06540'];

	it('finds the four papers that use CIFAR10 for "CIFAR-10", and not the one whose comment says "10 pages"', () => {
		const results = ids(searchPapers(shipped, 'CIFAR-10'));
		expect(results.slice(0, 4).sort()).toEqual([...cifarPapers].sort());
		expect(results).not.toContain('2304.14548');
	});

	it('reads CIFAR-10, CIFAR10 and CIFAR 10 alike', () => {
		const hyphen = ids(searchPapers(shipped, 'CIFAR-10'));
		expect(ids(searchPapers(shipped, 'CIFAR10'))).toEqual(hyphen);
		expect(ids(searchPapers(shipped, 'CIFAR 10'))).toEqual(hyphen);
	});

	it('does not match page and figure counts in comments', () => {
		expect(ids(searchPapers(shipped, 'pages figures'))).toEqual([]);
	});

	it('matches other forms of a word through its stem', () => {
		expect(ids(searchPapers(shipped, 'distilling'))[0]).toBe('2306.02368');
		expect(ids(searchPapers(shipped, 'liquid state machines'))[0]).toBe('2304.01015');
	});

	it('ranks a paper with the exact word above one with a longer word it begins, even in a title', () => {
		const index = buildSearchIndex([
			paperSchema.parse({
				id: '2501.00001',
				title: 'Graphene transistors at room temperature',
				abstract: 'Graphene transistors switch at room temperature.',
			}),
			paperSchema.parse({
				id: '2501.00002',
				title: 'Phonons in thin films',
				abstract: 'We read the phonon spectrum from a graph of the film thickness.',
			}),
			...fillers,
		]);
		expect(ids(searchPapers(index, 'graph'))[0]).toBe('2501.00002');
	});
});
