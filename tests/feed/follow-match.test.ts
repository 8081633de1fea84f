import { describe, expect, it } from 'vitest';
import { paperSchema } from '../../src/corpus/paper.js';
import { followerMentions, nameMatches } from '../../src/feed/follow-match.js';
import { termsOf } from '../../src/search/text.js';

const matches = (followed: string, author: string) => nameMatches(termsOf(followed), termsOf(author));

describe('nameMatches', () => {
	it('matches a name folded as search folds it, accents and case aside', () => {
		expect(matches('André Müller', 'Andre MULLER')).toBe(true);
		expect(matches('Yi Zeng', 'Yi Zeng')).toBe(true);
	});

	it('lets an initial stand for the same given name with the same surname, either way round', () => {
		expect(matches('Y. Zeng', 'Yi Zeng')).toBe(true);
		expect(matches('Yi Zeng', 'Y. Zeng')).toBe(true);
		expect(matches('Yi Zeng', 'Yu Zeng')).toBe(false);
		expect(matches('Y. Zeng', 'Z. Yang')).toBe(false);
	});

	it('compares a middle name only when both write one', () => {
		expect(matches('Geoffrey Hinton', 'Geoffrey E. Hinton')).toBe(true);
		expect(matches('Jiachen T. Wang', 'Jiachen Tianhao Wang')).toBe(true);
		expect(matches('Jiachen T. Wang', 'Jiachen R. Wang')).toBe(false);
	});

	it('never matches a surname alone', () => {
		expect(matches('Zeng', 'Yi Zeng')).toBe(false);
	});
});

describe('followerMentions', () => {
	it('gives each paper the members following one of its authors, each once', () => {
		const paper = paperSchema.parse({ id: '2603.01002', title: 'T', abstract: 'A', authors: ['J. Zhou', 'Junyuan Hong'] });
		const other = paperSchema.parse({ id: '2603.01003', title: 'T', abstract: 'A', authors: ['Jiayi Zhou'] });
		const follows = [
			{ user_id: '1', name: 'Jiayu Zhou', folded: 'jiayu zhou' },
			{ user_id: '1', name: 'Junyuan Hong', folded: 'junyuan hong' },
			{ user_id: '2', name: 'Junyuan Hong', folded: 'junyuan hong' },
		];
		expect(followerMentions([paper, other], follows)).toEqual({ '2603.01002': ['1', '2'] });
	});
});
