/**
 * `npx tsx tests/bench/startup.ts [--papers 20000] [--runs 3]`: how long `npm start` takes from
 * spawn to "connected to Discord" against the loopback Discord stand-in, on a seeded synthetic
 * corpus: the first start (parse, build the index, write its cache) and a restart over the unchanged
 * corpus (parse, read the cache). Beside them, in the same run: a bare minisearch build of the same
 * papers (default options, title and abstract) and node starting with nothing to do, so that
 * what is paperbot's own is visible on a shared machine.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import MiniSearch from 'minisearch';
import { progressLine } from '../../src/log.js';
import { botEnvironment, PROJECT_ROOT } from '../e2e/bot-process.js';
import { startDiscordStandin, type Standin } from '../e2e/discord-standin.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

function flag(name: string, fallback: number): number {
	const at = process.argv.indexOf(name);
	const value = at < 0 ? fallback : Number(process.argv[at + 1]);
	if (!Number.isInteger(value) || value < 1) throw new Error(`bench/startup: ${name} takes a positive whole number`);
	return value;
}

/** Spawns `npm start` and resolves with the milliseconds until it logs that it is connected. */
async function timeStart(standin: Standin, corpusPath: string, stateDir: string): Promise<number> {
	const started = performance.now();
	const child = spawn('npm', ['start', '--silent'], {
		cwd: PROJECT_ROOT,
		env: botEnvironment(standin, { corpusPath, stateDir }),
		detached: true,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	try {
		return await new Promise<number>((resolve, reject) => {
			child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				if (stderr.includes('"msg":"connected to Discord"')) resolve(performance.now() - started);
			});
			child.once('close', (code) => reject(new Error(`bench/startup: npm start exited with ${code}:\n${stderr}`)));
		});
	} finally {
		process.kill(-(child.pid as number), 'SIGKILL');
	}
}

async function bareBuildMs(corpusPath: string): Promise<number> {
	const papers = (await readFile(corpusPath, 'utf8'))
		.split('\n')
		.filter(Boolean)
		.map((line, id) => ({ id, ...(JSON.parse(line) as { title: string; abstract: string }) }));
	const started = performance.now();
	const index = new MiniSearch({ fields: ['title', 'abstract'] });
	index.addAll(papers);
	return performance.now() - started;
}

async function nodeStartMs(): Promise<number> {
	const started = performance.now();
	await promisify(execFile)(process.execPath, ['-e', '']);
	return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
	const papers = flag('--papers', 20_000);
	const runs = flag('--runs', 3);
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-startup-'));
	const standin = await startDiscordStandin();
	try {
		const rows = { first: [] as number[], restart: [] as number[], bare: [] as number[], node: [] as number[] };
		const progress = progressLine(process.stderr);
		for (let run = 0; run < runs; run += 1) {
			progress.show(`bench/startup: run ${run + 1} of ${runs}…`);
			const corpusDir = join(folder, `corpus-${run}`);
			const corpusPath = join(corpusDir, 'papers.jsonl');
			await mkdir(corpusDir);
			await writeSyntheticCorpus(corpusPath, { count: papers, seed: papers });
			const stateDir = await mkdtemp(join(folder, 'state-'));
			rows.bare.push(await bareBuildMs(corpusPath));
			rows.node.push(await nodeStartMs());
			rows.first.push(await timeStart(standin, corpusDir, stateDir));
			rows.restart.push(await timeStart(standin, corpusDir, stateDir));
		}
		progress.clear();
		const bare = median(rows.bare);
		console.log(`\nnpm start with ${papers.toLocaleString('en')} papers, median of ${runs} runs`);
		console.log(`  bare minisearch build (in process)  ${seconds(bare)}`);
		console.log(`  node start, nothing to do           ${seconds(median(rows.node))}`);
		console.log(
			`  first start, to connected           ${seconds(median(rows.first))}  ${(median(rows.first) / bare).toFixed(2)}x bare build`,
		);
		console.log(`  restart, unchanged corpus           ${seconds(median(rows.restart))}`);
	} finally {
		await standin.close();
		await rm(folder, { recursive: true, force: true });
	}
}

await main();
