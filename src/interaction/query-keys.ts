import { createHash } from 'node:crypto';

/** How many long queries are remembered for their page buttons before the oldest expire. */
const REMEMBERED_QUERIES = 5_000;
const KEY_PREFIX = '#';

const queriesByKey = new Map<string, string>();

/**
 * A query too long to ride in a button's 100-character custom id is replaced by a short key.
 * Keys live in memory: after a restart their buttons say the results expired.
 */
export function keyForQuery(query: string): string {
	const key = KEY_PREFIX + createHash('sha256').update(query).digest('base64url').slice(0, 16);
	queriesByKey.delete(key);
	queriesByKey.set(key, query);
	if (queriesByKey.size > REMEMBERED_QUERIES) queriesByKey.delete(queriesByKey.keys().next().value!);
	return key;
}

/** The query behind a page button: itself, or the one its key stands for (undefined once expired). */
export function queryFromPageArgument(argument: string): string | undefined {
	return argument.startsWith(KEY_PREFIX) ? queriesByKey.get(argument) : argument;
}
