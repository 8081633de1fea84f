/**
 * The importer the bot and the console hold: a `.bib` from an attachment's address or, at the
 * console only, a path, through `/paperbot import` as the console answers it.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/all.js';
import { consoleSession } from '../../src/console/console.js';
import { BIBTEX_MAX_BYTES, openBibtexImporter, readBibtexSource } from '../../src/library/import-bibtex.js';
import { createTerminalLogger } from '../../src/log.js';
import { openLibrary } from '../../src/search/library.js';

const PUBLISHED_VERSIONS = resolve('tests/fixtures/library/published-versions.bib');

let corpus: string;
beforeEach(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-import-library-'));
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
});
afterEach(() => rm(corpus, { recursive: true, force: true }));

const openQuietLibrary = () => openLibrary(corpus, createTerminalLogger('silent'), { output: { write: () => true } });

describe('/paperbot import at the console', () => {
	it('imports the .bib at a path and answers with what it did; the papers are in the index at once', async () => {
		const library = await openQuietLibrary();
		const bibtexImport = openBibtexImporter({ corpusPath: corpus, library, mayImport: () => true, localFiles: true });
		const answer = consoleSession(commands, () => ({ index: library.current(), random: () => 0.5, bibtexImport }));
		const reply = await answer(`/paperbot import file:${PUBLISHED_VERSIONS}`);
		expect(reply.message.content).toBe(
			[
				'Imported **published-versions.bib**: 0 papers added, 2 entries merged with papers in the corpus, 0 entries imported before, 0 entries not read.',
				'',
				'Merged:',
				'- doi:10.1016/j.neunet.2024.106423 → 2305.10246',
				'- doi:10.1038/s41598-023-43488-x → 2304.01015',
			].join('\n'),
		);
		const card = (await answer('/paper show 10.1038/s41598-023-43488-x')).message.embeds[0];
		expect(card?.url).toBe('https://arxiv.org/abs/2304.01015');
		expect(await readFile(join(corpus, 'imported.jsonl'), 'utf8')).toContain('"cite_key":"pan2023adaptive"');
	});
});

describe('readBibtexSource', () => {
	it('refuses a path where only attachments are read (Discord), so no member can name a file on the machine', async () => {
		await expect(readBibtexSource('/etc/passwd')).rejects.toThrow('Attach the .bib file to the command to import it.');
	});

	it('downloads an attachment, names it by its file name, and refuses one larger than it reads', async () => {
		const server = createServer((request, response) => {
			if (request.url?.startsWith('/big/')) response.writeHead(200, { 'content-length': String(BIBTEX_MAX_BYTES + 1) }).end();
			else if (request.url?.startsWith('/gone/')) response.writeHead(404).end();
			else response.writeHead(200).end('\uFEFF@misc{a, title = {A}}');
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			expect(await readBibtexSource(`${base}/attachments/1/2/my%20refs.bib?ex=1`)).toEqual({
				name: 'my refs.bib',
				text: '@misc{a, title = {A}}',
			});
			await expect(readBibtexSource(`${base}/big/refs.bib`)).rejects.toThrow(
				'refs.bib is larger than 20 MB; split it and import the parts.',
			);
			await expect(readBibtexSource(`${base}/gone/refs.bib`)).rejects.toThrow('refs.bib could not be downloaded (HTTP 404).');
		} finally {
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
		}
	});
});
