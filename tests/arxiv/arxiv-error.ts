import { expect } from 'vitest';
import { ArxivError } from '../../src/arxiv/error.js';

/** The ArxivError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function arxivErrorOf(promise: Promise<unknown>): Promise<ArxivError> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(ArxivError);
	return error as ArxivError;
}
