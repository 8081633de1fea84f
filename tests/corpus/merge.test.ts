import { describe, expect, it } from 'vitest';
import { mergePapers, PaperIdentities } from '../../src/corpus/merge.js';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';

const paper = (id: string, fields: Record<string, unknown> = {}): Paper =>
	paperSchema.parse({ id, title: 'Spiking Generative Adversarial Network', authors: ['Linghao Feng'], abstract: null, ...fields });

function sameAs(earlier: Paper, later: Paper): Paper | null {
	const identities = new PaperIdentities(new Map([[earlier.id, { paper: earlier }]]));
	identities.remember(earlier);
	return identities.find(later);
}

describe('PaperIdentities', () => {
	it('finds a preprint and its published version by title and first surname, as an arXiv id and a DOI tell them apart not', () => {
		const preprint = paper('2305.10246');
		const published = paper('doi:10.1016/j.neunet.2024.106423', {
			title: 'Spiking generative adversarial network',
			authors: ['Feng, Linghao'],
		});
		expect(sameAs(preprint, published)).toBe(preprint);
		expect(mergePapers(preprint, published)).toMatchObject({ id: '2305.10246', doi: '10.1016/j.neunet.2024.106423' });
	});

	it('keeps two papers of one title apart when both have arXiv ids, or both DOIs', () => {
		expect(sameAs(paper('2305.10246'), paper('2401.00001'))).toBeNull();
		expect(sameAs(paper('doi:10.1234/a'), paper('doi:10.1234/b'))).toBeNull();
		expect(sameAs(paper('2305.10246', { doi: '10.1234/a' }), paper('doi:10.1234/b'))).toBeNull();
		// Two arXiv papers published together (or one split in two) share a DOI and stay two papers.
		expect(sameAs(paper('2305.10246', { doi: '10.1234/a' }), paper('2401.00001', { doi: '10.1234/A' }))).toBeNull();
	});

	it('finds a record known by neither by its title and first surname, and no paper of another first author', () => {
		expect(sameAs(paper('doi:10.1234/a'), paper('bib:feng2024'))?.id).toBe('doi:10.1234/a');
		expect(sameAs(paper('doi:10.1234/a'), paper('bib:zhao2024', { authors: ['Dongcheng Zhao'] }))).toBeNull();
	});
});
