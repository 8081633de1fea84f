import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/index.js';
import { openCuration } from '../../src/arxiv/curation.js';
import { createRequestQueue } from '../../src/arxiv/queue.js';
import { createDoiLookup } from '../../src/library/doi-papers.js';
import { shippedCorpusContext } from '../commands/corpus.js';

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

describe('openCuration', () => {
	let folder: string;
	beforeEach(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-curation-'));
		await writeFile(join(folder, 'seed.jsonl'), '');
	});
	afterEach(async () => {
		await chmod(folder, 0o700);
		await rm(folder, { recursive: true, force: true });
	});

	const open = (corpusPath: string) =>
		openCuration({
			corpusPath,
			apiUrl: 'http://127.0.0.1:9/api/query',
			queue: createRequestQueue(0),
			library: { current: () => shipped.index, addPapers: async () => ({ ok: false, error: new Error('not reloaded in this test') }) },
			mayAdd: () => true,
			lookUpDois: createDoiLookup({ version: '0.1.0', crossrefUrl: 'http://127.0.0.1:9', openAlexUrl: 'http://127.0.0.1:9' }),
		});

	it('is there for a writable corpus folder, or the folder of a single corpus file', async () => {
		expect(await open(folder)).toBeDefined();
		expect(await open(join(folder, 'seed.jsonl'))).toBeDefined();
		expect(await open(join(folder, 'missing', 'seed.jsonl'))).toBeUndefined();
	});

	it('is not there where no corpus folder can be written, for root too: a path under a regular file', async () => {
		expect(await open(join(folder, 'seed.jsonl', 'corpus'))).toBeUndefined();
		expect(await open(join(folder, 'seed.jsonl', 'corpus', 'seed.jsonl'))).toBeUndefined();
	});

	it('is there exactly when a file can be created in a read-only folder (as root it can)', async () => {
		await chmod(folder, 0o500);
		const writable = await writeFile(join(folder, 'probe.jsonl'), '').then(
			() => true,
			() => false,
		);
		expect((await open(folder)) !== undefined).toBe(writable);
	});
});
