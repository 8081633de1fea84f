import { describe, expect, it } from 'vitest';
import { paperSchema, type Paper } from '../../src/corpus/paper.js';
import { buildSearchIndex, suggestPapers } from '../../src/search/paper-index.js';
import { termsOf } from '../../src/search/text.js';
import { generatePapers } from '../bench/synthetic-corpus.js';

/**
 * 2,000 papers whose alphabetical order is their age: paper n is published n days after 2020-01-01
 * and its title and id sort after every older paper's, so the newest papers are the last of a
 * common prefix's matches in alphabetical order. Half the titles start with "Learning", the other
 * half contain it, so the phrase's matches run to 2,000 entries.
 */
function papersAgainstTheAlphabet(count = 2_000): Paper[] {
	return Array.from({ length: count }, (_, n) => {
		const word = `w${String(n).padStart(5, '0')}`;
		const published = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
		const title = n % 2 === 0 ? `Learning ${word} representations` : `Deep ${word} learning models`;
		const id = `2401.${String(n + 1).padStart(5, '0')}`;
		return paperSchema.parse({ id, title, abstract: 'An abstract.', published });
	});
}

describe('suggestPapers on a corpus where a prefix matches thousands of titles', () => {
	const papers = papersAgainstTheAlphabet();
	const index = buildSearchIndex(papers);
	const newestFirst = (filter: (paper: Paper) => boolean) =>
		[...papers]
			.filter(filter)
			.sort((a, b) => (a.published! < b.published! ? 1 : -1))
			.map((paper) => paper.id);

	it('offers the newest titles starting with a common word first, however many match', () => {
		const starting = newestFirst((paper) => paper.title!.startsWith('Learning'));
		expect(suggestPapers(index, 'learn').map((paper) => paper.id)).toEqual(starting.slice(0, 25));
	});

	it('offers the newest titles containing a common word when fewer start with it', () => {
		const choices = suggestPapers(index, 'models', 25).map((paper) => paper.id);
		expect(choices).toEqual(newestFirst((paper) => paper.title!.includes('models')).slice(0, 25));
	});

	it('offers the newest papers for a common id prefix', () => {
		expect(suggestPapers(index, '2401.0').map((paper) => paper.id)).toEqual(newestFirst(() => true).slice(0, 25));
	});

	it('offers the newest titles having every typed word, the last one partly typed', () => {
		const choices = suggestPapers(index, 'deep learning mod', 25).map((paper) => paper.id);
		expect(choices).toEqual(newestFirst((paper) => paper.title!.startsWith('Deep')).slice(0, 25));
	});
});

describe('suggestPapers where a prefix matches more titles than are read whole', () => {
	const papers = [...generatePapers({ count: 10_000, seed: 3 })].map((record) => paperSchema.parse(record));
	const index = buildSearchIndex(papers);
	const byAge = [...papers].sort((a, b) => {
		const [x, y] = [`${a.published}|${a.id}`, `${b.published}|${b.id}`];
		return x < y ? 1 : x > y ? -1 : 0;
	});
	/** What suggestions are, read the slow way: id matches, then titles starting with the phrase, then containing it, newest first. */
	const expected = (partial: string) => {
		const phrase = termsOf(partial).join(' ');
		const key = (paper: Paper) => termsOf(paper.title ?? '').join(' ');
		const kinds = [
			byAge.filter((paper) => paper.id.startsWith(partial)),
			byAge.filter((paper) => phrase && key(paper).startsWith(phrase)),
			byAge.filter((paper) => phrase && ` ${key(paper)}`.includes(` ${phrase}`)),
		];
		return [...new Set(kinds.flat().map((paper) => paper.id))].slice(0, 25);
	};

	it('finds the same papers in the same order as reading every match', () => {
		const partials = ['a', 'e', 'm', 's', 't', 'lo', 'ex', 'qu', '1', '15', '2', '24', '1703.', 'mor', 'ion'];
		for (const partial of partials)
			expect(
				suggestPapers(index, partial).map((paper) => paper.id),
				partial,
			).toEqual(expected(partial));
	});
});
