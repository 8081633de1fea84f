/**
 * `npm run bench [-- --sizes 1000,10000] [--zotero-items 5000] [--import-entries 5000] [--no-latency]`: paperbot's search beside bare minisearch (default
 * options, fuzzy 0.2, prefix) on seeded synthetic corpora. Each engine runs in its own child
 * process (tests/bench/measure.ts) so that peak memory (max RSS) is measured per engine; ours runs twice,
 * first start (build + write the cache) and restart (read the cache). Then the interaction latency
 * through the real bot process and the loopback Discord at the largest size (interaction-latency.ts).
 * Between them, a Zotero library synced from the loopback stand-in (zotero-sync.ts), and a BibTeX
 * import of a generated 5,000-entry `.bib` with the restart after it (bibtex-import.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PaperRecord } from '../../src/corpus/paper.js';
import { progressLine } from '../../src/log.js';
import type { Measurement } from './measure.js';
import { generatePapers, writeSyntheticCorpus } from './synthetic-corpus.js';
import { formatLatencyReport, measureInteractionLatency } from './interaction-latency.js';
import { buildWorkload } from './workload.js';
import { formatZoteroSyncReport, measureZoteroSync } from './zotero-sync.js';
import { formatBibtexImportReport, measureBibtexImport } from './bibtex-import.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const QUERY_COUNT = 1_200;
const PARTIAL_COUNT = 1_200;
/** Time either engine may spend on timed queries per size (a third of it on suggestions): bare fuzzy search at 100k papers would need hours for them all. */
const QUERY_BUDGET_MS = 60_000;
/** Entries in the generated `.bib` the import row imports (`--import-entries N`). */
const IMPORT_ENTRIES = 5_000;

/** Items in the Zotero row's library (`--zotero-items`). */
const DEFAULT_ZOTERO_ITEMS = 5_000;

function parseZoteroItems(argv: string[]): number {
	const flag = argv.indexOf('--zotero-items');
	const items = flag < 0 ? DEFAULT_ZOTERO_ITEMS : Number(argv[flag + 1]);
	if (!Number.isInteger(items) || items < 20)
		throw new Error('bench: --zotero-items takes a number of items, at least 20, e.g. --zotero-items 5000');
	return items;
}

function parseSizes(argv: string[]): number[] {
	const flag = argv.indexOf('--sizes');
	if (flag < 0) return DEFAULT_SIZES;
	const sizes = (argv[flag + 1] ?? '').split(',').map(Number);
	if (!sizes.length || sizes.some((size) => !Number.isInteger(size) || size < 10)) {
		throw new Error('bench: --sizes takes a comma-separated list of paper counts, e.g. --sizes 1000,10000');
	}
	return sizes;
}

function parseImportEntries(argv: string[]): number {
	const flag = argv.indexOf('--import-entries');
	if (flag < 0) return IMPORT_ENTRIES;
	const entries = Number(argv[flag + 1]);
	if (!Number.isInteger(entries) || entries < 1)
		throw new Error('bench: --import-entries takes a number of entries, e.g. --import-entries 5000');
	return entries;
}

async function measure(engine: 'ours' | 'bare', corpus: string, workload: string, cacheDir: string): Promise<Measurement> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--expose-gc', '--import', 'tsx', join('tests', 'bench', 'measure.ts'), engine, corpus, workload, cacheDir, String(QUERY_BUDGET_MS)],
		{ cwd: PROJECT_ROOT, maxBuffer: 1 << 20 },
	);
	return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);
const ratio = (ours: number, bare: number) => `${(ours / bare).toFixed(2)}x`;

function report(size: number, bare: Measurement, first: Measurement, restart: Measurement): void {
	const rows: [string, string, string, string][] = [
		['read files (bare: and parse)', ms(bare.parseMs), ms(first.parseMs), ratio(first.parseMs, bare.parseMs)],
		['parse and index (first start)', ms(bare.buildMs), ms(first.buildMs), ratio(first.buildMs, bare.buildMs)],
		[
			'first start (parse + build)',
			ms(bare.parseMs + bare.buildMs),
			ms(first.parseMs + first.buildMs),
			ratio(first.parseMs + first.buildMs, bare.parseMs + bare.buildMs),
		],
		[`restart from cache (${restart.source})`, '', ms(restart.buildMs), `${ratio(restart.buildMs, bare.buildMs)} of bare build`],
		[
			'restart, parse + cache',
			'',
			ms(restart.parseMs + restart.buildMs),
			`${ratio(restart.parseMs + restart.buildMs, bare.buildMs)} of bare build`,
		],
		[
			'heap used after load',
			`${bare.heapAfterLoadMb.toFixed(0)} MB`,
			`${first.heapAfterLoadMb.toFixed(0)} MB`,
			ratio(first.heapAfterLoadMb, bare.heapAfterLoadMb),
		],
		['peak memory (max RSS)', `${bare.maxRssMb.toFixed(0)} MB`, `${first.maxRssMb.toFixed(0)} MB`, ratio(first.maxRssMb, bare.maxRssMb)],
		[
			`query p50 (${bare.query.count} / ${first.query.count})`,
			ms(bare.query.p50),
			ms(first.query.p50),
			ratio(first.query.p50, bare.query.p50),
		],
		['query p99', ms(bare.query.p99), ms(first.query.p99), ratio(first.query.p99, bare.query.p99)],
		[
			`suggestion p50 (${bare.suggest.count} / ${first.suggest.count})`,
			ms(bare.suggest.p50),
			ms(first.suggest.p50),
			ratio(first.suggest.p50, bare.suggest.p50),
		],
		['suggestion p99', ms(bare.suggest.p99), ms(first.suggest.p99), ratio(first.suggest.p99, bare.suggest.p99)],
		['feed: 500 new papers ranked', '', ms(first.feed?.ms ?? 0), ''],
		['feed: longest hold of the event loop', '', ms(first.feed?.longestStallMs ?? 0), ''],
		['add one paper, no rebuild (restart)', '', ms(restart.addMs ?? 0), ''],
	];
	console.log(`\n${size.toLocaleString('en')} papers`);
	console.log(`  ${'figure'.padEnd(34)}${'bare'.padStart(12)}${'paperbot'.padStart(12)}  ours/bare`);
	for (const [name, bareValue, ourValue, ratioText] of rows) {
		console.log(`  ${name.padEnd(34)}${bareValue.padStart(12)}${ourValue.padStart(12)}  ${ratioText}`);
	}
}

async function main(): Promise<void> {
	const sizes = parseSizes(process.argv.slice(2));
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-bench-'));
	const results = new Map<number, { bare: Measurement; first: Measurement; restart: Measurement }>();
	// Which step runs, on a terminal only: a run piped to a file keeps stderr for problems.
	const progress = progressLine(process.stderr);
	try {
		for (const size of sizes) {
			const corpus = join(folder, `papers-${size}.jsonl`);
			const records: PaperRecord[] = [...generatePapers({ count: size, seed: size })];
			await writeSyntheticCorpus(corpus, { count: size, seed: size });
			const workload = join(folder, `workload-${size}.json`);
			await writeFile(workload, JSON.stringify(buildWorkload(records, QUERY_COUNT, PARTIAL_COUNT)));
			const cacheDir = join(folder, `cache-${size}`);
			progress.show(`bench: ${size.toLocaleString('en')} papers: bare minisearch…`);
			const bare = await measure('bare', corpus, workload, cacheDir);
			progress.show(`bench: ${size.toLocaleString('en')} papers: paperbot, first start…`);
			const first = await measure('ours', corpus, workload, cacheDir);
			progress.show(`bench: ${size.toLocaleString('en')} papers: paperbot, restart…`);
			const restart = await measure('ours', corpus, workload, cacheDir);
			progress.clear();
			results.set(size, { bare, first, restart });
			report(size, bare, first, restart);
		}
		const small = results.get(10_000);
		const large = results.get(100_000);
		if (small && large) {
			const growth = (pick: (m: Measurement) => number) =>
				`bare ${(pick(large.bare) / pick(small.bare)).toFixed(1)}x, paperbot ${(pick(large.first) / pick(small.first)).toFixed(1)}x`;
			console.log('\nGrowth from 10k to 100k papers (10x the papers; linear is 10x)');
			console.log(`  index build   ${growth((m) => m.buildMs)}`);
			console.log(`  peak memory   ${growth((m) => m.maxRssMb)}`);
			console.log(`  query p99     ${growth((m) => m.query.p99)}`);
			console.log(`  suggest p99   ${growth((m) => m.suggest.p99)}`);
		}
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
	const zoteroItems = parseZoteroItems(process.argv.slice(2));
	progress.show(`bench: a Zotero library of ${zoteroItems.toLocaleString('en')} items…`);
	const zotero = await measureZoteroSync(zoteroItems, measure);
	progress.clear();
	console.log(formatZoteroSyncReport(zotero));
	const entries = parseImportEntries(process.argv.slice(2));
	progress.show(`bench: importing a .bib of ${entries.toLocaleString('en')} entries…`);
	const imported = await measureBibtexImport(entries);
	progress.clear();
	console.log(formatBibtexImportReport(imported));
	if (!process.argv.includes('--no-latency')) {
		const progress = progressLine(process.stderr);
		const latency = await measureInteractionLatency({ papers: Math.max(...sizes), onStep: (text) => progress.show(text) });
		progress.clear();
		console.log(formatLatencyReport(latency));
	}
}

await main();
