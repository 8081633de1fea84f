import dotenv from 'dotenv';
import { commands } from '../commands/all.js';
import packageJson from '../package.json' with { type: 'json' };
import { arxivUserAgent } from './arxiv/add-papers.js';
import { openCuration } from './arxiv/curation.js';
import { createFeedClient } from './arxiv/feed-client.js';
import { runFeedCommandLine } from './console/feed-command-line.js';
import { runAddCommandLine } from './console/add-command-line.js';
import { answerLine, renderReply } from './console/console.js';
import { EnvError, parseEnv } from './env.js';
import { openLibrary } from './search/library.js';
import { createLogger } from './log.js';
import { CorpusError } from './corpus/load.js';

const USAGE = `usage: npm run paperbot -- [--json] <search "words" | show <id> | random | similar <id> | cite <id> | share <id> [note:"text"] | add <id> [id …] | add --file ids.txt | feed <categories> | help>`;

/**
 * One command for scripts: `paperbot search "spiking gan"`. Prints the answer (with --json, the
 * exact message payload Discord would receive) on stdout and exits 0, or the problem on stderr
 * and exits 1.
 */
async function cli(argv: string[]): Promise<number> {
	const json = argv.includes('--json');
	const words = argv.filter((word) => word !== '--json');
	if (!words.length || words[0] === '--help') {
		process.stderr.write(`${USAGE}\n`);
		return words.length ? 0 : 1;
	}
	dotenv.config({ quiet: true });
	const env = parseEnv(process.env);
	const library = await openLibrary(env.CORPUS_PATH, createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL));
	if (words[0] === 'add') {
		const curation = await openCuration({ corpusPath: env.CORPUS_PATH, apiUrl: env.ARXIV_API_URL, library, mayAdd: () => true });
		return runAddCommandLine(words.slice(1), curation, process);
	}
	if (words[0] === 'feed') {
		const client = createFeedClient({ feedUrl: env.ARXIV_FEED_URL, userAgent: arxivUserAgent(packageJson.version) });
		return runFeedCommandLine(words.slice(1), { index: library.current(), client, max: env.ARXIV_FEED_MAX, cross: env.ARXIV_FEED_CROSS, json }, process);
	}
	const line = words[0] === 'help' ? '/help' : `/paper ${words.map(quoteOptionValue).join(' ')}`;
	const reply = await answerLine(line, commands, { index: library.current(), random: Math.random });
	if (reply.isError) {
		process.stderr.write(`${reply.message.content}\n`);
		return 1;
	}
	process.stdout.write(json ? `${JSON.stringify(reply.message, null, 2)}\n` : `${renderReply(reply)}\n`);
	return 0;
}

/** Keeps `note:some words` (one shell argument) together as one option value. */
function quoteOptionValue(word: string): string {
	return /^\w+:.*\s/.test(word) && !word.includes('"') ? word.replace(':', ':"') + '"' : word;
}

cli(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		const known = error instanceof EnvError || error instanceof CorpusError;
		process.stderr.write(`${known ? (error as Error).message : `paperbot: ${error instanceof Error ? error.message : String(error)}`}\n`);
		process.exit(1);
	},
);
