import dotenv from 'dotenv';
import type { AnyCommand, CommandContext } from '../commands/index.js';
import paper from '../commands/paper.js';
import packageJson from '../package.json' with { type: 'json' };
import { cliHelp, CliUsageError, EXIT, readCliArguments } from './console/cli-arguments.js';
import { CONSOLE_USER, renderReply, replyAsJson } from './console/console.js';
import { CorpusError } from './corpus/load.js';
import { doiLookupOptions, EnvError, parseEnv, settingsOver, zoteroSettings } from './env.js';
import { answer } from './interaction/answer.js';
import { createTerminalLogger, progressLine, type TextOutput } from './log.js';
import { openState, type State, StateError } from './store/state.js';
import { openLibrary } from './search/library.js';
import { lazyReadingDesk, LOCAL_READING_LIST, openReadingDesk } from './services/reading-desk.js';
import { pollPreviewText } from './messages/reading-messages.js';

/** The CLI's commands are `/paper` subcommands, answered by its handler like any invocation the console parses. */
const paperCommand: AnyCommand = paper;

/** What a CLI run reads and writes: its process's streams and environment, or a test's own. */
export interface CliIo {
	stdout: TextOutput;
	stderr: TextOutput;
	/** Read for the configuration, and filled from `.env` as dotenv fills a process's environment. */
	env: NodeJS.ProcessEnv;
}

/**
 * One command for scripts: `paperbot search "spiking gan"`. Prints the answer (with --json, the
 * exact message payload Discord would receive) on stdout, or the problem on stderr, and resolves
 * with the exit code `paperbot --help` gives. With --json, stdout holds one JSON document whatever
 * happens: a problem is `{"error": …}`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const problem = (message: string, code: number) => {
		io.stderr.write(`${message}\n`);
		if (argv.includes('--json')) io.stdout.write(`${JSON.stringify({ error: message })}\n`);
		return code;
	};
	try {
		return await answerCommandLine(argv, io, problem);
	} catch (error) {
		if (error instanceof CliUsageError) return problem(error.message, EXIT.usage);
		const known = error instanceof EnvError || error instanceof CorpusError || error instanceof StateError;
		return problem(known ? error.message : `paperbot: ${error instanceof Error ? error.message : String(error)}`, EXIT.noAnswer);
	}
}

async function answerCommandLine(argv: readonly string[], io: CliIo, problem: (message: string, code: number) => number): Promise<number> {
	const request = readCliArguments([...argv], paperCommand);
	if (request.kind === 'help') {
		io.stdout.write(cliHelp(paperCommand));
		return EXIT.answer;
	}
	if (request.kind === 'version') {
		io.stdout.write(
			argv.includes('--json') ? `${JSON.stringify({ version: packageJson.version })}\n` : `paperbot ${packageJson.version}\n`,
		);
		return EXIT.answer;
	}
	dotenv.config({ quiet: true, processEnv: io.env as Record<string, string> });
	const env = parseEnv(io.env);
	// A sync writes zotero.jsonl and needs no index; the bot's watcher, or the next start, reads the file.
	if (request.kind === 'zotero-sync') {
		const [{ runZoteroCommandLine }, { libraryUserAgent }] = await Promise.all([
			import('./console/zotero-command-line.js'),
			import('./library/contact.js'),
		]);
		const settings = zoteroSettings(env);
		if (!settings) return runZoteroCommandLine(null, request.json, io);
		return withState(env.STATE_PATH, async (state) => {
			const run = { settings, state, corpusPath: env.CORPUS_PATH, userAgent: libraryUserAgent(packageJson.version, env.CONTACT_EMAIL) };
			return await runZoteroCommandLine(run, request.json, io);
		});
	}
	const library = await openLibrary(env.CORPUS_PATH, createTerminalLogger(env.LOG_LEVEL, io.stderr), { output: io.stderr });
	// The arXiv and library modules (and their XML parser) load only for the commands that ask those services.
	if (request.kind === 'add') {
		const [{ openCuration }, { createRequestQueue }, { runAddCommandLine }, { createDoiLookup }] = await Promise.all([
			import('./arxiv/curation.js'),
			import('./arxiv/queue.js'),
			import('./console/add-command-line.js'),
			import('./library/doi-papers.js'),
		]);
		const curation = await openCuration({
			corpusPath: env.CORPUS_PATH,
			apiUrl: env.ARXIV_API_URL,
			queue: createRequestQueue(env.ARXIV_REQUEST_INTERVAL * 1000),
			library,
			mayAdd: () => true,
			lookUpDois: createDoiLookup(doiLookupOptions(env, packageJson.version)),
		});
		return runAddCommandLine(request, curation, io);
	}
	if (request.kind === 'import') {
		const { runImportCommandLine } = await import('./console/import-command-line.js');
		return runImportCommandLine(request, { corpusPath: env.CORPUS_PATH, library }, io);
	}
	if (request.kind === 'feed') {
		const [{ arxivUserAgent }, { createFeedClient }, { createRequestQueue }, { runFeedCommandLine }] = await Promise.all([
			import('./arxiv/add-papers.js'),
			import('./arxiv/feed-client.js'),
			import('./arxiv/queue.js'),
			import('./console/feed-command-line.js'),
		]);
		const client = createFeedClient({
			feedUrl: env.ARXIV_FEED_URL,
			userAgent: arxivUserAgent(packageJson.version),
			queue: createRequestQueue(env.ARXIV_REQUEST_INTERVAL * 1000),
		});
		return runFeedCommandLine(
			request.categories,
			{ index: library.current(), client, max: env.ARXIV_FEED_MAX, cross: env.ARXIV_FEED_CROSS, json: request.json },
			io,
		);
	}
	if (request.kind === 'following' || request.kind === 'changes') {
		const [{ arxivUserAgent }, { createRequestQueue }, { runFollowingCommandLine, runChangesCommandLine }] = await Promise.all([
			import('./arxiv/add-papers.js'),
			import('./arxiv/queue.js'),
			import('./console/follow-command-line.js'),
		]);
		return withState(env.STATE_PATH, async (state) => {
			const arxiv = {
				apiUrl: env.ARXIV_API_URL,
				queue: createRequestQueue(env.ARXIV_REQUEST_INTERVAL * 1000),
				userAgent: arxivUserAgent(packageJson.version),
			};
			const progress = progressLine(io.stderr);
			const onProgress = (done: number, total: number) => progress.show(`paperbot: asking arXiv about ${done} of ${total} papers…`);
			const options = { index: library.current(), state, arxiv, json: request.json, now: new Date(), onProgress };
			const looked = await (request.kind === 'following' ? runFollowingCommandLine : runChangesCommandLine)(options, io);
			progress.clear();
			return looked;
		});
	}
	if (request.kind === 'ours' || request.kind === 'citations') {
		const [{ openLabDesk }, { createOpenAlexCitations }, { libraryUserAgent }, { runOursCommandLine, runCitationsCommandLine }] =
			await Promise.all([
				import('./services/lab-desk.js'),
				import('./library/openalex-citations.js'),
				import('./library/contact.js'),
				import('./console/lab-command-line.js'),
			]);
		return withState(env.STATE_PATH, async (state) => {
			const desk = openLabDesk({ state, library, authors: env.LAB_AUTHORS ?? [] });
			if (request.kind === 'ours') return runOursCommandLine(desk, request.json, io);
			const client = createOpenAlexCitations({
				apiUrl: env.OPENALEX_API_URL,
				mailto: env.CONTACT_EMAIL,
				apiKey: env.OPENALEX_API_KEY,
				userAgent: libraryUserAgent(packageJson.version, env.CONTACT_EMAIL),
			});
			return await runCitationsCommandLine(desk, client, { since: request.since, json: request.json, now: new Date() }, io);
		});
	}
	const guildId = env.DISCORD_GUILD_ID ?? LOCAL_READING_LIST;
	if (request.kind === 'reading-preview') {
		return withState(env.STATE_PATH, async (state) => {
			const settingsFor = settingsOver(state, env);
			const settings = settingsFor(guildId);
			const preview = openReadingDesk({ state, library, settingsFor }).preview(settings);
			io.stdout.write(`${request.json ? JSON.stringify(preview.message, null, 2) : pollPreviewText(preview, settings.timezone)}\n`);
			return EXIT.answer;
		});
	}
	// Opened only when a reading-list command asks, so the other commands never touch STATE_PATH.
	const reading = lazyReadingDesk(() => {
		const state = openState(env.STATE_PATH);
		return { desk: openReadingDesk({ state, library, settingsFor: settingsOver(state, env) }), close: () => state.close() };
	}, guildId);
	const context: CommandContext = { index: library.current(), random: Math.random, surface: 'cli', reading };
	const { subcommand, options } = request;
	// A state file that cannot be used ends the run with its one-line reason, as a bad configuration does.
	const reply = await answer(
		() => paperCommand.execute({ subcommand, options, user: CONSOLE_USER }, context),
		(error) => {
			if (error instanceof StateError) throw error;
			console.error(error);
		},
	).finally(() => reading.close());
	if (reply.isError || reply.isEmpty) return problem(renderReply(reply), EXIT.noAnswer);
	io.stdout.write(`${request.json ? replyAsJson(reply) : renderReply(reply)}\n`);
	return EXIT.answer;
}

/** Runs `use` over the state at `path`, closing it after, however `use` ends. */
async function withState<T>(path: string, use: (state: State) => Promise<T>): Promise<T> {
	const state = openState(path);
	try {
		return await use(state);
	} finally {
		state.close();
	}
}
