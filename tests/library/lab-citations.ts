import type { StandInWork } from './openalex-stand-in.js';

/** The lab's three papers: one OpenAlex knows by its DOI, one by its arXiv DOI, one it does not know. */
export const LAB_RECORDS = [
	{
		id: 'doi:10.1000/jnl.2023.7',
		title: 'Quarzwald Networks for Sparse Coding',
		authors: ['Ines Quarzwald', 'Tomas Brill'],
		published: '2023-05-01',
		abstract: null,
	},
	{
		id: '2311.09999',
		title: 'Preprint of Quarzwald Dynamics',
		authors: ['I. Quarzwald', 'Tomas Brill'],
		published: '2023-11-20',
		abstract: null,
	},
	{ id: 'bib:quarzwald2021', title: 'A Workshop Note Nobody Indexed', authors: ['Ines Quarzwald'], published: '2021', abstract: null },
];
export const LAB_WORKS: StandInWork[] = [
	{ id: 'W10', doi: '10.1000/jnl.2023.7', title: LAB_RECORDS[0]!.title, publication_date: '2023-05-01', authors: ['Ines Quarzwald'] },
	{
		id: 'W11',
		doi: '10.48550/arxiv.2311.09999',
		title: LAB_RECORDS[1]!.title,
		publication_date: '2023-11-20',
		authors: ['Ines Quarzwald'],
	},
];
/** A work citing lab papers (`references`), published on `date`. */
export const citingWork = (id: string, references: string[], date: string): StandInWork => ({
	id,
	doi: `10.2000/${id.toLowerCase()}`,
	title: `Follow-up study ${id}`,
	publication_date: date,
	authors: ['Ann Citer', 'Bo Citer'],
	venue: 'Journal of Citing',
	references,
});
