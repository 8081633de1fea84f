import { describe, expect, it } from 'vitest';
import { bulletList } from '../../src/messages/bullet-list.js';

describe('bulletList', () => {
	it('lists every item whole when they fit', () => {
		expect(bulletList('Topics:', ['a', 'b'], (item) => `\`${item}\``)).toBe('Topics:\n• `a`\n• `b`');
	});

	it('shortens every item alike, keeping what format adds, when the whole list would pass the limit', () => {
		const text = bulletList('Topics:', ['a'.repeat(60), 'b'.repeat(60)], (item) => `\`${item}\``, 100);
		expect(text.length).toBeLessThanOrEqual(100);
		expect(text.split('\n').slice(1)).toEqual([`• \`${'a'.repeat(40)}…\``, `• \`${'b'.repeat(40)}…\``]);
	});

	it('lists fewer items and says how many more when even short items would not fit', () => {
		const items = Array.from({ length: 1000 }, (_, index) => `search number ${index} with several words`);
		const text = bulletList('Your subscriptions:', items);
		expect(text.length).toBeLessThanOrEqual(2000);
		const shown = text.split('\n').filter((line) => line.startsWith('• ')).length;
		expect(shown).toBeGreaterThan(0);
		expect(text.endsWith(`…and ${1000 - shown} more`)).toBe(true);
	});
});
