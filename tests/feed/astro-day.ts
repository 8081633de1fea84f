import { type Paper, paperSchema } from '../../src/corpus/paper.js';

const paper = (id: string, title: string, abstract: string, categories: string[]): Paper =>
	paperSchema.parse({ id, title, abstract, categories, authors: [`Author ${id}`], published: '2026-03-02' });

/** A small astrophysics lab: four papers on galaxies and their gas, one of them on cold gas. */
export const ASTRO_CORPUS: Paper[] = [
	paper(
		'2501.00001',
		'Cold gas accretion onto massive galaxies at cosmic noon',
		'We measure molecular gas reservoirs of massive star-forming galaxies and show that cold gas accretion from the cosmic web sustains their star formation rates across the dark matter halo mass range.',
		['astro-ph.GA'],
	),
	paper(
		'2501.00002',
		'Star formation quenching in massive galaxies by active galactic nuclei',
		'Feedback from active galactic nuclei heats the gas of massive galaxies and quenches their star formation; we compare star formation rates with black hole accretion in galaxy surveys.',
		['astro-ph.GA'],
	),
	paper(
		'2501.00003',
		'Dark matter halo masses of star-forming galaxies from weak lensing',
		'Weak gravitational lensing of background galaxies measures the dark matter halo masses of star-forming galaxies, linking halo mass to the star formation rates and gas content of galaxies.',
		['astro-ph.CO'],
	),
	paper(
		'2501.00004',
		'Molecular gas and star formation efficiency in nearby spiral galaxies',
		'Resolved maps of molecular gas in nearby spiral galaxies show that the star formation efficiency of the gas varies with the galaxy environment and the dark matter halo.',
		['astro-ph.GA'],
	),
];

/** A cs.NE day: evolutionary and neural-network papers, and a recommender paper that shares only "cold" with the lab. */
export const NE_DAY: Paper[] = [
	paper(
		'2603.10001',
		'Solving the cold start problem in session-based recommender systems',
		'Cold users and cold items leave recommender systems with a cold start; we meta-learn embeddings from a few clicks for session-based recommendation on e-commerce logs.',
		['cs.IR', 'cs.NE'],
	),
	...[
		[
			'Evolutionary neural architecture search with surrogate models',
			'We search neural architectures with an evolutionary algorithm whose fitness evaluations are replaced by a learned surrogate model.',
		],
		[
			'Spiking neural networks trained with surrogate gradients',
			'Surrogate gradient descent trains deep spiking neural networks on event-based vision benchmarks with few spikes.',
		],
		[
			'Covariance matrix adaptation for noisy black-box optimisation',
			'We adapt the step size of the covariance matrix adaptation evolution strategy to noisy objective functions.',
		],
		[
			'Neuroevolution of recurrent controllers for robot locomotion',
			'Genetic algorithms evolve the weights and topologies of recurrent neural controllers for legged robots.',
		],
		[
			'Hebbian plasticity rules discovered by genetic programming',
			'Genetic programming discovers local Hebbian learning rules that let recurrent networks learn associative memory tasks.',
		],
		[
			'Population-based training of reinforcement learning agents',
			'A population of agents shares hyperparameters and weights during training, exploiting and exploring schedules of learning rates.',
		],
		[
			'Multi-objective evolutionary algorithms for feature selection',
			'We select features for classification with a multi-objective genetic algorithm trading accuracy against the number of features.',
		],
		[
			'Dendritic computation in artificial neurons',
			'Artificial neurons with nonlinear dendritic branches solve tasks that point neurons cannot, with fewer parameters in the network.',
		],
	].map(([title, abstract], n) => paper(`2603.1000${n + 2}`, title!, abstract!, ['cs.NE'])),
];

/** The recommender paper of {@link NE_DAY}. */
export const COLD_START = NE_DAY[0]!;
