import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/search/library.js';
import { createLogger } from '../../src/log.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('openLibrary', () => {
	it('lets an index replaced by a reload be freed, even with load listeners registered', async () => {
		const library = await openLibrary('data', createLogger('silent'));
		const firstIndex = new WeakRef(library.current());
		library.onLoad(() => undefined);
		await library.reload();
		await library.reload();
		await new Promise((resolve) => setTimeout(resolve, 20));
		collectGarbage();
		expect(firstIndex.deref()).toBeUndefined();
	});

	it('hands a listener registered after a reload the corpus in service', async () => {
		const library = await openLibrary('data', createLogger('silent'));
		const reloaded = await library.reload();
		if (!reloaded.ok) throw reloaded.error;
		let seen: unknown;
		library.onLoad((corpus) => (seen = corpus));
		expect(seen).toBe(reloaded.corpus);
	});
});
