/**
 * One side of the benchmark, run in its own process so its peak memory is its own:
 * `tsx tests/bench/measure.ts <ours|bare> <corpus.jsonl> <workload.json> <cacheDir> <budgetMs>`.
 * Prints one JSON line of figures on stdout.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { loadCorpus, readCorpus } from '../../src/corpus/load.js';
import { loadOrBuildIndex } from '../../src/search/index-cache.js';
import type { Paper } from '../../src/corpus/paper.js';
import { searchPapers, suggestPapers } from '../../src/search/paper-index.js';
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
	// Ours reads the files here and parses them only when its cache cannot stand in for them.
	const read = engine === 'ours' ? await readCorpus(corpusPath) : null;
	const corpus = read ? null : await loadCorpus(corpusPath);
	const parseMs = performance.now() - start;

	start = performance.now();
	let search: (query: BenchQuery) => unknown;
	let suggest: (partial: string) => unknown;
	let source: Measurement['source'] = 'built';
	if (engine === 'ours') {
		const loaded = await loadOrBuildIndex(read!, { cacheDir });
		source = loaded.source;
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
	const measurement: Measurement = { engine, source, parseMs, buildMs, heapAfterLoadMb, maxRssMb, query, suggest: suggestTimes };
	process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

await main();
