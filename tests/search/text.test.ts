import { describe, expect, it } from 'vitest';
import { SearchWordIds, searchWordsOf, stemOf, termsOf, titleAcronyms } from '../../src/search/text.js';

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

describe('SearchWordIds', () => {
	/** The words of each text as the table numbers them, spelled back by the ids it gave out. */
	function wordsRead(texts: string[]): string[][] {
		const spelled: string[] = [];
		const table = new SearchWordIds((word) => spelled.push(word) - 1);
		return texts.map((text) => Array.from(table.found.subarray(0, table.read(text)), (id) => spelled[id]!));
	}

	it('reads every text into the words searchWordsOf splits it into, each new word numbered once', () => {
		const texts = [
			'CIFAR10 and ResNet-50 on a 3D U-Net, T5 at 1k steps',
			'a12b 12abc ab1c x y7 7 zz9z9 the The THE',
			'Schrödinger’s $^{171}$YbOH \\emph{molecule}: 深度学习 模型',
			'',
			'--- ... !!!',
			'of the in',
			'resnet50 resnet50 cifar10',
		];
		expect(wordsRead(texts)).toEqual(texts.map(searchWordsOf));
		let newWords = 0;
		const table = new SearchWordIds(() => newWords++);
		table.read('spiking spiking networks');
		table.read('networks of spiking neurons');
		expect(newWords).toBe(3);
		expect([...table.entries()].map(([word]) => word)).toEqual(['spiking', 'networks', 'neurons']);
	});

	it('agrees with searchWordsOf on thousands of random texts of letters, digits, marks and stop words', () => {
		const pieces = ['a', 'b', 'z', 'ab', 'of', 'the', '1', '9', '42', ' ', '-', '.', 'Q', 'é', '\\', '$', 'x2', '\n'];
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const texts = Array.from({ length: 5000 }, () =>
			Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]!).join(''),
		);
		expect(wordsRead(texts)).toEqual(texts.map(searchWordsOf));
	});
});
