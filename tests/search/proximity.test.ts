import { describe, expect, it } from 'vitest';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { proximityReward, type ProximityWord } from '../../src/search/proximity.js';
import { stemOf } from '../../src/search/text.js';

const paper = (title: string, abstract = 'Nothing to see.', authors: string[] | null = null): Paper =>
	paperSchema.parse({ id: '2101.00001', title, abstract, authors });
/** A query word as the index would give it: its stem, its idf, and as typed when it is the word being typed. */
const word = (typed: string, idf: number, beingTyped = false): ProximityWord => ({
	stem: stemOf(typed),
	typedPrefix: beingTyped ? typed : null,
	idf,
});

describe('proximityReward', () => {
	it('rewards two query words standing together, in order, with the smaller idf of the two', () => {
		expect(proximityReward(paper('Spiking neural networks'), [word('spiking', 2), word('neural', 3)])).toBe(2);
		expect(proximityReward(paper('Spiking neural networks'), [word('spiking', 5), word('neural', 3)])).toBe(3);
	});

	it('gives nothing for the words in the other order or apart', () => {
		expect(proximityReward(paper('Neural spiking networks'), [word('spiking', 2), word('neural', 3)])).toBe(0);
		expect(proximityReward(paper('Spiking deep neural networks'), [word('spiking', 2), word('neural', 3)])).toBe(0);
	});

	it('reads past stop words between them', () => {
		expect(proximityReward(paper('Networks of the neurons'), [word('networks', 2), word('neurons', 3)])).toBe(2);
	});

	it('matches other forms of a word by its stem', () => {
		expect(proximityReward(paper('Spike network'), [word('spiking', 2), word('networks', 3)])).toBe(2);
	});

	it('matches a word whose stem changes its first letters, such as used (us), key (kei) or ice (ic)', () => {
		expect(proximityReward(paper('Used car prices'), [word('used', 2), word('car', 3)])).toBe(2);
		expect(proximityReward(paper('Key value stores'), [word('key', 2), word('value', 3)])).toBe(2);
		expect(proximityReward(paper('Ice sheet models'), [word('ice', 2), word('sheet', 3)])).toBe(2);
	});

	it('reads the title, the author list and the abstract, but no pair across two of them', () => {
		const words = [word('spiking', 2), word('neural', 3)];
		expect(proximityReward(paper('Something else', 'We train spiking neural networks.'), words)).toBe(2);
		expect(proximityReward(paper('Something else', 'Nothing.', ['Spiking Neural']), words)).toBe(2);
		expect(proximityReward(paper('Models that are spiking', 'Neural networks.'), words)).toBe(0);
	});

	it('counts each pair once, however often it occurs', () => {
		expect(
			proximityReward(paper('Spiking neural nets', 'Spiking neural codes and spiking neural chips.'), [
				word('spiking', 2),
				word('neural', 3),
			]),
		).toBe(2);
	});

	it('adds up the pairs of a longer query', () => {
		const words = [word('spiking', 2), word('neural', 3), word('networks', 1)];
		expect(proximityReward(paper('Spiking neural networks'), words)).toBe(3);
		expect(proximityReward(paper('Spiking neural models', 'Deep neural networks.'), words)).toBe(3);
		expect(proximityReward(paper('Spiking models', 'Deep neural networks.'), words)).toBe(1);
	});

	it('pairs a null word with nothing, so it also breaks the pair around it', () => {
		expect(proximityReward(paper('Spiking neural networks'), [word('spiking', 2), null, word('networks', 1)])).toBe(0);
		expect(proximityReward(paper('Spiking networks'), [word('spiking', 2), null, word('networks', 1)])).toBe(0);
	});

	it('lets the word being typed match any word it begins', () => {
		expect(proximityReward(paper('Spiking neuromorphic chips'), [word('spiking', 2), word('neuro', 3, true)])).toBe(2);
		expect(proximityReward(paper('Spiking neuromorphic chips'), [word('spiking', 2), word('neuro', 3)])).toBe(0);
	});

	it('is 0 for fewer than two words', () => {
		expect(proximityReward(paper('Spiking networks'), [])).toBe(0);
		expect(proximityReward(paper('Spiking networks'), [word('spiking', 2)])).toBe(0);
	});
});
