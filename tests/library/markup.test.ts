import { describe, expect, it } from 'vitest';
import { jatsToParagraphs, markupToText } from '../../src/library/markup.js';
import { rebuildAbstract } from '../../src/library/openalex.js';

describe('jatsToParagraphs', () => {
	it('gives the paragraphs of a JATS abstract as plain text, its section title dropped', () => {
		const jats =
			'<jats:title>Abstract</jats:title><jats:p>We model <jats:italic>H</jats:italic><jats:sub>2</jats:sub>O &amp; CO<jats:sub>2</jats:sub>\n   uptake.</jats:p>\n<jats:p>Results hold at 5&#x2009;K &lt; T.</jats:p>';
		expect(jatsToParagraphs(jats)).toBe('We model H2O & CO2 uptake.\n\nResults hold at 5 K < T.');
	});

	it('reads paragraphs without the jats: prefix, and an abstract without paragraphs as one', () => {
		expect(jatsToParagraphs('<p>First.</p><p>Second.</p>')).toBe('First.\n\nSecond.');
		expect(jatsToParagraphs('Just  the text.')).toBe('Just the text.');
	});

	it('is null when nothing but markup is left', () => {
		expect(jatsToParagraphs('<jats:title>Abstract</jats:title><jats:p> </jats:p>')).toBeNull();
	});
});

describe('markupToText', () => {
	it('drops inline tags and decodes entities in a title', () => {
		expect(markupToText('Spiking <i>GAN</i>s &amp; the <scp>Wasserstein</scp> distance')).toBe('Spiking GANs & the Wasserstein distance');
		expect(markupToText('  ')).toBeNull();
	});
});

describe('rebuildAbstract', () => {
	it('puts every word back at each of its positions', () => {
		expect(rebuildAbstract({ the: [0, 3], learns: [2], network: [1], data: [4] })).toBe('the network learns the data');
		expect(rebuildAbstract({})).toBeNull();
	});
});
