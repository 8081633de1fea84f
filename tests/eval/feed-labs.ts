/**
 * The feed evaluation's protocol: labs found in real arXiv papers, and the announcement days their
 * later papers are hidden in. Read in place from ../shared/evaldata/arxiv/arxiv-cs-2025.
 *
 * - A lab is a group of co-authors linked by pairs who wrote at least {@link LAB_PAPERS} papers
 *   together (connected pairs form one group); its papers are those with two of its members.
 * - Its first 60% of papers by date are its corpus (or, in the small variant, its first three);
 *   each later paper is hidden in a day of {@link DAY_SIZES} papers listing any of the corpus's
 *   primary categories, announced within two weeks of it (the window doubles until enough are
 *   found), none of them the lab's.
 * - Ranking sees titles and abstracts only: the papers handed to it carry nothing else.
 * - Labs are split in two by the parity of the FNV-1a hash of the lab's key (its members' folded
 *   names, sorted): even is the tuning half, odd the reported half.
 */
import { readFileSync } from 'node:fs';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { hashText, seededRandom } from '../../src/schedule/seeded-random.js';

/** Joint papers that make two co-authors part of one lab. */
export const LAB_PAPERS = 5;
/** Papers with more authors than this are left out of finding labs: a consortium is no lab. */
const MAX_AUTHORS = 30;
const CORPUS_SHARE = 0.6;
export const SMALL_CORPUS = 3;
const WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** A paper of the collection, with what the protocol needs besides the paper ranking sees. */
export interface DatedPaper {
	paper: Paper;
	authors: string[];
	categories: string[];
	time: number;
}

export interface Lab {
	key: string;
	/** By date, then id. */
	papers: DatedPaper[];
	half: 'tuning' | 'reported';
}

/** One announcement day with a lab paper hidden in it. */
export interface LabDay {
	lab: Lab;
	corpus: Paper[];
	hidden: Paper;
	/** The day's papers in announcement order (shuffled), the hidden one among them. */
	papers: Paper[];
}

interface Row {
	id: string;
	title: string;
	authors: string;
	categories: string;
	abstract: string;
	published: string;
}

/** Reads the collection: titles and abstracts for ranking; authors, categories and dates for the protocol. */
export function readCollection(path: string): DatedPaper[] {
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Row)
		.map((row) => ({
			// Ranking sees titles and abstracts only: everything else stays empty.
			paper: paperSchema.parse({ id: row.id, title: row.title, abstract: row.abstract }),
			authors: row.authors
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean),
			categories: row.categories.split(' ').filter(Boolean),
			time: Date.parse(row.published.slice(0, 10)),
		}));
}

const foldName = (name: string) =>
	name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ');
const byDate = (a: DatedPaper, b: DatedPaper) => a.time - b.time || a.paper.id.localeCompare(b.paper.id);

/** The labs of the collection (see the protocol above), in key order. */
export function findLabs(collection: readonly DatedPaper[]): Lab[] {
	const joint = new Map<string, DatedPaper[]>();
	for (const entry of collection) {
		const names = [...new Set(entry.authors.map(foldName))].sort();
		if (names.length > MAX_AUTHORS) continue;
		for (let i = 0; i < names.length; i++) {
			for (let j = i + 1; j < names.length; j++) {
				const key = `${names[i]}\t${names[j]}`;
				const papers = joint.get(key);
				if (papers) papers.push(entry);
				else joint.set(key, [entry]);
			}
		}
	}
	const pairs = [...joint].filter(([, papers]) => papers.length >= LAB_PAPERS).map(([key, papers]) => ({ names: key.split('\t'), papers }));
	const parent = new Map<string, string>();
	const root = (name: string): string => {
		const up = parent.get(name) ?? name;
		return up === name ? name : root(up);
	};
	for (const { names } of pairs) {
		const [a, b] = [root(names[0]!), root(names[1]!)];
		if (a !== b) parent.set(a, b);
	}
	const groups = new Map<string, { members: Set<string>; papers: Map<string, DatedPaper> }>();
	for (const { names, papers } of pairs) {
		const group = groups.get(root(names[0]!)) ?? { members: new Set(), papers: new Map() };
		groups.set(root(names[0]!), group);
		for (const name of names) group.members.add(name);
		for (const entry of papers) group.papers.set(entry.paper.id, entry);
	}
	return [...groups.values()]
		.map(({ members, papers }) => {
			const key = [...members].sort().join(', ');
			return {
				key,
				papers: [...papers.values()].sort(byDate),
				half: hashText(key) % 2 === 0 ? ('tuning' as const) : ('reported' as const),
			};
		})
		.sort((a, b) => a.key.localeCompare(b.key));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy;
}

/** Every lab's hidden papers, each in a day of `size` papers; `small` keeps only the corpus's first three papers. */
export function labDays(collection: readonly DatedPaper[], labs: readonly Lab[], size: number, small: boolean): LabDay[] {
	return labs.flatMap((lab) => {
		const split = Math.floor(lab.papers.length * CORPUS_SHARE);
		const corpus = lab.papers.slice(0, small ? Math.min(split, SMALL_CORPUS) : split);
		const categories = new Set(lab.papers.slice(0, split).map((entry) => entry.categories[0]));
		const own = new Set(lab.papers.map((entry) => entry.paper.id));
		const crowd = collection.filter((entry) => !own.has(entry.paper.id) && entry.categories.some((category) => categories.has(category)));
		return lab.papers.slice(split).map((hidden) => {
			let window = WINDOW_DAYS * DAY_MS;
			let near = crowd.filter((entry) => Math.abs(entry.time - hidden.time) <= window);
			while (near.length < size - 1 && near.length < crowd.length) {
				window *= 2;
				near = crowd.filter((entry) => Math.abs(entry.time - hidden.time) <= window);
			}
			const random = seededRandom(hashText(`${lab.key}|${hidden.paper.id}|${size}`));
			const others = shuffled(near, random).slice(0, size - 1);
			return {
				lab,
				corpus: corpus.map((entry) => entry.paper),
				hidden: hidden.paper,
				papers: shuffled([...others.map((entry) => entry.paper), hidden.paper], random),
			};
		});
	});
}
