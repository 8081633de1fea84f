import dotenv from 'dotenv';
import type { AnyCommand, CommandContext } from '../commands/index.js';
import paper from '../commands/paper.js';
import packageJson from '../package.json' with { type: 'json' };
import { arxivUserAgent } from './arxiv/add-papers.js';
import { openCuration } from './arxiv/curation.js';
import { createFeedClient } from './arxiv/feed-client.js';
import { createRequestQueue } from './arxiv/queue.js';
import { runFeedCommandLine } from './console/feed-command-line.js';
import { runAddCommandLine } from './console/add-command-line.js';
import { cliHelp, CliUsageError, EXIT, readCliArguments } from './console/cli-arguments.js';
import { CONSOLE_USER, renderReply, replyAsJson } from './console/console.js';
import { answer } from './interaction/answer.js';
import { EnvError, parseEnv, scheduleDefaults } from './env.js';
import { openLibrary } from './search/library.js';
import { createTerminalLogger } from './log.js';
import { CorpusError } from './corpus/load.js';
import { pollPreviewText } from './messages/reading-messages.js';
import { getGuildSettings } from './schedule/settings.js';
import { openState, StateError } from './schedule/state.js';
import { lazyReadingDesk, LOCAL_READING_LIST, openReadingDesk } from './services/reading-desk.js';

/** The CLI's commands are `/paper` subcommands, answered by its handler like any invocation the console parses. */
const paperCommand: AnyCommand = paper;

/** With `--json`, stdout holds one JSON document whatever happens: a problem is `{"error": …}`. */
const wantsJson = process.argv.slice(2).includes('--json');

/** Says a problem on stderr (and as `{"error"}` on stdout under `--json`) and gives the exit code. */
function problem(message: string, code: number): number {
	process.stderr.write(`${message}\n`);
	if (wantsJson) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
	return code;
}

/**
 * One command for scripts: `paperbot search "spiking gan"`. Prints the answer (with --json, the
 * exact message payload Discord would receive) on stdout, or the problem on stderr, and exits
 * with the codes `paperbot --help` gives.
 */
async function cli(argv: string[]): Promise<number> {
	let request: ReturnType<typeof readCliArguments>;
	try {
		request = readCliArguments(argv, paperCommand);
	} catch (error) {
		if (error instanceof CliUsageError) return problem(error.message, EXIT.usage);
		throw error;
	}
	if (request.kind === 'help') {
		process.stdout.write(cliHelp(paperCommand));
		return EXIT.answer;
	}
	if (request.kind === 'version') {
		process.stdout.write(wantsJson ? `${JSON.stringify({ version: packageJson.version })}\n` : `paperbot ${packageJson.version}\n`);
		return EXIT.answer;
	}
	dotenv.config({ quiet: true });
	const env = parseEnv(process.env);
	const library = await openLibrary(env.CORPUS_PATH, createTerminalLogger(env.LOG_LEVEL));
	const arxivQueue = createRequestQueue(env.ARXIV_REQUEST_INTERVAL * 1000);
	if (request.kind === 'add') {
		const curation = await openCuration({
			corpusPath: env.CORPUS_PATH,
			apiUrl: env.ARXIV_API_URL,
			queue: arxivQueue,
			library,
			mayAdd: () => true,
		});
		return runAddCommandLine(request, curation, process);
	}
	if (request.kind === 'feed') {
		const client = createFeedClient({ feedUrl: env.ARXIV_FEED_URL, userAgent: arxivUserAgent(packageJson.version), queue: arxivQueue });
		return runFeedCommandLine(
			request.categories,
			{ index: library.current(), client, max: env.ARXIV_FEED_MAX, cross: env.ARXIV_FEED_CROSS, json: request.json },
			process,
		);
	}
	const guildId = env.DISCORD_GUILD_ID ?? LOCAL_READING_LIST;
	if (request.kind === 'reading-preview') {
		const state = openState(env.STATE_PATH);
		try {
			const settings = getGuildSettings(state, guildId) ?? scheduleDefaults(env).settingsFor(guildId);
			const preview = openReadingDesk({ state, library }).preview(settings);
			process.stdout.write(`${request.json ? JSON.stringify(preview.message, null, 2) : pollPreviewText(preview, settings.timezone)}\n`);
			return EXIT.answer;
		} finally {
			state.close();
		}
	}
	// Opened only when a reading-list command asks, so the other commands never touch STATE_PATH.
	const reading = lazyReadingDesk(() => {
		const state = openState(env.STATE_PATH);
		return { desk: openReadingDesk({ state, library }), close: () => state.close() };
	}, guildId);
	const context: CommandContext = { index: library.current(), random: Math.random, surface: 'cli', reading };
	const { subcommand, options } = request;
	const reply = await answer(() => paperCommand.execute({ subcommand, options, user: CONSOLE_USER }, context));
	reading.close();
	if (reply.isError || reply.isEmpty) return problem(renderReply(reply), EXIT.noAnswer);
	process.stdout.write(`${request.json ? replyAsJson(reply) : renderReply(reply)}\n`);
	return EXIT.answer;
}

cli(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		const known = error instanceof EnvError || error instanceof CorpusError || error instanceof StateError;
		process.exit(problem(known ? error.message : `paperbot: ${error instanceof Error ? error.message : String(error)}`, EXIT.noAnswer));
	},
);
