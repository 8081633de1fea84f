import { describe, expect, it } from 'vitest';
import { citationSlot } from '../../src/schedule/citation-check.js';

describe('citationSlot', () => {
	it('names the work and the lab papers it cites, in one order whatever order they come in', () => {
		expect(citationSlot('W7', ['doi:10.1000/x', '2311.09999'])).toBe('W7 2311.09999 doi:10.1000/x');
		expect(citationSlot('W7', ['2311.09999', 'doi:10.1000/x'])).toBe('W7 2311.09999 doi:10.1000/x');
	});

	it('names a long list of lab papers by its digest, so the post’s footer stays within Discord’s limits', () => {
		const many = Array.from({ length: 40 }, (_, n) => `zotero:groups/12/ITEM${String(n).padStart(4, '0')}`);
		const slot = citationSlot('W7', many);
		expect(slot).toMatch(/^W7 #[0-9a-f]{16}$/);
		expect(citationSlot('W7', [...many].reverse())).toBe(slot);
	});
});
