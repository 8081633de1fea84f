import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { centroid, cosines, SimilaritySpace, upperFence } from '../../src/search/similarity.js';

const paper = (number: string, title: string, abstract: string): Paper => paperSchema.parse({ id: `2401.0000${number}`, title, abstract });

const spiking = paper('1', 'Spiking neural networks', 'Surrogate gradients train spiking neural networks on neuromorphic data.');
const spikingAgain = paper('2', 'Training spiking neural networks', 'Spiking neural networks learn with surrogate gradients.');
const robots = paper('3', 'Legged robots', 'Model predictive control lets quadruped robots walk on rough terrain.');

describe('SimilaritySpace', () => {
	it('gives a paper cosine 1 with itself, more with a paper on its topic than with one off it', () => {
		const space = new SimilaritySpace([spiking, spikingAgain, robots]);
		const [self, near, far] = cosines(
			space.vector(spiking),
			[spiking, spikingAgain, robots].map((other) => space.vector(other)),
		);
		expect(self).toBeCloseTo(1, 6);
		expect(near).toBeGreaterThan(far!);
		expect(far).toBe(0);
	});

	it('counts the terms the background lacks into a paper’s length, without sharing them', () => {
		const space = new SimilaritySpace([spiking, robots]);
		const outside = paper('4', 'Spiking neural networks for wholly unheard-of zebrafish', 'Spiking neural networks meet zebrafish larvae.');
		const vector = space.vector(outside);
		const [self] = cosines(vector, [vector]);
		expect(self).toBeGreaterThan(0);
		expect(self).toBeLessThan(1);
		expect(cosines(space.vector(paper('5', 'Zebrafish', 'Larvae.')), [space.vector(spiking)])[0]).toBe(0);
	});
});

describe('centroid', () => {
	it('is a unit vector closest to what the papers share', () => {
		const space = new SimilaritySpace([spiking, spikingAgain, robots]);
		const centre = centroid([spiking, spikingAgain].map((each) => space.vector(each)));
		expect(cosines(centre, [centre])[0]).toBeCloseTo(1, 6);
		const [toSpiking, toRobots] = cosines(centre, [space.vector(spiking), space.vector(robots)]);
		expect(toSpiking).toBeGreaterThan(toRobots!);
	});
});

describe('upperFence', () => {
	it('reaches the given share of the interquartile range above the upper quartile', () => {
		expect(upperFence([1, 2, 3, 4, 5], 0)).toBe(4);
		expect(upperFence([1, 2, 3, 4, 5], 0.5)).toBe(5);
	});
});

describe('SimilaritySpace.sharedTerms', () => {
	it('names the terms two papers share, strongest first, each word once, and nothing they do not share', () => {
		const space = new SimilaritySpace([spiking, spikingAgain, robots]);
		const shared = space.sharedTerms(space.vector(spiking), space.vector(spikingAgain), 5);
		expect(shared).toEqual(['spiking', 'neural', 'networks', 'surrogate', 'gradients']);
		expect(space.sharedTerms(space.vector(spiking), space.vector(spikingAgain), 2)).toEqual(['spiking', 'neural']);
		expect(space.sharedTerms(space.vector(spiking), space.vector(robots), 3)).toEqual([]);
	});
});
