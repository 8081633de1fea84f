import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PaperRecord } from '../../src/corpus/paper.js';
import { seededRandom } from '../../src/schedule/seeded-random.js';

const SYLLABLES = [
	'ra',
	'to',
	'mi',
	'ne',
	'ka',
	'lo',
	'su',
	'vi',
	'de',
	'po',
	'ga',
	'ri',
	'sen',
	'tal',
	'mor',
	'pha',
	'quo',
	'ent',
	'ion',
	'ar',
	'el',
	'is',
	'um',
	'ex',
	'bra',
	'cro',
	'dyn',
	'gen',
	'lex',
	'net',
	'spi',
	'tro',
];
const FIRST_NAMES = [
	'Yi',
	'Wei',
	'Anna',
	'Luca',
	'Maria',
	'Jun',
	'Priya',
	'Omar',
	'Sofia',
	'Hiro',
	'Elena',
	'Chen',
	'David',
	'Fatima',
	'Igor',
	'Jia',
	'Kofi',
	'Lena',
	'Mateo',
	'Nadia',
	'Pavel',
	'Ruoxi',
	'Sara',
	'Tomas',
	'Yuki',
];
export const CATEGORIES = [
	'cs.LG',
	'cs.AI',
	'cs.CV',
	'cs.CL',
	'cs.NE',
	'cs.CR',
	'cs.RO',
	'cs.IR',
	'stat.ML',
	'math.OC',
	'math.PR',
	'physics.atom-ph',
	'quant-ph',
	'hep-th',
	'cond-mat.stat-mech',
	'q-bio.NC',
	'eess.SP',
	'econ.TH',
];
/** Vocabulary ranks that stand in for function words. */
const FUNCTION_WORD_RANKS = 150;
export const VENUES = ['ICLR', 'NeurIPS', 'ICML', 'CVPR', 'ACL', 'AAAI', 'Nature Communications', 'Physical Review A'];

/** The vocabulary's word at a rank: distinct, pronounceable, deterministic. */
function wordAt(rank: number): string {
	let word = '';
	let n = rank + 1;
	while (n > 0) {
		word += SYLLABLES[n % SYLLABLES.length];
		n = Math.floor(n / SYLLABLES.length);
	}
	return word;
}

/** Samples ranks 0..size-1 with probability proportional to 1/(rank+1)^exponent. */
function zipfSampler(size: number, exponent: number, random: () => number): () => number {
	const cumulative = new Float64Array(size);
	let total = 0;
	for (let rank = 0; rank < size; rank++) {
		total += 1 / (rank + 1) ** exponent;
		cumulative[rank] = total;
	}
	return () => {
		const target = random() * total;
		let low = 0;
		let high = size - 1;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (cumulative[mid]! < target) low = mid + 1;
			else high = mid;
		}
		return low;
	};
}

/** Options for {@link generatePapers}. */
export interface SyntheticCorpusOptions {
	/** How many papers. */
	count: number;
	/** Seed for the PRNG; the same seed gives the same papers. */
	seed?: number;
	/** Distinct words in the vocabulary. */
	vocabularySize?: number;
}

/**
 * Generates realistic-looking paper records: ~1,000-character abstracts and titles drawn from a
 * Zipf-distributed vocabulary, 1–20 authors from a shared pool, new-style ids matching their
 * dates (2015–2024), 1–3 categories, and a venue on about a third of them.
 */
export function* generatePapers(options: SyntheticCorpusOptions): Generator<PaperRecord> {
	const random = seededRandom(options.seed ?? 42);
	const vocabulary = Array.from({ length: options.vocabularySize ?? 60_000 }, (_, rank) => wordAt(rank));
	const nextWord = zipfSampler(vocabulary.length, 1.05, random);
	const authorPool = Math.max(50, Math.floor(options.count / 3));
	const nextAuthor = zipfSampler(authorPool, 0.8, random);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const words = (count: number) => Array.from({ length: count }, () => vocabulary[nextWord()]!);
	// Titles are mostly content words: the commonest ranks play the part of "the", "of", "and".
	const titleWord = () => {
		let rank = nextWord();
		while (rank < FUNCTION_WORD_RANKS && random() < 0.9) rank = nextWord();
		return vocabulary[rank]!;
	};
	const perMonth = new Map<string, number>();

	for (let index = 0; index < options.count; index++) {
		const year = 2015 + Math.floor(random() * 10);
		const month = 1 + Math.floor(random() * 12);
		const day = 1 + Math.floor(random() * 28);
		const yymm = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}`;
		const serial = (perMonth.get(yymm) ?? 0) + 1;
		perMonth.set(yymm, serial);
		const published = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

		let abstract = '';
		while (abstract.length < 950) {
			const sentence = words(8 + Math.floor(random() * 14)).join(' ');
			abstract += `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. `;
		}
		const title = Array.from({ length: 4 + Math.floor(random() * 9) }, titleWord).join(' ');
		const authors = Array.from({ length: 1 + Math.floor(random() * 20) }, () => {
			const rank = nextAuthor();
			return `${FIRST_NAMES[rank % FIRST_NAMES.length]} ${wordAt(rank).replace(/^./, (c) => c.toUpperCase())}`;
		});
		const categories = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(CATEGORIES)))];
		const venue = random() < 0.35 ? `${pick(VENUES)} ${year + (random() < 0.5 ? 0 : 1)}` : null;
		yield {
			id: `${yymm}.${String(serial).padStart(5, '0')}`,
			title: `${title.charAt(0).toUpperCase()}${title.slice(1)}`,
			authors: [...new Set(authors)],
			abstract: abstract.trim(),
			categories,
			venue,
			comment: `${8 + Math.floor(random() * 30)} pages, ${1 + Math.floor(random() * 12)} figures`,
			published,
			updated: published,
		};
	}
}

/** Writes {@link generatePapers}' records to `path` as JSON Lines. */
export async function writeSyntheticCorpus(path: string, options: SyntheticCorpusOptions): Promise<void> {
	const out = createWriteStream(path);
	for (const record of generatePapers(options)) {
		if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}
