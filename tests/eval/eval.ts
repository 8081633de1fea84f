/**
 * `npm run eval [-- <folder>…] [--split train|test] [--lab] [--feed] [--no-bare]`: search quality of paperbot beside bare
 * minisearch (default options, title + text) and SQLite FTS5 (Porter stemming, bm25) on the same
 * documents and queries.
 *
 * Folders are test collections in BEIR's layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv);
 * each gets nDCG@10, Recall@100, MRR@10 and per-query latency. With no folder, every known set under
 * ../shared/evaldata/beir is run (missing ones are named), then the lab known-item set
 * (tests/eval/lab-queries.json over the shipped corpus mixed into ../shared/evaldata/arxiv/arxiv-cs-2025).
 * `--lab` runs only the known-item set; `--no-bare` leaves bare minisearch out (it is slow), for tuning.
 * Last, the arXiv feed evaluation (tests/eval/feed-eval.ts), which `--feed` runs alone.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionFiles, isCollection, readCollection, type TestCollection } from './beir.js';
import { bareMinisearchEngine, paperbotEngine, runQueries, sqliteFts5Engine, type Engine } from './engines.js';
import { feedEvalReport } from './feed-eval.js';
import { mixedCorpus, readKnownItems } from './known-items.js';
import type { Paper } from '../../src/corpus/paper.js';
import { progressLine } from '../../src/log.js';
import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from './metrics.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EVALDATA = resolve(PROJECT_ROOT, '..', 'shared', 'evaldata');
/** The collections ../shared/evaldata/README.md describes, in the order the table lists them. */
const KNOWN_SETS = ['scifact', 'cranfield', 'cisi', 'medline', 'cacm', 'adi'];
const LAB_QUERIES = join(PROJECT_ROOT, 'tests', 'eval', 'lab-queries.json');
const SHIPPED_CORPUS = join(PROJECT_ROOT, 'data');
const CROWD = join(EVALDATA, 'arxiv', 'arxiv-cs-2025');

const four = (value: number) => value.toFixed(4);
const millis = (value: number) => value.toFixed(2);

interface Arguments {
	folders: string[];
	split: string;
	labOnly: boolean;
	feedOnly: boolean;
	withBare: boolean;
}

function parseArguments(argv: string[]): Arguments {
	const folders: string[] = [];
	let split = 'test';
	let labOnly = false;
	let feedOnly = false;
	let withBare = true;
	for (let i = 0; i < argv.length; i++) {
		const argument = argv[i]!;
		if (argument === '--split') {
			split = argv[++i] ?? '';
			if (split !== 'train' && split !== 'test') throw new Error('eval: --split takes train or test');
		} else if (argument === '--lab') labOnly = true;
		else if (argument === '--feed') feedOnly = true;
		else if (argument === '--no-bare') withBare = false;
		else if (argument.startsWith('--')) throw new Error(`eval: unknown option ${argument}`);
		else folders.push(resolve(argument));
	}
	return { folders, split, labOnly, feedOnly, withBare };
}

function row(cells: string[], widths: number[]): string {
	return cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
}

const COLLECTION_WIDTHS = [10, 16, 8, 10, 8, 7, 7];

/** Which collection and engine the evaluation is on, on a terminal only; cleared before each table row. */
const progress = progressLine(process.stderr);

/** The engines compared: paperbot, bare minisearch unless left out, and SQLite FTS5. */
function enginesFor(papers: readonly Paper[], withBare: boolean): Engine[] {
	return [paperbotEngine(papers), ...(withBare ? [bareMinisearchEngine(papers)] : []), sqliteFts5Engine(papers)];
}

function evaluateCollection(collection: TestCollection, withBare: boolean): void {
	const texts = collection.queries.map((query) => query.text);
	const documentOf = new Map(collection.papers.map((paper, i) => [paper.id, collection.documentIds[i]!]));
	const toDocument = (ids: string[]) => ids.map((id) => documentOf.get(id)!);
	progress.show(`eval: ${collection.name}: indexing ${collection.papers.length.toLocaleString('en')} documents…`);
	for (const engine of enginesFor(collection.papers, withBare)) {
		progress.show(`eval: ${collection.name}: ${texts.length.toLocaleString('en')} queries with ${engine.name}…`);
		const { rankings, millis: times } = runQueries(engine, texts);
		progress.clear();
		const ranked = rankings.map(toDocument);
		const judged = collection.queries.map((query) => query.judged);
		const score = (metric: (ranking: string[], index: number) => number) => four(mean(ranked.map(metric)));
		console.log(
			row(
				[
					engine.name === 'paperbot' ? collection.name : '',
					engine.name,
					score((ranking, i) => ndcgAt(ranking, judged[i]!, 10)),
					score((ranking, i) => recallAt(ranking, judged[i]!, 100)),
					score((ranking, i) => reciprocalRankAt(ranking, judged[i]!, 10)),
					millis(percentile(times, 0.5)),
					millis(percentile(times, 0.99)),
				],
				COLLECTION_WIDTHS,
			),
		);
	}
}

async function evaluateCollections(folders: string[], split: string, withBare: boolean): Promise<void> {
	console.log(`Test collections, ${split} split: mean over judged queries; latency per query in ms`);
	console.log(row(['set', 'engine', 'nDCG@10', 'Recall@100', 'MRR@10', 'p50', 'p99'], COLLECTION_WIDTHS));
	for (const folder of folders) {
		if (!isCollection(folder, split)) {
			console.log(
				`${basename(folder)}: skipped, it lacks ${collectionFiles(split)
					.filter((file) => !existsSync(join(folder, file)))
					.join(', ')}`,
			);
			continue;
		}
		progress.show(`eval: reading ${basename(folder)}…`);
		const collection = await readCollection(folder, basename(folder), split);
		evaluateCollection(collection, withBare);
	}
}

async function evaluateKnownItems(withBare: boolean): Promise<void> {
	if (!existsSync(CROWD)) {
		console.log(`\nLab known-item set: skipped, ${CROWD} does not exist`);
		return;
	}
	progress.show('eval: reading the lab known-item set…');
	const items = await readKnownItems(LAB_QUERIES);
	const { papers } = await mixedCorpus(SHIPPED_CORPUS, CROWD);
	progress.clear();
	const titles = new Map(papers.map((paper) => [paper.id, paper.title ?? paper.abstract?.slice(0, 60) ?? paper.id]));
	console.log(
		`\nLab known-item set: ${items.length} queries (tests/eval/lab-queries.json), ${papers.length.toLocaleString('en')} papers (shipped + arxiv-cs-2025)`,
	);
	const widths = [16, 7, 8, 7, 7];
	console.log(row(['engine', 'top-1', 'MRR@10', 'p50', 'p99'], widths));
	const misses: string[] = [];
	progress.show(`eval: lab known-item set: indexing ${papers.length.toLocaleString('en')} papers…`);
	for (const engine of enginesFor(papers, withBare)) {
		progress.show(`eval: lab known-item set: ${items.length} queries with ${engine.name}…`);
		const { rankings, millis: times } = runQueries(
			engine,
			items.map((item) => item.query),
		);
		progress.clear();
		const wanted = items.map((item) => new Map([[item.wants, 1]]));
		const topOne = rankings.filter((ranking, i) => ranking[0] === items[i]!.wants).length;
		const mrr = mean(rankings.map((ranking, i) => reciprocalRankAt(ranking, wanted[i]!, 10)));
		console.log(
			row([engine.name, `${topOne}/${items.length}`, four(mrr), millis(percentile(times, 0.5)), millis(percentile(times, 0.99))], widths),
		);
		if (engine.name !== 'paperbot') continue;
		rankings.forEach((ranking, i) => {
			if (ranking[0] === items[i]!.wants) return;
			const first = ranking[0] === undefined ? 'nothing' : titles.get(ranking[0]);
			misses.push(
				`  "${items[i]!.query}" → ${first} (wanted ${items[i]!.wants} at rank ${ranking.indexOf(items[i]!.wants) + 1 || '>100'})`,
			);
		});
	}
	if (misses.length) console.log(`paperbot's misses:\n${misses.join('\n')}`);
}

async function main(): Promise<void> {
	const { folders, split, labOnly, feedOnly, withBare } = parseArguments(process.argv.slice(2));
	if (folders.length) return evaluateCollections(folders, split, withBare);
	if (feedOnly) {
		process.stdout.write(await feedEvalReport());
		return;
	}
	if (!existsSync(EVALDATA)) {
		console.log(`eval: no evaluation data at ${EVALDATA}; nothing to evaluate (give a folder in BEIR's layout to evaluate one)`);
		return;
	}
	if (!labOnly) {
		const beir = join(EVALDATA, 'beir');
		const present = existsSync(beir) ? readdirSync(beir).filter((name) => isCollection(join(beir, name), split)) : [];
		const ordered = [
			...KNOWN_SETS.filter((name) => present.includes(name)),
			...present.filter((name) => !KNOWN_SETS.includes(name)).sort(),
		];
		const missing = KNOWN_SETS.filter((name) => !present.includes(name));
		await evaluateCollections(
			ordered.map((name) => join(beir, name)),
			split,
			withBare,
		);
		if (missing.length) console.log(`missing under ${beir} (no ${split} split): ${missing.join(', ')}`);
	}
	await evaluateKnownItems(withBare);
	if (!labOnly) process.stdout.write(`\n${await feedEvalReport()}`);
}

await main();
