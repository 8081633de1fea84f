import { describe, expect, it } from 'vitest';
import { paperChoice } from '../../src/cards/choice.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { paperSchema } from '../../src/corpus/paper.js';

describe('paperChoice', () => {
	it('cuts a long title without splitting an emoji, keeping the id', () => {
		const emoji = paperSchema.parse({ id: '2401.00001', title: `${'x'.repeat(79)}${'🧪'.repeat(10)}`, abstract: 'An abstract.' });
		const choice = paperChoice(emoji);
		expect(choice.value).toBe('2401.00001');
		expect(choice.name.length).toBeLessThanOrEqual(100);
		expect(choice.name.endsWith('… (2401.00001)')).toBe(true);
		expect(choice.name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
	});

	it('names each shipped paper "Title (id)" within 100 characters', async () => {
		const { papers } = await loadCorpus(new URL('../../data', import.meta.url).pathname);
		for (const paper of papers) {
			const choice = paperChoice(paper);
			expect(choice.name.length).toBeLessThanOrEqual(100);
			expect(choice.name.endsWith(` (${paper.id})`)).toBe(true);
		}
	});

	it('names an untitled paper by the opening of its abstract', () => {
		const untitled = paperSchema.parse({ id: '2305.00005', abstract: 'A paper whose title is unknown. '.repeat(10) });
		expect(paperChoice(untitled).name).toMatch(/^A paper whose title is unknown\. .*… \(2305\.00005\)$/);
	});

	it('names a paper with a LaTeX title by its readable title', () => {
		const choice = paperChoice(paperSchema.parse({ id: '2401.00002', title: 'The $\\alpha$ model', abstract: 'An abstract.' }));
		expect(choice.name).toBe('The α model (2401.00002)');
	});
});
