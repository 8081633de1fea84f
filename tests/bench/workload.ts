import type { PaperRecord } from '../../src/corpus/paper.js';
import { seededRandom } from '../../src/schedule/seeded-random.js';

/** One benchmark query: the text a person types, split as both engines receive it. */
export interface BenchQuery {
	kind: 'plain' | 'prefix' | 'typo' | 'filtered';
	/** The whole query as typed, filters included (what paperbot's searchPapers takes). */
	query: string;
	/** The free text alone (what bare minisearch searches). */
	text: string;
	/** The filter, applied by bare minisearch as a result filter. */
	filter: { author?: string; year?: number; category?: string; venue?: string } | null;
}

/** The queries and autocomplete inputs one benchmark size runs, identical for both engines. */
export interface Workload {
	queries: BenchQuery[];
	partials: string[];
}

function typo(word: string, random: () => number): string {
	const at = 1 + Math.floor(random() * (word.length - 2));
	const edit = Math.floor(random() * 3);
	if (edit === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
	if (edit === 1) return word.slice(0, at) + word.slice(at + 1);
	return word.slice(0, at) + 'qxz'[Math.floor(random() * 3)] + word.slice(at + 1);
}

/**
 * Builds a seeded mixed workload from papers of the corpus: plain queries of 1–3 title words,
 * prefix queries (last word cut to 3–5 letters), one-typo queries (a swap, a deletion or a wrong
 * letter in a word of 6+ letters), and filtered queries (a word plus author, year, category or
 * venue); autocomplete inputs are title phrases and ids cut after 1–20 characters.
 */
export function buildWorkload(papers: readonly PaperRecord[], queryCount: number, partialCount: number, seed = 7): Workload {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const titleWords = (paper: PaperRecord) => (paper.title ?? '').toLowerCase().split(' ');
	const queries: BenchQuery[] = [];
	while (queries.length < queryCount) {
		const paper = pick(papers);
		const words = titleWords(paper);
		const start = Math.floor(random() * words.length);
		const phrase = words.slice(start, start + 1 + Math.floor(random() * 3));
		const kind = (['plain', 'prefix', 'typo', 'filtered'] as const)[queries.length % 4]!;
		if (kind === 'plain') queries.push({ kind, query: phrase.join(' '), text: phrase.join(' '), filter: null });
		if (kind === 'prefix') {
			const last = phrase[phrase.length - 1]!;
			if (last.length < 5) continue;
			const text = [...phrase.slice(0, -1), last.slice(0, 3 + Math.floor(random() * 3))].join(' ');
			queries.push({ kind, query: text, text, filter: null });
		}
		if (kind === 'typo') {
			const target = phrase.findIndex((word) => word.length >= 6);
			if (target < 0) continue;
			const text = phrase.map((word, i) => (i === target ? typo(word, random) : word)).join(' ');
			queries.push({ kind, query: text, text, filter: null });
		}
		if (kind === 'filtered') {
			const text = phrase[0]!;
			const which = Math.floor(random() * 4);
			const author = paper.authors?.[0];
			const year = Number(paper.published?.slice(0, 4));
			const category = paper.categories?.[0];
			if (which === 0 && author) queries.push({ kind, query: `${text} author:"${author}"`, text, filter: { author } });
			else if (which === 1 && year) queries.push({ kind, query: `${text} year:${year}`, text, filter: { year } });
			else if (which === 2 && category) queries.push({ kind, query: `${text} cat:${category}`, text, filter: { category } });
			else if (which === 3 && paper.venue) {
				const venue = paper.venue.split(' ')[0]!;
				queries.push({ kind, query: `${text} venue:${venue}`, text, filter: { venue } });
			}
		}
	}
	const partials: string[] = [];
	while (partials.length < partialCount) {
		const paper = pick(papers);
		const source =
			random() < 0.2
				? paper.id
				: titleWords(paper)
						.slice(Math.floor(random() * 3))
						.join(' ');
		partials.push(source.slice(0, 1 + Math.floor(random() * Math.min(20, source.length))));
	}
	return { queries, partials };
}
