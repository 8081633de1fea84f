import { describe, expect, it } from 'vitest';
import { asList, attributeOf, dateOf, foldWhitespace, isNode, readAtomFeed, textOf } from '../../src/arxiv/atom.js';
import { ArxivError } from '../../src/arxiv/error.js';

const ONE_ENTRY = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title type="html">ArXiv Query: &amp; &lt;results&gt;</title>
  <entry>
    <id>2305.00054</id>
    <title>1984</title>
    <author><name>Ada Lovelace</name></author>
    <category term="cs.NE" scheme="http://arxiv.org/schemas/atom"/>
    <link href="https://arxiv.org/abs/2305.00054v1" rel="alternate" type="text/html"/>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">5 pages</arxiv:comment>
  </entry>
</feed>`;

/** The ArxivError `readAtomFeed` throws for `xml`. */
function faultOf(xml: string): ArxivError {
	try {
		readAtomFeed(xml);
	} catch (error) {
		expect(error).toBeInstanceOf(ArxivError);
		return error as ArxivError;
	}
	throw new Error('readAtomFeed accepted the text');
}

describe('readAtomFeed', () => {
	it('gives the <feed> element, with entities decoded and attributes under @_', () => {
		const feed = readAtomFeed(ONE_ENTRY);
		expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
		expect(feed.title).toEqual({ '#text': 'ArXiv Query: & <results>', '@_type': 'html' });
	});

	it('keeps ids and titles made of digits as text', () => {
		const [entry] = asList(readAtomFeed(ONE_ENTRY).entry) as Record<string, unknown>[];
		expect(entry?.id).toBe('2305.00054');
		expect(entry?.title).toBe('1984');
	});

	it('gives entries, authors, categories and links as lists even when there is one of each', () => {
		const [entry] = asList(readAtomFeed(ONE_ENTRY).entry) as Record<string, unknown>[];
		expect(asList(entry?.author)).toEqual([{ name: 'Ada Lovelace' }]);
		expect(asList(entry?.category).map((category) => attributeOf(category, 'term'))).toEqual(['cs.NE']);
		expect(asList(entry?.link).map((link) => attributeOf(link, 'href'))).toEqual(['https://arxiv.org/abs/2305.00054v1']);
		expect(textOf(entry?.['arxiv:comment'])).toBe('5 pages');
	});

	it('names the line of a closing tag that does not match', () => {
		const fault = faultOf('<feed>\n<entry>\n<title>Spikes</entry>\n</feed>');
		expect([fault.code, fault.message]).toEqual([
			'malformed-feed',
			"arXiv's answer is not well-formed XML (line 3: Expected closing tag 'title' (opened in line 3, col 1) instead of closing tag 'entry').",
		]);
	});

	it('names the innermost element an answer cut off after a closed child ends inside', () => {
		expect(faultOf('<feed><entry><title>Spikes</title>').message).toBe("arXiv's answer is not well-formed XML (it ends inside <entry>).");
	});

	it('refuses a bare ampersand, which arXiv always escapes', () => {
		expect(faultOf('<feed><title>Spikes & waves</title></feed>').code).toBe('malformed-feed');
	});

	it('refuses a feed without content', () => {
		expect([faultOf('<feed/>').code, faultOf('<feed/>').message]).toEqual([
			'malformed-feed',
			"arXiv's answer is XML but not an Atom feed.",
		]);
	});

	it('says that arXiv answered a web page, well-formed or not, naming its title', () => {
		expect(faultOf('<html><body>Rate exceeded.</body></html>').message).toBe('arXiv answered a web page, not a feed.');
		const page =
			'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>arXiv  maintenance</title></head><body><br></body></html>';
		expect([faultOf(page).code, faultOf(page).message]).toEqual([
			'malformed-feed',
			'arXiv answered a web page, not a feed ("arXiv maintenance").',
		]);
	});
});

describe('textOf', () => {
	it('gives the text of a bare element and of one with attributes', () => {
		expect(textOf('Spikes')).toBe('Spikes');
		expect(textOf({ '#text': 'Spikes', '@_type': 'html' })).toBe('Spikes');
	});

	it('gives null for an element without text, a missing one, or anything not text', () => {
		expect([textOf({ '@_term': 'cs.NE' }), textOf(undefined), textOf(null), textOf(1984), textOf({ '#text': 1984 })]).toEqual([
			null,
			null,
			null,
			null,
			null,
		]);
	});
});

describe('dateOf', () => {
	it("gives the date as written in the entry's own time zone, not converted to UTC", () => {
		expect(dateOf('2023-04-28T23:30:00-04:00')).toBe('2023-04-28');
		expect(dateOf({ '#text': ' 2025-08-20T00:00:00-04:00\n' })).toBe('2025-08-20');
	});

	it('gives null for a date not in YYYY-MM-DD form, and for no date', () => {
		expect([dateOf('28 April 2023'), dateOf('2023-4-28'), dateOf(''), dateOf(undefined)]).toEqual([null, null, null, null]);
	});
});

describe('attributeOf', () => {
	it('gives an attribute as text, or null when it is missing or the value is no element', () => {
		expect(attributeOf({ '@_href': 'https://arxiv.org/abs/1' }, 'href')).toBe('https://arxiv.org/abs/1');
		expect([attributeOf({ '@_rel': 'alternate' }, 'href'), attributeOf('https://arxiv.org', 'href'), attributeOf(null, 'href')]).toEqual([
			null,
			null,
			null,
		]);
	});
});

describe('asList, isNode and foldWhitespace', () => {
	it('asList gives a list as it is and anything else as empty', () => {
		expect([asList(['a']), asList({ name: 'a' }), asList('a'), asList(undefined)]).toEqual([['a'], [], [], []]);
	});

	it('isNode takes objects and lists, not text or null', () => {
		expect([isNode({}), isNode([]), isNode('x'), isNode(null), isNode(undefined)]).toEqual([true, true, false, false, false]);
	});

	it('foldWhitespace folds wrapped lines into single spaces and gives empty text for null', () => {
		expect(foldWhitespace('  Spiking neural\n      networks\tfor  all ')).toBe('Spiking neural networks for all');
		expect(foldWhitespace(null)).toBe('');
	});
});
