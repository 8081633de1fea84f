import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJsonRecords } from '../../src/corpus/json-records.js';
import { parseLargeJsonLines, readOrHash, WHOLE_FILE_BYTES } from '../../src/corpus/large-files.js';

const fixture = (name: string) => new URL(`../fixtures/corpus/${name}`, import.meta.url).pathname;

let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'paperbot-large-files-'));
});
afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

describe('parseLargeJsonLines', () => {
	it('reads a file in pieces as one read whole, line numbers and broken lines included', async () => {
		for (const name of ['broken.jsonl', 'own-schema.jsonl']) {
			const whole = parseJsonRecords(await readFile(fixture(name)), fixture(name));
			for (const pieceBytes of [7, 64, 1000, 1 << 20]) {
				expect(parseLargeJsonLines(fixture(name), pieceBytes), `${name} in pieces of ${pieceBytes}`).toEqual(whole);
			}
		}
	});

	it('leaves a JSON array, and a byte order mark, to the whole-file reader', async () => {
		expect(parseLargeJsonLines(fixture('own-schema-array.json'), 64)).toBeNull();
		const withMark = join(folder, 'marked.jsonl');
		await writeFile(withMark, `\uFEFF${await readFile(fixture('own-schema.jsonl'), 'utf8')}`);
		expect(parseLargeJsonLines(withMark, 64)).toEqual(parseJsonRecords(await readFile(fixture('own-schema.jsonl')), withMark));
	});
});

describe('readOrHash', () => {
	it('holds a small file whole and hashes it', async () => {
		const { content, hash } = await readOrHash(fixture('own-schema.jsonl'));
		expect(content).toEqual(await readFile(fixture('own-schema.jsonl')));
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('only hashes a file over the limit, to the same sha256', async () => {
		const large = join(folder, 'large.jsonl');
		const line = `${'{"id": "2401.00001", "abstract": "x"}'.padEnd(1023)}\n`;
		await writeFile(large, line.repeat(Math.ceil(WHOLE_FILE_BYTES / line.length) + 1));
		const { content, hash } = await readOrHash(large);
		expect(content).toBeNull();
		expect(hash).toBe(
			createHash('sha256')
				.update(await readFile(large))
				.digest('hex'),
		);
	});
});
