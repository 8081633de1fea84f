import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { runCli } from '../src/run-cli.js';

/** A file of the program as ./compile-program.ts compiled it for this run: `src/cli.ts` → `…/src/cli.js`. */
export function compiled(path: string): string {
	return join(inject('compiledProgram'), path.replace(/\.ts$/, '.js'));
}

/** How a paperbot process ended and what it wrote. */
export interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Node options for a one-shot run: it ends within a second, before TurboFan's optimised code pays
 * back the CPU spent compiling it (a sixth of each run's CPU, on a suite that starts dozens); the
 * program behaves the same.
 */
export const ONE_SHOT_NODE_OPTIONS = ['--no-opt'];

/** Options for {@link runEntry}. */
export interface RunOptions {
	/** Piped to stdin and closed; `null` gives the process /dev/null as stdin, as systemd does. */
	stdin?: string | null;
	/** Variables on top of no token, `CORPUS_PATH` and `LOG_LEVEL=warn`. */
	env?: Record<string, string>;
}

/** The environment a run gets: no token, `CORPUS_PATH` and `LOG_LEVEL=warn`, then `env`. */
function runEnvironment(corpusPath: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH, DISCORD_TOKEN: '', CORPUS_PATH: corpusPath, LOG_LEVEL: 'warn', ...env };
}

/**
 * Runs a paperbot entry point (`src/main.ts`, what `npm start` runs; `src/cli.ts`, what `npx
 * paperbot` runs), compiled, with no token configured, on the corpus at `corpusPath`.
 */
export function runEntry(entry: string, args: readonly string[], corpusPath: string, options: RunOptions = {}): Promise<Run> {
	const env = runEnvironment(corpusPath, options.env);
	const argv = [...ONE_SHOT_NODE_OPTIONS, compiled(entry), ...args];
	if (options.stdin === null) {
		return new Promise((resolve) => {
			const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
			const output = { stdout: '', stderr: '' };
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
			child.on('close', (code) => resolve({ code: code ?? 1, ...output }));
		});
	}
	return new Promise((resolve) => {
		const child = execFile(process.execPath, argv, { env, timeout: 30_000 }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
		);
		child.stdin?.end(options.stdin ?? '');
	});
}

/**
 * Runs the CLI (`npx paperbot …`) in this process, through the {@link runCli} its entry calls, with
 * the environment {@link runEntry} gives its process and stdout and stderr captured: what the CLI
 * answers, without a process start per run. The exit itself, and what a process alone shows (a
 * stdout that holds nothing but the answer, piped stdin), are for {@link runEntry}.
 */
export async function runCliHere(args: readonly string[], corpusPath: string, options: Pick<RunOptions, 'env'> = {}): Promise<Run> {
	const output = { stdout: '', stderr: '' };
	const code = await runCli(args, {
		stdout: { write: (text: string) => (output.stdout += text) },
		stderr: { write: (text: string) => (output.stderr += text) },
		env: runEnvironment(corpusPath, options.env),
	});
	return { code, ...output };
}
