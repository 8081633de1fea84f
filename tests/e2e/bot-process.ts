/**
 * Runs the real bot process (the entry of `npm start`) against a Discord stand-in, the way a lab
 * would run it: its own process group, configuration from the environment, a corpus folder on disk.
 *
 * ```ts
 * const standin = await startDiscordStandin();
 * const bot = await startBotProcess(standin, { corpusPath: await copyCorpus(dir) });
 * // ... drive it through the stand-in, then:
 * expect(await bot.stop()).toMatchObject({ code: 0 });
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { envSchema } from '../../src/env.js';
import { startFeedStandIn } from '../arxiv/feed-stand-in.js';
import { compiled, ONE_SHOT_NODE_OPTIONS } from '../run-entry.js';
import { startDiscordStandin, type Standin } from './discord-standin.js';

/** The project root: the bot runs from here, as `npm start` does. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** SIGTERM must end the bot within this long (issue 3). */
export const SHUTDOWN_LIMIT_MS = 5_000;

/** How the bot process ended. */
export interface BotExit {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** Milliseconds from the stop signal (or the start, when it ended by itself) to the exit. */
	ms: number;
}

/** A running bot process and what it has written so far. */
export interface BotProcess {
	pid: number;
	/** Everything the bot wrote to stdout so far. */
	stdout: () => string;
	/** Everything the bot wrote to stderr so far (pino's JSON lines and any crash text). */
	stderr: () => string;
	/** The stderr lines that are JSON log records, parsed, oldest first. */
	logs: () => Record<string, unknown>[];
	/** Resolves with the first log record, past or future, for which `predicate` is true. */
	waitForLog: (predicate: (record: Record<string, unknown>) => boolean, timeoutMs?: number) => Promise<Record<string, unknown>>;
	/** True while the process has not exited. */
	isAlive: () => boolean;
	/** Resolves once the process has exited. */
	exited: Promise<BotExit>;
	/** Sets the standing clock of a bot started with {@link BotProcessOptions.clock} running at the real rate. */
	startClock: () => void;
	/**
	 * Sends `signal` (SIGTERM by default) to the whole process group and resolves with the exit;
	 * rejects when the bot still runs after {@link SHUTDOWN_LIMIT_MS} (it is then killed) or left
	 * processes of its group behind.
	 */
	stop: (signal?: NodeJS.Signals) => Promise<BotExit>;
}

/** Options for {@link startBotProcess} and {@link runBotProcess}. */
export interface BotProcessOptions {
	/** `CORPUS_PATH`: a folder or file the bot may write its index cache beside. */
	corpusPath: string;
	/** `STATE_PATH`'s folder; when left out, a fresh temp folder, which {@link runBotProcess} removes once the bot has exited. */
	stateDir?: string;
	/** Variables to set on top of the stand-in's; an empty string unsets one. */
	env?: Record<string, string>;
	/** The instant the bot's clock reads, standing still until {@link BotProcess.startClock} (see ./clock.ts); the real clock when left out. */
	clock?: Date;
	/**
	 * Runs `src/main.ts` through tsx, as `npm start` does, rather than the program this test run
	 * compiled: for `npm run bench`, which starts the bot outside vitest, where nothing is compiled.
	 */
	fromSource?: boolean;
}

/** Copies the shipped corpus (`data/`) into a new folder under `parent` and returns its path. */
export async function copyCorpus(parent: string): Promise<string> {
	const corpus = join(parent, 'data');
	await cp(join(PROJECT_ROOT, 'data'), corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	return corpus;
}

/** The environment the bot reads for a stand-in: every paperbot variable is set, so `.env` cannot fill any in. */
export function botEnvironment(
	standin: Pick<Standin, 'token' | 'apiUrl' | 'guildId'> | null,
	options: BotProcessOptions & { stateDir: string },
): NodeJS.ProcessEnv {
	// dotenv never overrides a variable that is present, and paperbot reads '' as unset.
	const blank = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, '']));
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		...blank,
		...(standin ? { DISCORD_TOKEN: standin.token, DISCORD_API_URL: standin.apiUrl, DISCORD_GUILD_ID: standin.guildId } : {}),
		CORPUS_PATH: options.corpusPath,
		STATE_PATH: join(options.stateDir, 'paperbot.db'),
		LOG_LEVEL: 'info',
		...(options.clock ? { PAPERBOT_TEST_CLOCK: options.clock.toISOString() } : {}),
		...options.env,
	};
}

function parseLogLines(text: string): Record<string, unknown>[] {
	return text.split('\n').flatMap((line) => {
		if (!line.startsWith('{')) return [];
		try {
			return [JSON.parse(line) as Record<string, unknown>];
		} catch {
			return [];
		}
	});
}

function isGroupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Spawns `src/main.ts` (what `npm start` runs), compiled unless `fromSource`, detached in its own
 * process group, with `nodeOptions`; with the clock preload when the environment sets the bot's clock.
 */
function spawnBot(
	env: NodeJS.ProcessEnv,
	nodeOptions: readonly string[] = [],
	fromSource = false,
): {
	child: ChildProcess;
	output: { stdout: string; stderr: string };
	exited: Promise<BotExit>;
	stopAt: { value: number };
} {
	const startedAt = performance.now();
	const stopAt = { value: startedAt };
	const clock = env.PAPERBOT_TEST_CLOCK ? ['--import', compiled('tests/e2e/clock.ts')] : [];
	const program = fromSource ? ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')] : [compiled('src/main.ts')];
	const child = spawn(process.execPath, [...nodeOptions, ...clock, ...program], {
		cwd: PROJECT_ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = { stdout: '', stderr: '' };
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
	const exited = new Promise<BotExit>((resolve) => {
		child.once('close', (code, signal) => resolve({ code, signal, ms: performance.now() - stopAt.value }));
	});
	return { child, output, exited, stopAt };
}

/**
 * Starts the bot against `standin` and resolves once it is on the gateway and has read (and, if
 * needed, written) its commands: the moment it can answer. Rejects with the bot's stderr when it
 * exits or is not ready within `timeoutMs`.
 */
export async function startBotProcess(standin: Standin, options: BotProcessOptions, timeoutMs = 20_000): Promise<BotProcess> {
	const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'paperbot-e2e-state-')));
	const since = performance.now();
	const { child, output, exited, stopAt } = spawnBot(botEnvironment(standin, { ...options, stateDir }), [], options.fromSource);
	const pid = child.pid;
	if (pid === undefined) throw new Error('bot-process: the bot process could not be spawned');
	let alive = true;
	void exited.then(() => (alive = false));

	const waitForLog: BotProcess['waitForLog'] = (predicate, waitMs = 5_000) =>
		new Promise((resolve, reject) => {
			const check = () => {
				const found = parseLogLines(output.stderr).find(predicate);
				if (found) finish(() => resolve(found));
				else if (!alive)
					finish(() => reject(new Error(`bot-process: the bot exited before the expected log line; stderr:\n${output.stderr}`)));
			};
			const timer = setTimeout(
				() => finish(() => reject(new Error(`bot-process: no matching log line within ${waitMs} ms; stderr:\n${output.stderr}`))),
				waitMs,
			);
			const finish = (settle: () => void) => {
				clearTimeout(timer);
				child.stderr?.off('data', check);
				child.off('close', check);
				settle();
			};
			child.stderr?.on('data', check);
			child.on('close', check);
			check();
		});

	const bot: BotProcess = {
		pid,
		stdout: () => output.stdout,
		stderr: () => output.stderr,
		logs: () => parseLogLines(output.stderr),
		waitForLog,
		isAlive: () => alive,
		exited,
		startClock: () => process.kill(pid, 'SIGUSR2'),
		async stop(signal = 'SIGTERM') {
			stopAt.value = performance.now();
			if (alive) process.kill(-pid, signal);
			const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), SHUTDOWN_LIMIT_MS).unref());
			const outcome = await Promise.race([exited, timer]);
			if (outcome === 'late') {
				if (isGroupAlive(pid)) process.kill(-pid, 'SIGKILL');
				throw new Error(`bot-process: still running ${SHUTDOWN_LIMIT_MS} ms after ${signal}; stderr:\n${output.stderr}`);
			}
			if (isGroupAlive(pid)) {
				process.kill(-pid, 'SIGKILL');
				throw new Error('bot-process: the bot exited but left processes of its group running');
			}
			return outcome;
		},
	};

	const ready = async () => {
		await standin.waitForReady(timeoutMs);
		// The registration read comes after READY: once it is answered, the bot is in service.
		await standin.waitForRequest(
			(request) => request.at >= since && request.method === 'GET' && /\/applications\/\d+\/(guilds\/\d+\/)?commands$/.test(request.path),
			timeoutMs,
		);
		await waitForLog((record) => record.msg === 'connected to Discord', timeoutMs);
	};
	const exitedEarly = exited.then(({ code }) => {
		throw new Error(`bot-process: the bot exited with code ${code} before it was ready; stderr:\n${output.stderr}`);
	});
	exitedEarly.catch(() => undefined);
	try {
		await Promise.race([ready(), exitedEarly]);
	} catch (error) {
		if (alive) process.kill(-pid, 'SIGKILL');
		throw error;
	}
	return bot;
}

/** Runs the bot to its end (for start-up failures) and returns its exit code and output. */
export async function runBotProcess(
	standin: Pick<Standin, 'token' | 'apiUrl' | 'guildId'> | null,
	options: BotProcessOptions,
	timeoutMs = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'paperbot-e2e-state-')));
	const { child, output, exited } = spawnBot(botEnvironment(standin, { ...options, stateDir }), ONE_SHOT_NODE_OPTIONS);
	const timer = setTimeout(() => child.pid !== undefined && isGroupAlive(child.pid) && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
	const { code } = await exited;
	clearTimeout(timer);
	if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
	return { code, ...output };
}

/** A test's own Discord stand-in and temp folder, with a copy of `data/` in it. */
export interface TestWorkspace {
	standin: Standin;
	folder: string;
	corpusPath: string;
}

/** Starts a stand-in and copies `data/` into a new temp folder, both gone once the current test finishes. */
export async function startTestWorkspace(name: string): Promise<TestWorkspace> {
	const folder = await mkdtemp(join(tmpdir(), `paperbot-e2e-${name}-`));
	onTestFinished(() => rm(folder, { recursive: true, force: true }));
	const standin = await startDiscordStandin();
	onTestFinished(() => standin.close());
	return { standin, folder, corpusPath: await copyCorpus(folder) };
}

/** {@link startBotProcess}, with the bot stopped once the current test finishes if it still runs. */
export async function startBotForTest(standin: Standin, options: BotProcessOptions): Promise<BotProcess> {
	const bot = await startBotProcess(standin, options);
	onTestFinished(async () => {
		if (bot.isAlive()) await bot.stop();
	});
	return bot;
}

/** A test's bot whose schedule reads the arXiv feed from a stand-in answering `feeds`. */
export interface FeedBot extends TestWorkspace {
	feed: Awaited<ReturnType<typeof startFeedStandIn>>;
	/** The environment the bot was started with, to start it again with. */
	env: Record<string, string>;
	bot: BotProcess;
}

/**
 * Starts {@link startTestWorkspace}'s stand-in and folder, an arXiv feed stand-in answering `feeds`,
 * and the bot, once its schedule has started; `env` sets more variables (an API stand-in's `ARXIV_API_URL`).
 */
export async function startFeedBot(
	name: string,
	feeds: Parameters<typeof startFeedStandIn>[0],
	more: Record<string, string> = {},
): Promise<FeedBot> {
	const workspace = await startTestWorkspace(name);
	const feed = await startFeedStandIn(feeds);
	onTestFinished(() => feed.close());
	const env = {
		TIMEZONE: 'UTC',
		ARXIV_FEED_URL: feed.feedUrl,
		ARXIV_API_URL: `${feed.feedUrl}/no-api`,
		ARXIV_REQUEST_INTERVAL: '0',
		...more,
	};
	const bot = await startBotForTest(workspace.standin, { corpusPath: workspace.corpusPath, stateDir: workspace.folder, env });
	await bot.waitForLog((record) => record.msg === 'schedule: started');
	return { ...workspace, feed, env, bot };
}

/** A stand-in with the real bot connected to it, working in a temp folder. */
export interface BotUnderTest {
	standin: Standin;
	bot: BotProcess;
	/** The temp folder holding the corpus copy and the state file. */
	folder: string;
	corpusPath: string;
	/** Stops the bot if it still runs, closes the stand-in and removes the folder. */
	close: () => Promise<void>;
}

/** Starts a stand-in and the bot on a fresh copy of `data/`. */
export async function startStandinWithBot(): Promise<BotUnderTest> {
	const folder = await mkdtemp(join(tmpdir(), 'paperbot-e2e-'));
	const standin = await startDiscordStandin();
	const corpusPath = await copyCorpus(folder);
	const bot = await startBotProcess(standin, { corpusPath, stateDir: folder }).catch(async (error: unknown) => {
		await standin.close();
		await rm(folder, { recursive: true, force: true });
		throw error;
	});
	const harness: BotUnderTest = {
		standin,
		bot,
		folder,
		corpusPath,
		async close() {
			try {
				if (harness.bot.isAlive()) await harness.bot.stop();
			} finally {
				await standin.close();
				await rm(folder, { recursive: true, force: true });
			}
		},
	};
	return harness;
}
