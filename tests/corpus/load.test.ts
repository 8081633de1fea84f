import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, quoteWarnings } from '../../src/corpus/load.js';
import { paperSchema } from '../../src/corpus/paper.js';

const FIXTURES = 'tests/fixtures/corpus';

describe('loadCorpus', () => {
	let temp: string;
	beforeEach(async () => {
		temp = await mkdtemp(join(tmpdir(), 'paperbot-corpus-'));
	});
	afterEach(async () => {
		await rm(temp, { recursive: true, force: true });
	});

	it('loads the shipped data folder: ten papers with the verified metadata merged in', async () => {
		const corpus = await loadCorpus('data/');
		expect(corpus.warnings).toEqual([]);
		expect(corpus.files).toEqual(['data/papers-meta.json', 'data/seed-papers.txt']);
		expect(corpus.papers.map((paper) => paper.id)).toEqual([
			'2306.02368',
			'2305.18439',
			'2305.14174',
			'2305.11484',
			'2305.10246',
			'2305.00054',
			'2304.14548',
			'2304.10749',
			'2304.06540',
			'2304.01015',
		]);
		const lava = corpus.papers.find((paper) => paper.id === '2305.00054');
		expect(lava).toMatchObject({
			title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
			authors: ['Hoang Anh Just', 'Feiyang Kang', 'Jiachen T. Wang', 'Yi Zeng', 'Myeongseob Ko', 'Ming Jin', 'Ruoxi Jia'],
			categories: ['cs.LG'],
			venue: 'ICLR 2023 (spotlight)',
			comment: 'ICLR 2023 Spotlight',
			code_url: 'https://github.com/ruoxi-jia-group/LAVA',
			published: '2023-04-28',
		});
		expect(lava?.abstract).toMatch(/^Traditionally, data valuation is posed/);
	});

	it('keeps unknown metadata unknown: 2304.14548 has no title and no authors', async () => {
		const corpus = await loadCorpus('data');
		const unknown = corpus.papers.find((paper) => paper.id === '2304.14548');
		expect(unknown).toMatchObject({ title: null, authors: null, categories: null, venue: null, code_url: null });
		expect(unknown?.comment).toBe('10 pages, 7 figures');
		for (const paper of corpus.papers.filter((other) => other.id !== '2304.14548')) {
			expect(paper.title, paper.id).toEqual(expect.any(String));
			expect(paper.authors?.length, paper.id).toBeGreaterThan(0);
		}
	});

	it('applies overlays by id after every paper is read, leaving fields the overlay does not know', async () => {
		const corpus = await loadCorpus(`${FIXTURES}/overlay`);
		expect(corpus.papers.find((paper) => paper.id === '2305.00054')).toMatchObject({
			title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
			authors: ['Hoang Anh Just', 'Feiyang Kang'],
			venue: 'ICLR 2023 (spotlight)',
			comment: 'ICLR 2023 Spotlight',
			published: '2023-04-28',
		});
		expect(corpus.papers.find((paper) => paper.id === '2304.14548')).toMatchObject({
			title: null,
			authors: null,
			categories: ['physics.atom-ph'],
		});
	});

	it('notes an overlay for an id that is not in the corpus, and warns about a broken overlay, which is skipped', async () => {
		const corpus = await loadCorpus(`${FIXTURES}/overlay`);
		expect(corpus.notes).toEqual([`${FIXTURES}/overlay/meta.jsonl:3: 2399.99999 is not in the corpus, so its metadata is not applied`]);
		expect(corpus.warnings).toEqual([`${FIXTURES}/overlay/meta.jsonl:4: "nonsense" is not an arXiv id, a DOI or a paper key`]);
	});

	it('sorts warnings and notes by file, then by line, whatever stage of loading found them', async () => {
		await writeFile(
			join(temp, 'a.jsonl'),
			['{"id": "2301.00001", "title": "Overlay for nothing"}', '{"id": "2301.00002", "abstract": "Fine."}', '{broken'].join('\n'),
		);
		await writeFile(join(temp, 'b.txt'), 'An abstract.\n\narXiv:2301.00002\nCreated: 2023-02-30\n\nBroken.\n\narXiv:nope\n');
		const corpus = await loadCorpus(temp);
		expect(corpus.warnings).toEqual([
			`${temp}/a.jsonl:3: not valid JSON`,
			`${temp}/b.txt:8: "nope" is not an arXiv id, a DOI or a paper key`,
		]);
		expect(corpus.notes).toEqual([
			`${temp}/a.jsonl:1: 2301.00001 is not in the corpus, so its metadata is not applied`,
			`${temp}/b.txt:1: 2301.00002 also at ${temp}/a.jsonl:2; the later record wins`,
			`${temp}/b.txt:4: Created date "2023-02-30" is not a date (YYYY-MM-DD); the paper is kept without one`,
		]);
	});

	it('keeps the later of two records with the same id and names both places', async () => {
		const corpus = await loadCorpus(`${FIXTURES}/duplicates/`);
		expect(corpus.warnings).toEqual([]);
		expect(corpus.notes).toEqual([
			`${FIXTURES}/duplicates/1-first.jsonl:3: 2305.10246 also at ${FIXTURES}/duplicates/1-first.jsonl:2; the later record wins`,
			`${FIXTURES}/duplicates/2-second.txt:1: 2305.00054 also at ${FIXTURES}/duplicates/1-first.jsonl:1; the later record wins`,
		]);
		expect(corpus.papers.map((paper) => [paper.id, paper.title])).toEqual([
			['2305.10246', 'Spiking GAN, second copy'],
			['2305.00054', null],
		]);
	});

	it('reads a folder’s .txt, .json and .jsonl files in name order, skipping dotfiles, other files and subfolders', async () => {
		const corpus = await loadCorpus(`${FIXTURES}/folder`);
		expect(corpus.files).toEqual([
			`${FIXTURES}/folder/a-listing.txt`,
			`${FIXTURES}/folder/b-records.json`,
			`${FIXTURES}/folder/c-records.jsonl`,
		]);
		expect(corpus.papers.map((paper) => paper.id)).toEqual(['2304.10749', '2304.06540', '2304.01015']);
	});

	it('reads a single file whatever its extension, telling JSON from the listing format by content', async () => {
		await cp(`${FIXTURES}/own-schema.jsonl`, join(temp, 'papers.ndjson'));
		await cp(`${FIXTURES}/listing-crlf.txt`, join(temp, 'papers.list'));
		const json = await loadCorpus(join(temp, 'papers.ndjson'));
		const listing = await loadCorpus(join(temp, 'papers.list'));
		expect(json.files).toEqual([join(temp, 'papers.ndjson')]);
		expect(json.papers.map((paper) => paper.id)).toEqual(['2306.02368', '2305.18439', '2305.00054', 'hep-th/9901001']);
		expect(listing.papers.map((paper) => paper.id)).toEqual(['2306.02368', '2305.11484', '2304.14548']);
	});

	it('reads the added.jsonl that /paper add writes beside a single-file corpus', async () => {
		await cp('data/seed-papers.txt', join(temp, 'seed-papers.txt'));
		await writeFile(join(temp, 'added.jsonl'), '{"id": "2401.00001", "title": "Added later", "abstract": "An abstract."}\n');
		const corpus = await loadCorpus(join(temp, 'seed-papers.txt'));
		expect(corpus.files).toEqual([join(temp, 'seed-papers.txt'), join(temp, 'added.jsonl')]);
		expect(corpus.papers.map((paper) => paper.id)).toContain('2401.00001');
		expect(corpus.papers).toHaveLength(11);
	});

	it('reports each malformed record with path:line and loads the rest', async () => {
		const corpus = await loadCorpus(`${FIXTURES}/broken.jsonl`);
		expect(corpus.warnings).toEqual([
			`${FIXTURES}/broken.jsonl:2: not valid JSON`,
			`${FIXTURES}/broken.jsonl:4: "foo" is not an arXiv id, a DOI or a paper key`,
			`${FIXTURES}/broken.jsonl:5: the record has neither a title nor an abstract`,
			`${FIXTURES}/broken.jsonl:6: not a JSON object`,
			`${FIXTURES}/broken.jsonl:7: published: dates are YYYY-MM-DD, YYYY-MM or YYYY`,
			`${FIXTURES}/broken.jsonl:8: title: expected string, received number`,
			`${FIXTURES}/broken.jsonl:9: id is missing`,
		]);
		expect(corpus.papers.map((paper) => paper.id)).toEqual(['2305.10246', '2304.01015']);
	});

	it('gives the same papers as paperSchema, whether or not a record is already in normal form', async () => {
		const lines = (await readFile(`${FIXTURES}/own-schema.jsonl`, 'utf8')).split('\n').filter((line) => line.trim());
		const corpus = await loadCorpus(`${FIXTURES}/own-schema.jsonl`);
		const expected = lines.map((line) => paperSchema.parse(JSON.parse(line)));
		expect(corpus.papers).toEqual(expected);
	});

	it('throws CorpusError naming a path that does not exist', async () => {
		const missing = 'tests/fixtures/corpus/not-there';
		await expect(loadCorpus(missing)).rejects.toThrow(CorpusError);
		await expect(loadCorpus(missing)).rejects.toThrow(
			'corpus: cannot read tests/fixtures/corpus/not-there (CORPUS_PATH): no such file or directory',
		);
	});

	it('throws CorpusError quoting the warnings when no record is a valid paper', async () => {
		await expect(loadCorpus(`${FIXTURES}/no-valid`)).rejects.toThrow(
			[
				`corpus: no valid paper in ${FIXTURES}/no-valid`,
				`${FIXTURES}/no-valid/only-broken.jsonl:1: not valid JSON`,
				`${FIXTURES}/no-valid/only-broken.jsonl:2: "nope" is not an arXiv id, a DOI or a paper key`,
			].join('\n'),
		);
	});

	it('throws CorpusError for a folder with no corpus files, or an empty file', async () => {
		await expect(loadCorpus(`${FIXTURES}/no-files`)).rejects.toThrow(
			`corpus: no .txt, .json or .jsonl files in ${FIXTURES}/no-files (CORPUS_PATH)`,
		);
		await expect(loadCorpus(temp)).rejects.toThrow(`corpus: no .txt, .json or .jsonl files in ${temp} (CORPUS_PATH)`);
		await writeFile(join(temp, 'empty.jsonl'), '\n\n');
		await expect(loadCorpus(temp)).rejects.toThrow(`corpus: no valid paper in ${temp}`);
	});

	it('fingerprints the content, whatever path spelling reaches it', async () => {
		const folder = join(temp, 'corpus');
		await cp('data', folder, { recursive: true });
		const shipped = await loadCorpus('data');
		expect((await loadCorpus('./data/')).fingerprint).toBe(shipped.fingerprint);
		expect((await loadCorpus(folder)).fingerprint).toBe(shipped.fingerprint);
		expect(shipped.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		await writeFile(join(folder, 'papers-meta.json'), (await readFile('data/papers-meta.json', 'utf8')).replace('LAVA', 'Lava'));
		expect((await loadCorpus(folder)).fingerprint).not.toBe(shipped.fingerprint);
	});
});

describe('quoteWarnings', () => {
	it('quotes the first ten warnings and counts the rest', () => {
		const warnings = Array.from({ length: 1_624 }, (_, line) => `big.jsonl:${line + 1}: not valid JSON`);
		expect(quoteWarnings(warnings)).toEqual([...warnings.slice(0, 10), '…and 1,614 more']);
		expect(quoteWarnings(warnings.slice(0, 10))).toEqual(warnings.slice(0, 10));
	});
});
