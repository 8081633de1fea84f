import { describe, expect, it } from 'vitest';
import { searchWordsOf, stemOf, termsOf, titleAcronyms } from '../../src/search/text.js';

describe('termsOf', () => {
	it('lower-cases and splits at anything that is not a letter or a digit', () => {
		expect(termsOf('Graph Neural-Networks, at (Scale)!')).toEqual(['graph', 'neural', 'networks', 'at', 'scale']);
	});

	it('drops accents, so a name reads the same typed with or without them', () => {
		expect(termsOf('Zoë Müller')).toEqual(['zoe', 'muller']);
		expect(termsOf('Ångström ÉCOLE')).toEqual(['angstrom', 'ecole']);
	});

	it('reads LaTeX as its plain words', () => {
		expect(termsOf('The $^{171}$YbOH molecule')).toEqual(['the', '171', 'yboh', 'molecule']);
		expect(termsOf('\\textbf{Bold} \\emph{claims}')).toEqual(['bold', 'claims']);
	});

	it('keeps stop words and letter–digit runs whole: autocomplete and filters read every word as typed', () => {
		expect(termsOf('the state of the art')).toEqual(['the', 'state', 'of', 'the', 'art']);
		expect(termsOf('CIFAR10 and ResNet50')).toEqual(['cifar10', 'and', 'resnet50']);
	});

	it('keeps the words of other scripts, folded to lower case', () => {
		expect(termsOf('深度学习 模型')).toEqual(['深度学习', '模型']);
		expect(termsOf('Сети ГЛУБОКИЕ')).toEqual(['сети', 'глубокие']);
	});

	it('returns no words for text without letters or digits', () => {
		expect(termsOf('')).toEqual([]);
		expect(termsOf(' -- !? ')).toEqual([]);
	});
});

describe('searchWordsOf', () => {
	it('reads CIFAR-10, CIFAR10 and CIFAR 10 alike, as a word and a number', () => {
		for (const written of ['CIFAR-10', 'CIFAR10', 'CIFAR 10', 'cifar_10']) expect(searchWordsOf(written), written).toEqual(['cifar', '10']);
	});

	it('keeps a single letter with its digits as one word', () => {
		expect(searchWordsOf('3D shapes')).toEqual(['3d', 'shapes']);
		expect(searchWordsOf('T5 and x86 with 1k steps')).toEqual(['t5', 'x86', '1k', 'steps']);
	});

	it('splits a longer run of letters from the digits that follow it', () => {
		expect(searchWordsOf('ResNet50 GPT-3.5')).toEqual(['resnet', '50', 'gpt', '3', '5']);
	});

	it('drops stop words, a single-letter "a" included', () => {
		expect(searchWordsOf('The state of the art in a B-tree')).toEqual(['state', 'art', 'b', 'tree']);
		expect(searchWordsOf('it is not a')).toEqual([]);
	});

	it('folds case, accents and LaTeX as termsOf does', () => {
		expect(searchWordsOf('SCHRÖDINGER Bridges')).toEqual(searchWordsOf('schrodinger bridges'));
		expect(searchWordsOf('$^{171}$YbOH')).toEqual(['171', 'yboh']);
	});

	it('splits letters from digits in other scripts too', () => {
		expect(searchWordsOf('深度学习 模型')).toEqual(['深度学习', '模型']);
		expect(searchWordsOf('сети2023 π0')).toEqual(['сети', '2023', 'π0']);
	});
});

describe('stemOf', () => {
	it('brings the forms of a word to one stem, so spiking meets spike', () => {
		expect(stemOf('spiking')).toBe(stemOf('spike'));
		expect(stemOf('spikes')).toBe(stemOf('spike'));
		expect(stemOf('networks')).toBe(stemOf('network'));
		expect(stemOf('learned')).toBe(stemOf('learning'));
	});

	it('keeps different words apart', () => {
		expect(stemOf('graph')).not.toBe(stemOf('grape'));
		expect(stemOf('spiking')).not.toBe(stemOf('spin'));
	});

	it('leaves words that start with a digit as they are', () => {
		expect(stemOf('10')).toBe('10');
		expect(stemOf('3d')).toBe('3d');
		expect(stemOf('1ks')).toBe('1ks');
	});
});

describe('titleAcronyms', () => {
	it('spells every run of three to five capitalised words as initials, folded', () => {
		expect(titleAcronyms('Spiking Generative Adversarial Network')).toEqual(['sga', 'sgan', 'gan']);
		expect(titleAcronyms('Spiking Neural Networks')).toEqual(['snn']);
	});

	it('ends a run at a lower-case word, and spells nothing for fewer than three', () => {
		expect(titleAcronyms('Graph Neural Networks with Deep Learning')).toEqual(['gnn']);
		expect(titleAcronyms('A Survey of Deep Learning')).toEqual([]);
		expect(titleAcronyms('')).toEqual([]);
	});

	it('takes windows of at most five words from a longer run', () => {
		const acronyms = titleAcronyms('One Two Three Four Five Six');
		expect(acronyms).toContain('ottff');
		expect(acronyms).toContain('ttffs');
		expect(acronyms).not.toContain('ottffs');
		expect(acronyms.every((acronym) => acronym.length >= 3 && acronym.length <= 5)).toBe(true);
	});

	it('counts a hyphenated capitalised word once, and folds accented initials', () => {
		expect(titleAcronyms('Large-Scale Image Recognition')).toEqual(['lir']);
		expect(titleAcronyms('Über Große Netze')).toEqual(['ugn']);
	});
});
