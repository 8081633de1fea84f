/**
 * Interaction latency through the Discord stand-in: the time from the gateway dispatch of an
 * interaction to the bot's callback request, for `/paper search` and `id` autocomplete against a
 * seeded synthetic corpus (100k papers by default). Printed beside
 * - the bare cost of `searchPapers` / `suggestPapers` on the same inputs, timed in this process, and
 * - the stand-in's own round trip: a trivial discord.js client (its own process) answering at once,
 * so that what the bot adds is visible. Targets (issue 3): p99 <= 50 ms search, <= 20 ms autocomplete.
 *
 * `npx tsx tests/bench/interaction-latency.ts [--papers 100000] [--count 1000]`, or `measureInteractionLatency`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { listCorpus } from '../../src/corpus/load.js';
import { loadOrBuildIndex } from '../../src/search/index-cache.js';
import type { PaperRecord } from '../../src/corpus/paper.js';
import { searchPapers, suggestPapers } from '../../src/search/paper-index.js';
import { botEnvironment, PROJECT_ROOT, startBotProcess } from '../e2e/bot-process.js';
import { autocomplete, slashCommand, startDiscordStandin, type InteractionInput, type Standin } from '../e2e/discord-standin.js';
import { generatePapers, writeSyntheticCorpus } from './synthetic-corpus.js';
import { buildWorkload } from './workload.js';

/** p50 and p99 of some timings, in milliseconds. */
export interface Percentiles {
	p50: number;
	p99: number;
	count: number;
}

/** One kind of interaction: through the bot, bare in-process, and through a trivial client. */
export interface LatencyRow {
	bot: Percentiles;
	bare: Percentiles;
	trivialClient: Percentiles;
	/** The issue's p99 target for the bot, in ms. */
	targetP99: number;
}

export interface LatencyReport {
	papers: number;
	search: LatencyRow;
	autocomplete: LatencyRow;
	/** How long the bot took from spawn to answering (corpus build included). */
	botStartMs: number;
}

/** Options for {@link measureInteractionLatency}. */
export interface LatencyOptions {
	/** Papers in the synthetic corpus. */
	papers?: number;
	/** Timed interactions of each kind. */
	count?: number;
	/** Told each step as it starts (the bench draws it on a terminal). */
	onStep?: (text: string) => void;
}

const WARM_UP = 30;
const SEARCH_TARGET_P99_MS = 50;
const AUTOCOMPLETE_TARGET_P99_MS = 20;
/** A 100k-paper corpus is indexed on first start; the bot may take this long to be ready. */
const BOT_START_TIMEOUT_MS = 300_000;

function percentiles(times: readonly number[]): Percentiles {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
	return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/** Timings of the same inputs through the bot and through the trivial client. */
interface PairedTimings {
	bot: Percentiles;
	trivial: Percentiles;
}

async function timeOne(standin: Standin, input: InteractionInput): Promise<number> {
	const { callback, latencyMs } = await standin.sendInteraction(input);
	if (callback.status >= 400)
		throw new Error(`bench/interaction-latency: callback rejected with ${callback.status} (code ${callback.code})`);
	return latencyMs;
}

/**
 * Sends each input to the bot, then to the trivial client, one at a time (a person waits for one
 * answer before the next); alternating keeps both under the same load of the machine.
 */
async function timeInteractions(bot: Standin, trivial: Standin, inputs: readonly InteractionInput[]): Promise<PairedTimings> {
	for (const input of inputs.slice(0, WARM_UP)) {
		await timeOne(bot, input);
		await timeOne(trivial, input);
	}
	const botTimes: number[] = [];
	const trivialTimes: number[] = [];
	for (const input of inputs) {
		botTimes.push(await timeOne(bot, input));
		trivialTimes.push(await timeOne(trivial, input));
	}
	return { bot: percentiles(botTimes), trivial: percentiles(trivialTimes) };
}

function timeInProcess<T>(inputs: readonly T[], run: (input: T) => unknown): Percentiles {
	for (const input of inputs.slice(0, WARM_UP)) run(input);
	const times = inputs.map((input) => {
		const start = performance.now();
		run(input);
		return performance.now() - start;
	});
	return percentiles(times);
}

/** Runs the trivial client (this file with `--trivial-client`) in its own process, like the bot. */
async function startTrivialClient(folder: string): Promise<{ standin: Standin; stop: () => Promise<void> }> {
	const standin = await startDiscordStandin();
	const env = botEnvironment(standin, { corpusPath: folder, stateDir: folder });
	const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--trivial-client'], {
		cwd: PROJECT_ROOT,
		env,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const stop = async () => {
		child.kill('SIGTERM');
		await standin.close();
	};
	await standin.waitForReady(30_000).catch(async (error: unknown) => {
		await stop();
		throw error;
	});
	return { standin, stop };
}

/** Logs in with the environment the bot would read and answers every interaction at once. */
async function runTrivialClient(): Promise<void> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api: process.env.DISCORD_API_URL },
		allowedMentions: { parse: [] },
	});
	client.on(Events.InteractionCreate, (interaction) => {
		if (interaction.isAutocomplete()) void interaction.respond([]);
		else if (interaction.isRepliable()) void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
	});
	process.once('SIGTERM', () => void client.destroy().finally(() => process.exit(0)));
	await client.login(process.env.DISCORD_TOKEN);
}

/** Measures the bot's interaction latency on a fresh synthetic corpus; see the file's comment. */
export async function measureInteractionLatency({
	papers = 100_000,
	count = 1_000,
	onStep = () => undefined,
}: LatencyOptions = {}): Promise<LatencyReport> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-latency-'));
	try {
		const corpusPath = join(folder, 'corpus');
		await mkdir(corpusPath);
		await writeSyntheticCorpus(join(corpusPath, 'papers.jsonl'), { count: papers, seed: papers });
		const records: PaperRecord[] = [...generatePapers({ count: papers, seed: papers })];
		const workload = buildWorkload(records, count, count);
		const searches = workload.queries.map((query) => slashCommand('paper', 'search', { query: query.query }));
		const suggestions = workload.partials.map((partial) => autocomplete('paper', 'show', { id: partial }, 'id'));

		onStep(`bench: interaction latency: ${papers} papers: starting the bot (a first start indexes the corpus) and a trivial client…`);
		const stops: (() => Promise<unknown>)[] = [];
		let timed: { search: PairedTimings; autocomplete: PairedTimings };
		let botStartMs = 0;
		try {
			const trivial = await startTrivialClient(folder);
			stops.push(trivial.stop);
			const standin = await startDiscordStandin();
			stops.push(() => standin.close());
			const started = performance.now();
			const bot = await startBotProcess(standin, { corpusPath, stateDir: folder, fromSource: true }, BOT_START_TIMEOUT_MS);
			botStartMs = performance.now() - started;
			stops.unshift(() => bot.stop());
			onStep(`bench: interaction latency: ${count} searches and ${count} autocompletes each…`);
			timed = {
				search: await timeInteractions(standin, trivial.standin, searches),
				autocomplete: await timeInteractions(standin, trivial.standin, suggestions),
			};
		} finally {
			for (const stop of stops) await stop();
		}

		onStep('bench: interaction latency: bare search and suggestions in-process…');
		const { index } = await loadOrBuildIndex(await listCorpus(corpusPath), { cacheDir: corpusPath });
		const bare = {
			search: timeInProcess(workload.queries, (query) => searchPapers(index, query.query)),
			autocomplete: timeInProcess(workload.partials, (partial) => suggestPapers(index, partial)),
		};
		return {
			papers,
			botStartMs,
			search: { bot: timed.search.bot, bare: bare.search, trivialClient: timed.search.trivial, targetP99: SEARCH_TARGET_P99_MS },
			autocomplete: {
				bot: timed.autocomplete.bot,
				bare: bare.autocomplete,
				trivialClient: timed.autocomplete.trivial,
				targetP99: AUTOCOMPLETE_TARGET_P99_MS,
			},
		};
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** The report as a table: through the bot, the bare call, and the stand-in's round trip with a trivial client. */
export function formatLatencyReport(report: LatencyReport): string {
	const lines = [
		`\nInteraction latency, dispatch → callback, ${report.papers.toLocaleString('en')} papers (bot ready after ${ms(report.botStartMs)})`,
	];
	lines.push(`  ${''.padEnd(52)}${'p50'.padStart(10)}${'p99'.padStart(10)}`);
	for (const [name, row] of [
		['/paper search', report.search],
		['id autocomplete', report.autocomplete],
	] as const) {
		const verdict = row.bot.p99 <= row.targetP99 ? 'met' : 'MISSED';
		lines.push(
			`  ${`${name} through the bot (${row.bot.count})`.padEnd(52)}${ms(row.bot.p50).padStart(10)}${ms(row.bot.p99).padStart(10)}   target p99 <= ${row.targetP99} ms: ${verdict}`,
		);
		lines.push(`  ${'  bare call in-process'.padEnd(52)}${ms(row.bare.p50).padStart(10)}${ms(row.bare.p99).padStart(10)}`);
		lines.push(
			`  ${'  stand-in + trivial client'.padEnd(52)}${ms(row.trivialClient.p50).padStart(10)}${ms(row.trivialClient.p99).padStart(10)}`,
		);
	}
	return lines.join('\n');
}

function numberFlag(argv: readonly string[], name: string): number | undefined {
	const at = argv.indexOf(name);
	if (at < 0) return undefined;
	const value = Number(argv[at + 1]);
	if (!Number.isInteger(value) || value < WARM_UP)
		throw new Error(`bench/interaction-latency: ${name} takes a whole number of at least ${WARM_UP}`);
	return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const argv = process.argv.slice(2);
	if (argv.includes('--trivial-client')) await runTrivialClient();
	else
		console.log(
			formatLatencyReport(await measureInteractionLatency({ papers: numberFlag(argv, '--papers'), count: numberFlag(argv, '--count') })),
		);
}
