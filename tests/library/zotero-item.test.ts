import { describe, expect, it } from 'vitest';
import type { ZoteroItemData } from '../../src/library/zotero.js';
import { arxivIdOfItem, readZoteroDate, zoteroItemToPaper } from '../../src/library/zotero-item.js';

const LIBRARY = 'groups/12';
const item = (data: Partial<ZoteroItemData>, meta?: { parsedDate?: string }) => ({
	key: 'ABCD2345',
	version: 3,
	...(meta && { meta }),
	data: { itemType: 'journalArticle', title: 'Sparse quokkas', ...data },
});

describe('arxivIdOfItem', () => {
	it("finds the arXiv id in arXiv's DOI, the URL, archiveID or an arXiv: line of Extra", () => {
		expect(arxivIdOfItem({ itemType: 'preprint', DOI: '10.48550/arXiv.2305.14174' })).toBe('2305.14174');
		expect(arxivIdOfItem({ itemType: 'preprint', url: 'http://arxiv.org/abs/2305.14174v2' })).toBe('2305.14174');
		expect(arxivIdOfItem({ itemType: 'preprint', archiveID: 'arXiv:hep-th/9901001' })).toBe('hep-th/9901001');
		expect(arxivIdOfItem({ itemType: 'journalArticle', extra: 'PMID: 123\narXiv: 2305.14174\ntex.note: x' })).toBe('2305.14174');
		expect(
			arxivIdOfItem({ itemType: 'journalArticle', DOI: '10.1145/3292500.3330701', url: 'https://dl.acm.org/doi/10.1145/3292500.3330701' }),
		).toBeNull();
	});
});

describe('readZoteroDate', () => {
	it("takes Zotero's own reading of the date first", () => {
		expect(readZoteroDate('Spring 2021', '2021')).toBe('2021');
		expect(readZoteroDate('12/05/2023', '2023-12-05')).toBe('2023-12-05');
	});

	it('reads free text to the day, the month or the year, and nothing where no year is written', () => {
		expect(readZoteroDate('2023-05-12')).toBe('2023-05-12');
		expect(readZoteroDate('2023-05')).toBe('2023-05');
		expect(readZoteroDate('2023-02-30')).toBe('2023-02');
		expect(readZoteroDate('May 2023')).toBe('2023-05');
		expect(readZoteroDate('12 Sept. 2023')).toBe('2023-09-12');
		expect(readZoteroDate('December 3, 2022')).toBe('2022-12-03');
		expect(readZoteroDate('Spring 2021')).toBe('2021');
		expect(readZoteroDate('12/05/2023')).toBe('2023');
		expect(readZoteroDate('forthcoming')).toBeNull();
		expect(readZoteroDate(undefined)).toBeNull();
	});
});

describe('zoteroItemToPaper', () => {
	it('keys a paper by its arXiv id, keeping the published DOI and venue', () => {
		const paper = zoteroItemToPaper(
			item({
				DOI: '10.1109/CVPR.2023.00123',
				extra: 'arXiv:2305.14174',
				publicationTitle: 'CVPR',
				creators: [
					{ creatorType: 'author', firstName: 'Ada', lastName: 'Quill' },
					{ creatorType: 'editor', firstName: 'Ed', lastName: 'Itor' },
					{ creatorType: 'author', name: 'The Quokka Consortium' },
				],
			}),
			LIBRARY,
		);
		expect(paper).toMatchObject({
			id: '2305.14174',
			doi: '10.1109/cvpr.2023.00123',
			venue: 'CVPR',
			authors: ['Ada Quill', 'The Quokka Consortium'],
			zotero_key: 'groups/12/ABCD2345',
		});
	});

	it('keys a paper by its DOI (from the field or a DOI: line of Extra), else by its item; the book title is a chapter’s venue', () => {
		expect(zoteroItemToPaper(item({ DOI: 'https://doi.org/10.1145/ABC' }), LIBRARY)?.id).toBe('doi:10.1145/abc');
		expect(zoteroItemToPaper(item({ itemType: 'report', extra: 'DOI: 10.5555/R1' }), LIBRARY)?.id).toBe('doi:10.5555/r1');
		const chapter = zoteroItemToPaper(item({ itemType: 'bookSection', bookTitle: 'Handbook of Quokkas', date: '2019' }), LIBRARY);
		expect(chapter).toMatchObject({ id: 'zotero:groups/12/ABCD2345', venue: 'Handbook of Quokkas', published: '2019', abstract: null });
	});

	it('edited books name their editors when no author is given; an arXiv page is not kept as the URL', () => {
		const book = zoteroItemToPaper(
			item({
				itemType: 'book',
				creators: [{ creatorType: 'editor', firstName: 'Ed', lastName: 'Itor' }],
				url: 'https://arxiv.org/abs/2305.14174',
			}),
			LIBRARY,
		);
		expect(book).toMatchObject({ id: '2305.14174', authors: ['Ed Itor'], url: null });
	});

	it('skips what is no paper, and an item with neither a title nor an abstract', () => {
		for (const itemType of ['note', 'attachment', 'annotation', 'webpage', 'computerProgram'])
			expect(zoteroItemToPaper(item({ itemType }), LIBRARY)).toBeNull();
		expect(zoteroItemToPaper(item({ title: '', abstractNote: '' }), LIBRARY)).toBeNull();
	});
});
