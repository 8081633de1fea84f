import { describe, expect, it } from 'vitest';
import { keyForQuery, queryFromPageArgument } from '../../src/interaction/query-keys.js';

describe('keyForQuery and queryFromPageArgument', () => {
	it('stand a short key in for a long query, the same key each time', () => {
		const query = Array(20).fill('spiking neural networks').join(' ');
		const key = keyForQuery(query);
		expect(key).toMatch(/^#[\w-]{16}$/);
		expect(keyForQuery(query)).toBe(key);
		expect(queryFromPageArgument(key)).toBe(query);
	});

	it('pass a query that rode in the custom id through as it is', () => {
		expect(queryFromPageArgument('spiking gan year:2023')).toBe('spiking gan year:2023');
	});

	it('forget the oldest keys once 5,000 newer queries are remembered, and know nothing of an unknown key', () => {
		const first = keyForQuery('the first long query of the day');
		for (let n = 0; n < 5_000; n += 1) keyForQuery(`long query number ${n}`);
		expect(queryFromPageArgument(first)).toBeUndefined();
		expect(queryFromPageArgument(keyForQuery('long query number 4999'))).toBe('long query number 4999');
		expect(queryFromPageArgument('#AAAAAAAAAAAAAAAA')).toBeUndefined();
	});
});
