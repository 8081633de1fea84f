import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, type ComponentAction } from '../../src/interaction/custom-ids.js';

describe('encodeCustomId and decodeCustomId', () => {
	it('give back every action they encode, a query with colons included', () => {
		const actions: ComponentAction[] = [
			{ kind: 'page', page: 3, query: 'author:"Ada Quill" year:2024 spiking' },
			{ kind: 'open' },
			{ kind: 'share', id: 'hep-th/9711200' },
			{ kind: 'discuss', id: '2305.00054' },
			{ kind: 'add', id: '2401.00001' },
			{ kind: 'feed' },
			{ kind: 'feed-share', id: '2603.00001' },
			{ kind: 'feed-discuss', id: '2603.00001' },
			{ kind: 'feed-dismiss', id: '2603.00001' },
		];
		for (const action of actions) expect(decodeCustomId(encodeCustomId(action))).toEqual(action);
		expect(encodeCustomId({ kind: 'share', id: '2305.00054' })).toBe('share:2305.00054');
		expect(encodeCustomId({ kind: 'feed-share', id: '2603.00001' })).toBe('feed-share:2603.00001');
	});

	it('answer null for ids this version did not make, so the click is called outdated', () => {
		for (const customId of [
			'vote:2305.00054',
			'share:',
			'feed-share:',
			'add',
			'page:x:spiking',
			'page:-1:spiking',
			'page:1.5:spiking',
			'page:2',
			'',
		]) {
			expect(decodeCustomId(customId)).toBeNull();
		}
	});
});
