/**
 * One side of the benchmark, run in its own process so its peak memory is its own:
 * `tsx tests/bench/measure.ts <ours|bare> <corpus.jsonl> <workload.json> <cacheDir> <budgetMs>`.
 * Prints one JSON line of figures on stdout.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { listCorpus, loadCorpus } from '../../src/corpus/load.js';
import { addPapersToIndex } from '../../src/search/appended.js';
import { loadOrBuildIndex } from '../../src/search/index-cache.js';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { rankFeedPapers } from '../../src/feed/rank.js';
import { type PaperIndex, searchPapers, suggestPapers } from '../../src/search/paper-index.js';
import { generatePapers } from './synthetic-corpus.js';
import type { BenchQuery, Workload } from './workload.js';

/** The figures one process reports. */
export interface Measurement {
	engine: 'ours' | 'bare';
	/** For ours: whether the index came from the cache file. */
	source: 'cache' | 'built';
	parseMs: number;
	buildMs: number;
	heapAfterLoadMb: number;
	maxRssMb: number;
	query: Percentiles;
	suggest: Percentiles;
	/** For ours: ranking a day of {@link FEED_DAY} new papers against the corpus, and the longest the event loop waited meanwhile. */
	feed?: { ms: number; longestStallMs: number };
	/** For ours: adding one paper to the index in service, as `/paper add` does after writing it (see Library.addPapers). */
	addMs?: number;
}

/** Papers in the benchmark's feed day: arXiv's busiest categories announce about this many a day. */
const FEED_DAY = 500;

/** Times ranking a day of synthetic new papers, while a timer measures how long the event loop is held at a stretch. */
async function timeFeed(index: PaperIndex): Promise<{ ms: number; longestStallMs: number }> {
	// New ids: the generator's would repeat the corpus's.
	const day = [...generatePapers({ count: FEED_DAY, seed: 99 })].map((record, n) =>
		paperSchema.parse({ ...record, id: `2601.${String(n).padStart(5, '0')}` }),
	);
	let last = performance.now();
	let longestStallMs = 0;
	const ticker = setInterval(() => {
		longestStallMs = Math.max(longestStallMs, performance.now() - last);
		last = performance.now();
	}, 1);
	const start = performance.now();
	await rankFeedPapers(index, day, { max: 10 });
	const ms = performance.now() - start;
	clearInterval(ticker);
	return { ms, longestStallMs };
}

/** Times adding one new paper to the index, and checks that search finds it. */
function timeAdd(index: PaperIndex): number {
	const paper = paperSchema.parse({ id: '2601.99999', title: 'Quokka census', authors: ['Ada Quill'], abstract: 'Quokkas counted.' });
	const start = performance.now();
	const added = addPapersToIndex(index, [paper]);
	const ms = performance.now() - start;
	if (added === null || searchPapers(added, 'quokka census')[0]?.paper.id !== paper.id)
		throw new Error('bench/measure: the added paper is not found');
	return ms;
}

/** Latency percentiles over `count` timed calls. */
export interface Percentiles {
	p50: number;
	p99: number;
	count: number;
}

const WARM_UP_CALLS = 30;

function percentiles(times: number[]): Percentiles {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
	return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/** Times `run` on each input after a warm-up, stopping early once `budgetMs` is spent. */
function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown, budgetMs: number): Percentiles {
	for (const input of inputs.slice(0, WARM_UP_CALLS)) run(input);
	const times: number[] = [];
	const deadline = performance.now() + budgetMs;
	for (const input of inputs) {
		const start = performance.now();
		run(input);
		times.push(performance.now() - start);
		if (start > deadline) break;
	}
	return percentiles(times);
}

function heapAfterGcMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return process.memoryUsage().heapUsed / 1e6;
}

function bareFilter(papers: Map<string, Paper>, filter: NonNullable<BenchQuery['filter']>) {
	return (result: { id: string }) => {
		const paper = papers.get(result.id)!;
		if (filter.author && !paper.authors?.includes(filter.author)) return false;
		if (filter.year && !paper.published?.startsWith(String(filter.year))) return false;
		if (filter.category && !paper.categories?.some((category) => category.startsWith(filter.category!))) return false;
		return !filter.venue || (paper.venue ?? '').includes(filter.venue);
	};
}

async function main(): Promise<void> {
	const [engine, corpusPath, workloadPath, cacheDir, budget] = process.argv.slice(2);
	if ((engine !== 'ours' && engine !== 'bare') || !corpusPath || !workloadPath || !cacheDir) {
		throw new Error('bench/measure: usage: measure.ts <ours|bare> <corpus> <workload> <cacheDir> [budgetMs]');
	}
	const budgetMs = Number(budget ?? 60_000);
	const workload = JSON.parse(readFileSync(workloadPath, 'utf8')) as Workload;
	let start = performance.now();
	// Ours lists the files here, and reads and parses them only when its cache cannot stand in for them.
	const listed = engine === 'ours' ? await listCorpus(corpusPath) : null;
	const corpus = listed ? null : await loadCorpus(corpusPath);
	const parseMs = performance.now() - start;

	start = performance.now();
	let search: (query: BenchQuery) => unknown;
	let suggest: (partial: string) => unknown;
	let source: Measurement['source'] = 'built';
	let index: PaperIndex | null = null;
	if (engine === 'ours') {
		const loaded = await loadOrBuildIndex(listed!, { cacheDir });
		source = loaded.source;
		index = loaded.index;
		search = (query) => searchPapers(loaded.index, query.query);
		suggest = (partial) => suggestPapers(loaded.index, partial);
	} else {
		const miniSearch = new MiniSearch({
			fields: ['title', 'authors', 'abstract', 'categories', 'venue'],
			searchOptions: { fuzzy: 0.2, prefix: true },
		});
		miniSearch.addAll(
			corpus!.papers.map((paper) => ({
				id: paper.id,
				title: paper.title ?? '',
				authors: paper.authors?.join(' ') ?? '',
				abstract: paper.abstract,
				categories: paper.categories?.join(' ') ?? '',
				venue: [paper.venue, paper.comment].filter(Boolean).join(' '),
			})),
		);
		const byId = new Map(corpus!.papers.map((paper) => [paper.id, paper]));
		search = (query) => miniSearch.search(query.text, query.filter ? { filter: bareFilter(byId, query.filter) } : {});
		suggest = (partial) => miniSearch.search(partial).slice(0, 25);
	}
	const buildMs = performance.now() - start;
	const heapAfterLoadMb = heapAfterGcMb();
	const query = timeEach(workload.queries, search, budgetMs);
	const suggestTimes = timeEach(workload.partials, suggest, budgetMs / 3);
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	const feed = index ? await timeFeed(index) : undefined;
	const addMs = index ? timeAdd(index) : undefined;
	const measurement: Measurement = {
		engine,
		source,
		parseMs,
		buildMs,
		heapAfterLoadMb,
		maxRssMb,
		query,
		suggest: suggestTimes,
		feed,
		addMs,
	};
	process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

await main();
