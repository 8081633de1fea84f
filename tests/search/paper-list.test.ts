import { openSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { inPaperOrder, paperRecordPieces, StoredPapers, storedRecordPieces } from '../../src/search/paper-list.js';

let folder: string | null = null;
afterEach(async () => {
	if (folder) await rm(folder, { recursive: true, force: true });
	folder = null;
});

/** Writes the pieces to a new file as the index cache does, each awaited before the next is asked for. */
async function writePieces(pieces: Iterable<Buffer>): Promise<string> {
	folder ??= await mkdtemp(join(tmpdir(), 'paperbot-paper-list-'));
	const path = join(folder, `records-${Math.random().toString(36).slice(2)}`);
	const file = await open(path, 'w');
	for (const piece of pieces) await file.write(piece);
	await file.close();
	return path;
}

describe('stored records', () => {
	it('reads back every paper written in pieces of many megabytes, by number, in order and copied whole', async () => {
		// About 26 MB of records with two- and four-byte characters: more than one piece.
		const papers: Paper[] = Array.from({ length: 12_000 }, (_, n) =>
			paperSchema.parse({
				id: `2401.${String(n).padStart(5, '0')}`,
				title: `Schrödinger bridges ${n}`,
				authors: ['Zoë Müller'],
				abstract: `${'𝔸 spiking é networks '.repeat(60 + (n % 40))}${n}`,
			}),
		);
		const offsets = new Float64Array(papers.length + 1);
		const path = await writePieces(paperRecordPieces(papers, offsets));
		const stored = new StoredPapers(openSync(path, 'r'), 0, offsets);
		expect(offsets[papers.length]).toBeGreaterThan(1 << 24);

		for (const paperNo of [0, 1, 5_000, 11_999]) expect(stored.at(paperNo)).toEqual(papers[paperNo]);
		const inOrder = inPaperOrder(stored);
		for (let paperNo = 0; paperNo < papers.length; paperNo++) {
			if (inOrder.at(paperNo)?.abstract !== papers[paperNo]!.abstract) expect.fail(`paper ${paperNo} read back differs`);
		}

		const copy = new StoredPapers(openSync(await writePieces(storedRecordPieces(stored)), 'r'), 0, offsets);
		for (const paperNo of [0, 6_000, 11_999]) expect(copy.at(paperNo)).toEqual(papers[paperNo]);
	});
});
