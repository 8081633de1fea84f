import { describe, expect, it } from 'vitest';
import { paperSchema, type PaperRecord } from '../../src/corpus/paper.js';
import { findLabPapers, matchName } from '../../src/feed/lab-papers.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { termsOf } from '../../src/search/text.js';

const paper = (id: string, authors: string[], published: string): PaperRecord => ({ id, title: `Paper ${id}`, authors, published });

const CORPUS = buildSearchIndex(
	[
		paper('2301.00001', ['André Müller', 'Yi Zeng'], '2023-01-01'),
		paper('2302.00002', ['Yi Zeng', 'Dongcheng Zhao'], '2023-02-01'),
		// An initial with a co-author of a paper found by full name: the lab's.
		paper('2303.00003', ['Y. Zeng', 'Dongcheng Zhao'], '2023-03-01'),
		// An initial alone, and a different given name: someone else's.
		paper('2304.00004', ['Y. Zeng', 'Carla Stranger'], '2023-04-01'),
		paper('2305.00005', ['Yang Zeng', 'Dongcheng Zhao'], '2023-05-01'),
		paper('doi:10.1000/x', ['Nobody Known'], '2022-01-01'),
	].map((record) => paperSchema.parse(record)),
);
const NO_MARKS = { ours: new Set<string>(), notOurs: new Set<string>() };
const keys = (marks = NO_MARKS, authors = ['Yi Zeng']) => findLabPapers(CORPUS, authors, marks).map((lab) => lab.paper.id);

describe('matchName', () => {
	it('meets a name fully, through initials with the same surname, or not at all', () => {
		const match = (a: string, b: string) => matchName(termsOf(a), termsOf(b));
		expect(match('André Müller', 'andre muller')).toBe('full');
		expect(match('Y. Zeng', 'Yi Zeng')).toBe('initial');
		expect(match('Yi Zeng', 'Y Zeng')).toBe('initial');
		expect(match('Y. Zeng', 'Y Zeng')).toBe('initial');
		expect(match('Yang Zeng', 'Yi Zeng')).toBeNull();
		expect(match('Yi Zhang', 'Yi Zeng')).toBeNull();
		expect(match('Zeng', 'Yi Zeng')).toBeNull();
	});
});

describe('findLabPapers', () => {
	it('finds a lab author’s papers by folded name, and an initial only with a shared co-author, newest first', () => {
		expect(keys()).toEqual(['2303.00003', '2302.00002', '2301.00001']);
		const [initialled] = findLabPapers(CORPUS, ['Yi Zeng'], NO_MARKS);
		expect(initialled?.reason).toEqual({ kind: 'author', name: 'Y. Zeng', lab: 'Yi Zeng' });
		expect(keys(NO_MARKS, ['andre MULLER'])).toEqual(['2301.00001']);
	});

	it('meets a lab author written with an initial the same way', () => {
		// "Y. Zeng" in LAB_AUTHORS: Yi Zeng's and Yang Zeng's papers are found only where a co-author is shared, and no full name found any.
		expect(keys(NO_MARKS, ['Y. Zeng'])).toEqual([]);
		expect(keys(NO_MARKS, ['Y. Zeng', 'Dongcheng Zhao'])).toEqual(['2305.00005', '2303.00003', '2302.00002']);
		// Two lab authors met through initials on one paper vouch for each other.
		expect(keys(NO_MARKS, ['Y. Zeng', 'D. Zhao'])).toEqual(['2305.00005', '2303.00003', '2302.00002']);
	});

	it('adds papers marked ours and drops papers marked not ours', () => {
		const marks = { ours: new Set(['doi:10.1000/x', 'not-in-corpus']), notOurs: new Set(['2302.00002']) };
		expect(keys(marks)).toEqual(['2303.00003', '2301.00001', 'doi:10.1000/x']);
		expect(findLabPapers(CORPUS, [], marks).map((lab) => [lab.paper.id, lab.reason.kind])).toEqual([['doi:10.1000/x', 'marked']]);
	});
});
