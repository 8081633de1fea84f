import { describe, expect, it } from 'vitest';
import { ArxivError } from '../../src/arxiv/error.js';
import { parseArxivFeed } from '../../src/arxiv/feed.js';
import { readFixture } from './arxiv-stand-in.js';

describe('parseArxivFeed', () => {
	it('maps an entry onto a Paper with whitespace folded, all authors and the primary category first', () => {
		const feed = parseArxivFeed(readFixture('one-paper.xml'));
		expect(feed.totalResults).toBe(1);
		expect(feed.refused).toEqual([]);
		expect(feed.apiErrors).toEqual([]);
		expect(feed.papers).toHaveLength(1);
		const paper = feed.papers[0]!;
		expect(paper).toMatchObject({
			id: '2306.02368',
			title: 'Revisiting Data-Free Knowledge Distillation with Poisoned Teachers',
			authors: ['Junyuan Hong', 'Yi Zeng', 'Shuyang Yu', 'Lingjuan Lyu', 'Ruoxi Jia', 'Jiayu Zhou'],
			categories: ['cs.LG', 'cs.CR'],
			comment: 'Accepted to ICML 2023',
			journal_ref: null,
			doi: null,
			venue: null,
			code_url: null,
			published: '2023-06-04',
			updated: '2023-06-19',
		});
		expect(paper.abstract).toMatch(/^Data-free knowledge distillation \(KD\) helps transfer knowledge from a pre-trained/);
		expect(paper.abstract).toMatch(/Codes are released at https:\/\/github.com\/illidanlab\/ABD\.$/);
		expect(paper.abstract).not.toMatch(/\s{2}|\n/);
	});

	it('reads several entries, old-style ids, journal references and DOIs', () => {
		const feed = parseArxivFeed(readFixture('several-papers.xml'));
		expect(feed.totalResults).toBe(3);
		expect(feed.papers.map((paper) => paper.id)).toEqual(['2305.00054', 'hep-th/9711200', '2305.14174']);
		expect(feed.papers[1]).toMatchObject({
			title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
			authors: ['Juan M. Maldacena'],
			categories: ['hep-th'],
			journal_ref: 'Adv.Theor.Math.Phys.2:231-252,1998',
			doi: '10.1023/A:1026654312961',
			comment: '20 pages, harvmac, v2: section on AdS2 corrected, references added, v3: More references and a sign in eqn 2.8 corrected',
			published: '1997-11-27',
			updated: '1998-01-22',
		});
		expect(feed.papers[2]!.title).toBe(
			'Improving Stability and Performance of Spiking Neural Networks through Enhancing Temporal Consistency',
		);
		expect(feed.papers[0]!.authors).toHaveLength(7);
	});

	it('reads the empty feed arXiv gives for an unknown id as no papers', () => {
		expect(parseArxivFeed(readFixture('unknown-id.xml'))).toEqual({ totalResults: 0, papers: [], refused: [], apiErrors: [] });
	});

	it('reports an error entry by its summary and never as a paper', () => {
		const feed = parseArxivFeed(readFixture('error-entry.xml'));
		expect(feed.papers).toEqual([]);
		expect(feed.apiErrors).toEqual(['incorrect id format for 1234.56789']);
	});

	it('refuses a withdrawn paper', () => {
		const feed = parseArxivFeed(readFixture('withdrawn.xml'));
		expect(feed.papers).toEqual([]);
		expect(feed.refused).toEqual([
			{ id: '2101.00001', code: 'withdrawn', reason: 'arXiv paper 2101.00001 has been withdrawn by its authors.' },
		]);
	});

	it('refuses an entry missing its title', () => {
		const feed = parseArxivFeed(readFixture('missing-title.xml'));
		expect(feed.papers).toEqual([]);
		expect(feed.refused).toEqual([
			{ id: '2305.11484', code: 'incomplete-entry', reason: "arXiv's entry for 2305.11484 is missing its title." },
		]);
	});

	it('refuses an entry missing its abstract', () => {
		const xml = readFixture('one-paper.xml').replace(/<summary>[\s\S]*<\/summary>/, '<summary>  </summary>');
		expect(parseArxivFeed(xml).refused).toEqual([
			{ id: '2306.02368', code: 'incomplete-entry', reason: "arXiv's entry for 2306.02368 is missing its abstract." },
		]);
	});

	it('throws a malformed-feed ArxivError naming where a cut-off answer ends', () => {
		const parse = () => parseArxivFeed(readFixture('malformed.xml'));
		expect(parse).toThrow(ArxivError);
		expect(parse).toThrow("arXiv's answer is not well-formed XML (it ends inside <summary>).");
	});

	it('throws a malformed-feed ArxivError naming the line for text that is not XML', () => {
		expect(() => parseArxivFeed('Rate exceeded.')).toThrow("arXiv's answer is not well-formed XML (line 1: char 'R' is not expected).");
	});

	it('throws a malformed-feed ArxivError for an empty answer', () => {
		expect(() => parseArxivFeed(' \n')).toThrow("arXiv's answer was empty.");
	});

	it('throws a malformed-feed ArxivError for well-formed XML that is not a feed', () => {
		expect(() => parseArxivFeed(readFixture('not-a-feed.xml'))).toThrow(
			'arXiv answered a web page, not a feed ("503 Service Temporarily Unavailable").',
		);
	});

	it('throws a malformed-feed ArxivError for an entry without an arXiv id', () => {
		const xml = readFixture('one-paper.xml').replace('<id>http://arxiv.org/abs/2306.02368v2</id>', '<id></id>');
		expect(() => parseArxivFeed(xml)).toThrow("arXiv's feed has an entry (number 1) without an arXiv id.");
	});
});
