import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { foldTitle, mergePapers } from '../../src/corpus/merge.js';
import { paperSchema } from '../../src/corpus/paper.js';

const temps: string[] = [];
afterEach(async () => {
	await Promise.all(temps.splice(0).map((temp) => rm(temp, { recursive: true, force: true })));
});

/** The shipped corpus in a temp folder, with `files` written beside it. */
async function shippedCorpusWith(files: Record<string, readonly object[]>): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-merge-'));
	temps.push(folder);
	await cp('data', folder, { recursive: true });
	for (const [name, records] of Object.entries(files)) {
		await writeFile(join(folder, name), records.map((record) => `${JSON.stringify(record)}\n`).join(''));
	}
	return folder;
}

describe('one paper, however many places name it', () => {
	it('merges a published version found by title and first author into the arXiv paper, keeping both links and the venue', async () => {
		const folder = await shippedCorpusWith({
			'imported.jsonl': [
				{
					id: 'bib:feng2024spiking',
					title: 'Spiking {G}enerative {A}dversarial {N}etwork with {A}ttention {S}coring {D}ecoding',
					authors: ['Linghao Feng', 'Dongcheng Zhao', 'Yi Zeng'],
					abstract: null,
					venue: 'Neural Networks',
					url: 'https://www.sciencedirect.com/science/article/pii/S0893608024004472',
					published: '2024-10',
					cite_key: 'feng2024spiking',
					entry_type: 'article',
				},
			],
		});
		const corpus = await loadCorpus(folder);
		const papers = corpus.papers.filter((paper) => foldTitle(paper.title ?? '').startsWith('spiking generative adversarial'));
		expect(papers).toHaveLength(1);
		expect(papers[0]).toMatchObject({ id: '2305.10246', cite_key: 'feng2024spiking', entry_type: 'article' });
		expect(papers[0]!.abstract).toMatch(/^Generative models based on neural networks/);
		expect(corpus.merged).toEqual([{ id: 'bib:feng2024spiking', into: '2305.10246' }]);
	});

	it('merges by DOI whatever its case, and by an arXiv id found in another record, counting each merge', async () => {
		const folder = await shippedCorpusWith({
			'imported.jsonl': [
				{ id: 'doi:10.5555/lava', title: 'LAVA (published)', abstract: null, authors: ['Someone Else'], venue: 'ICLR 2023' },
				{ id: '2305.00054', title: 'LAVA: Data Valuation', abstract: null, doi: '10.5555/LAVA', cite_key: 'just2023lava' },
			],
			'zotero.jsonl': [{ id: 'doi:10.5555/LAVA', title: 'LAVA', abstract: null, zotero_key: 'groups/1/ABCD2345' }],
		});
		const corpus = await loadCorpus(folder);
		const lava = corpus.papers.filter((paper) => paper.id === '2305.00054' || paper.doi?.toLowerCase() === '10.5555/lava');
		expect(lava).toHaveLength(1);
		expect(lava[0]).toMatchObject({ id: '2305.00054', doi: '10.5555/LAVA', cite_key: 'just2023lava', zotero_key: 'groups/1/ABCD2345' });
		expect(lava[0]!.title).toBe('LAVA: Data Valuation without Pre-Specified Learning Algorithms');
		expect(corpus.merged.map((merge) => merge.into)).toEqual(['2305.00054', '2305.00054']);
	});

	it('keeps apart papers that share a title but have different DOIs, and two of the lab records of one id as before', async () => {
		const folder = await shippedCorpusWith({
			'imported.jsonl': [
				{ id: 'doi:10.5555/a', title: 'Introduction', authors: ['Ada Lovelace'], abstract: null },
				{ id: 'doi:10.5555/b', title: 'Introduction', authors: ['Ada Lovelace'], abstract: null },
			],
		});
		const corpus = await loadCorpus(folder);
		expect(corpus.papers.filter((paper) => paper.title === 'Introduction').map((paper) => paper.id)).toEqual([
			'doi:10.5555/b',
			'doi:10.5555/a',
		]);
		expect(corpus.merged).toEqual([]);
	});

	it('keeps the longer abstract and the arXiv record’s title', () => {
		const arxiv = paperSchema.parse({ id: '2305.00054', title: 'Preprint title', abstract: 'Short.' });
		const published = paperSchema.parse({ id: 'doi:10.5555/x', title: 'Published title', abstract: 'A much longer abstract.' });
		expect(mergePapers(published, arxiv)).toMatchObject({
			id: '2305.00054',
			title: 'Preprint title',
			abstract: 'A much longer abstract.',
			doi: '10.5555/x',
		});
	});

	it('reads the changes arXiv reported beside a single-file corpus, as the files the library writes', async () => {
		const folder = await shippedCorpusWith({
			'changes.jsonl': [{ id: '2305.00054', journal_ref: 'ICLR 2023', version: 3 }],
		});
		const corpus = await loadCorpus(join(folder, 'seed-papers.txt'));
		expect(corpus.files.map((file) => file.slice(folder.length + 1))).toEqual(['seed-papers.txt', 'changes.jsonl']);
		expect(corpus.papers.find((paper) => paper.id === '2305.00054')).toMatchObject({ journal_ref: 'ICLR 2023', version: 3 });
	});
});
