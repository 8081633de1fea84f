import { describe, expect, it } from 'vitest';
import { buildBibtex } from '../../src/cards/bibtex.js';
import { paperChoice } from '../../src/cards/choice.js';
import { buildPaperCard, cardComponents } from '../../src/cards/paper-card.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { CUSTOM_ID_MAX, decodeCustomId, encodeCustomId } from '../../src/interaction/custom-ids.js';
import { buildSearchIndex, getPaper, searchPapers, suggestPapers } from '../../src/search/paper-index.js';

/** The longest DOIs in the wild are SICIs of 1990s journals: far over a custom id's 100 characters with a prefix. */
const LONG_DOI = '10.1002/(SICI)1097-4571(199009)41:6<391::AID-ASI1>3.0.CO;2-9-and-a-supplement-with-a-very-long-suffix';

const libraryPapers = [
	paperSchema.parse({
		id: 'doi:10.18653/v1/N19-1423',
		title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
		authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
		abstract: null,
		venue: 'Proceedings of NAACL-HLT 2019',
		published: '2019-06',
		url: 'https://aclanthology.org/N19-1423',
		cite_key: 'devlin-etal-2019-bert',
		entry_type: 'inproceedings',
	}),
	paperSchema.parse({
		id: LONG_DOI,
		title: 'Indexing by latent semantic analysis',
		authors: ['Scott Deerwester'],
		abstract: null,
		published: '1990',
	}),
	paperSchema.parse({
		id: 'bib:salton1975vector',
		title: 'A vector space model for automatic indexing',
		authors: ['Gerard Salton'],
		abstract: null,
	}),
];

async function wideIndex() {
	const shipped = (await loadCorpus('data')).papers.map((paper) =>
		paper.id === '2305.14174' ? { ...paper, doi: '10.1016/j.patcog.2024.110474' } : paper,
	);
	return buildSearchIndex([...shipped, ...libraryPapers]);
}

describe('papers beyond arXiv', () => {
	it('are found by their title, authors and venue though they have no abstract', async () => {
		const index = await wideIndex();
		expect(searchPapers(index, 'bidirectional transformers')[0]?.paper.id).toBe('doi:10.18653/v1/n19-1423');
		expect(searchPapers(index, 'devlin toutanova')[0]?.paper.id).toBe('doi:10.18653/v1/n19-1423');
		expect(searchPapers(index, 'NAACL')[0]?.paper.id).toBe('doi:10.18653/v1/n19-1423');
		expect(searchPapers(index, 'year:2019')[0]?.paper.id).toBe('doi:10.18653/v1/n19-1423');
	});

	it('are named by key, bare DOI, doi.org link, cite key, and an arXiv paper by its published DOI', async () => {
		const index = await wideIndex();
		for (const name of [
			'doi:10.18653/v1/N19-1423',
			'10.18653/V1/N19-1423',
			'https://doi.org/10.18653/v1/N19-1423',
			'bib:devlin-etal-2019-bert',
		]) {
			expect(getPaper(index, name)?.id).toBe('doi:10.18653/v1/n19-1423');
		}
		expect(getPaper(index, 'https://doi.org/10.1016/j.patcog.2024.110474')?.id).toBe('2305.14174');
		const linked = buildSearchIndex([
			paperSchema.parse({ id: '2305.00054', title: 'LAVA', abstract: null, doi: 'https://doi.org/10.5555/LAVA' }),
		]);
		expect(getPaper(linked, '10.5555/lava')?.id).toBe('2305.00054');
		expect(getPaper(index, 'bib:salton1975vector')?.title).toBe('A vector space model for automatic indexing');
		expect(searchPapers(index, '10.1016/J.PATCOG.2024.110474')[0]?.paper.id).toBe('2305.14174');
	});

	it('are offered by autocomplete for a DOI typed or pasted', async () => {
		const index = await wideIndex();
		expect(suggestPapers(index, '10.18653/v1/N19').map((paper) => paper.id)).toEqual(['doi:10.18653/v1/n19-1423']);
		expect(suggestPapers(index, 'https://doi.org/10.18653').map((paper) => paper.id)).toEqual(['doi:10.18653/v1/n19-1423']);
	});

	it('keep buttons, menus and choices within Discord’s 100 characters for the longest DOIs, and are found again from them', async () => {
		const index = await wideIndex();
		const long = getPaper(index, LONG_DOI)!;
		expect(long.id.length).toBeGreaterThan(CUSTOM_ID_MAX);
		for (const kind of ['share', 'discuss', 'feed-discuss', 'feed-dismiss'] as const) {
			const customId = encodeCustomId({ kind, id: long.id });
			expect(customId.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
			const decoded = decodeCustomId(customId);
			expect(decoded && 'id' in decoded && getPaper(index, decoded.id)?.id).toBe(long.id);
		}
		const choice = paperChoice(long);
		expect(choice.name.length).toBeLessThanOrEqual(100);
		expect(choice.value.length).toBeLessThanOrEqual(100);
		expect(getPaper(index, choice.value)?.id).toBe(long.id);
	});

	it('get a card that says no abstract is known, links to the DOI and the page, and offers no arXiv PDF', () => {
		const [bert] = libraryPapers;
		const card = buildPaperCard(bert!);
		expect(card.url).toBe('https://doi.org/10.18653/v1/n19-1423');
		expect(card.description).toBe('*No abstract is known for this paper.*');
		expect(card.footer?.text).toBe('doi:10.18653/v1/n19-1423');
		expect(card.fields?.map((field) => field.name)).toEqual(['Authors', 'Published', 'Venue', 'Link']);
		expect(card.fields?.find((field) => field.name === 'Published')?.value).toBe('2019-06');
		const buttons = cardComponents(bert!, { share: true, discuss: false }).components;
		expect(buttons.map((button) => ('label' in button ? button.label : ''))).toEqual(['Share', 'Link']);
	});

	it('show both the arXiv page and the published version for an arXiv paper with a DOI', async () => {
		const index = await wideIndex();
		const card = buildPaperCard(getPaper(index, '2305.14174')!);
		expect(card.url).toBe('https://arxiv.org/abs/2305.14174');
		expect(card.fields?.find((field) => field.name === 'Published version')?.value).toBe(
			'[10.1016/j.patcog.2024.110474](https://doi.org/10.1016/j.patcog.2024.110474)',
		);
		expect(card.fields?.some((field) => field.name === 'PDF')).toBe(true);
	});

	it('cite with the lab’s own key and entry type, the venue in its field', () => {
		expect(buildBibtex(libraryPapers[0]!)).toBe(
			[
				'@inproceedings{devlin-etal-2019-bert,',
				'  title = {BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding},',
				'  author = {Jacob Devlin and Ming-Wei Chang and Kenton Lee and Kristina Toutanova},',
				'  year = {2019},',
				'  booktitle = {Proceedings of NAACL-HLT 2019},',
				'  url = {https://doi.org/10.18653/v1/n19-1423},',
				'  doi = {10.18653/v1/n19-1423},',
				'}',
			].join('\n'),
		);
		expect(buildBibtex(libraryPapers[2]!)).toMatch(
			/^@misc\{salton1975vector,\n {2}title = \{A vector space model for automatic indexing\},\n {2}author = \{Gerard Salton\},\n\}$/,
		);
	});
});
