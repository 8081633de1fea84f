import type { FeedEntry } from '../arxiv/feed-stand-in.js';

/** The announcement date of {@link FEED_DAY}. */
export const FEED_DATE = '2026-03-02';

/** Entries close to the shipped corpus (spiking networks; poisoned knowledge distillation), most relevant first. */
export const ON_TOPIC: FeedEntry[] = [
	{
		id: '2603.01001',
		title: 'Temporal Heterogeneity Improves Training of Spiking Neural Networks',
		creators: 'Andr\\\'e M\\"uller, Zo\\"e Smith',
		abstract:
			'Spiking neural networks (SNNs) process information with binary spikes over time. We show that heterogeneous membrane time constants across spiking neurons improve the stability and performance of SNN training with surrogate gradients, and that temporal dependencies between spikes can be enhanced by neuronal heterogeneity on image classification benchmarks.',
		categories: ['cs.NE', 'cs.LG'],
		type: 'new',
	},
	{
		id: '2603.01002',
		title: 'Detecting Poisoned Teachers in Data-Free Knowledge Distillation',
		creators: 'Jiayu Zhou, Junyuan Hong',
		abstract:
			'Data-free knowledge distillation transfers knowledge from a pre-trained teacher to a student without the training data. A poisoned teacher with a backdoor transfers the backdoor to the student. We detect poisoned teachers by synthesising samples and measuring backdoor knowledge transferred during distillation.',
		categories: ['cs.LG', 'cs.CR'],
		type: 'cross',
	},
];

/** Entries far from the corpus. */
export const OFF_TOPIC: FeedEntry[] = [
	{
		id: '2603.02001',
		title: 'Legged Robot Locomotion over Rough Terrain with Model Predictive Control',
		creators: 'Rob Walker',
		abstract:
			'We present a model predictive controller for quadruped locomotion on rough terrain that plans footholds from terrain maps and tracks them with whole-body control on hardware.',
		categories: ['cs.RO'],
		type: 'new',
	},
	{
		id: '2603.02002',
		title: 'Query Optimisation for Distributed Graph Databases',
		creators: 'Gail Query',
		abstract:
			'Distributed graph databases answer path queries across partitions. We propose a cost model for join ordering over partitioned property graphs and reduce network traffic in query execution.',
		categories: ['cs.DB'],
		type: 'new',
	},
	{
		id: '2603.02003',
		title: 'A Survey of Compiler Autotuning',
		creators: 'Cody Flags',
		abstract:
			'Compilers expose hundreds of optimisation flags. We survey autotuning methods that search flag settings and loop transformations for faster programs on modern processors.',
		categories: ['cs.PL'],
		type: 'new',
	},
	{
		id: '2603.02004',
		title: 'Verified Parsing of Network Packets',
		creators: 'Vera Proof',
		abstract:
			'Packet parsers are a common source of security bugs in routers. We generate parsers from formal grammars with machine-checked proofs that they accept exactly the specified packet formats.',
		categories: ['cs.LO', 'cs.NI'],
		type: 'new',
	},
	{
		id: '2603.02005',
		title: 'Fair Allocation of Indivisible Chores',
		creators: 'Ann Share',
		abstract:
			'We study the fair division of indivisible chores among agents with additive costs, and give polynomial algorithms for approximate envy-freeness up to one chore.',
		categories: ['cs.GT'],
		type: 'new',
	},
	{
		id: '2603.02006',
		title: 'Energy Use of Video Streaming on Mobile Phones',
		creators: 'Max Watt',
		abstract:
			'Video streaming dominates mobile traffic. We measure the energy cost of codecs, screen brightness and radio states on phones and propose an adaptive bitrate policy that saves battery.',
		categories: ['cs.NI'],
		type: 'new',
	},
];

/** Replacements of papers announced before: never new. */
export const REPLACED: FeedEntry[] = [
	{
		id: '2511.03001',
		title: 'Spiking Neural Networks with Surrogate Gradients Revisited',
		creators: 'Old Author',
		abstract: 'Spiking neural networks trained with surrogate gradients; a revised version with heterogeneous neurons.',
		categories: ['cs.NE'],
		type: 'replace',
	},
	{
		id: '2511.03002',
		title: 'Backdoors in Knowledge Distillation, Version Two',
		creators: 'Old Author',
		abstract: 'Poisoned teachers and backdoors in data-free knowledge distillation, revised.',
		categories: ['cs.LG', 'cs.NE'],
		type: 'replace-cross',
	},
];

/** A paper the shipped corpus already holds, cross-listed again. */
export const IN_CORPUS: FeedEntry = {
	id: '2305.10246',
	title: 'Spiking Generative Adversarial Network with Attention Scoring Decoding',
	creators: 'Linghao Feng, Dongcheng Zhao, Yi Zeng',
	abstract:
		'Generative models based on neural networks present a substantial challenge within deep learning. Spiking neural networks with attention scoring decoding generate images.',
	categories: ['cs.NE'],
	type: 'cross',
};

/** One day's feed in arXiv's order: new entries, then cross-lists, then replacements. */
export const FEED_DAY: FeedEntry[] = [...OFF_TOPIC.slice(0, 3), ON_TOPIC[0]!, ...OFF_TOPIC.slice(3), ON_TOPIC[1]!, IN_CORPUS, ...REPLACED];
