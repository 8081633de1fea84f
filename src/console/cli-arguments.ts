import { parseArgs } from 'node:util';
import type { ServedCommand } from '../interaction/command.js';
import { commandLeaves, optionsUsage } from '../interaction/command-usage.js';
import { parseCategories } from '../store/settings.js';
import { isIsoDate } from '../corpus/paper.js';
import { malformedFilterProblem } from '../search/query.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { CommandLineError, parseCommandWords } from './command-line.js';

/** The CLI's exit codes, as `--help` states them. */
export const EXIT = {
	/** An answer. */
	answer: 0,
	/** No answer: nothing found, or a problem (configuration, corpus, arXiv) named on stderr. */
	noAnswer: 1,
	/** A command line the CLI does not take: an unknown command or option, or missing or extra arguments. */
	usage: 2,
} as const;

/** A CLI command as `--help` lists it. */
export interface CliCommand {
	name: string;
	/** The arguments after the name, e.g. `<id> [note:]`. */
	arguments: string;
	summary: string;
	/** A command line that works on the shipped corpus, e.g. `paperbot show 2305.00054`. */
	example?: string;
	/** What `--json` prints for an answer. */
	json: string;
}

const PAYLOAD = 'the message payload Discord would receive';

/** How the CLI shows the `/paper` subcommands it knows well; any other is listed from its definition alone. */
const SHOWN: Readonly<Record<string, Partial<CliCommand>>> = {
	search: {
		arguments: '<words> [author:NAME] [year:YYYY[..YYYY]] [cat:CATEGORY] [venue:TEXT]',
		example: 'paperbot search "spiking gan" year:2022..2023',
		summary: 'The best match as a card, then the next matches (words, filters or both)',
	},
	show: { example: 'paperbot show 2305.00054', summary: "A paper's full card" },
	random: { example: 'paperbot random', summary: 'A random paper from the corpus' },
	similar: { example: 'paperbot similar 2305.00054', summary: 'The papers most like one paper' },
	cite: { example: 'paperbot cite 2305.00054', summary: 'BibTeX for a paper' },
	share: {
		example: 'paperbot share 2305.00054 note:"for Friday\'s reading group"',
		summary: 'The card Discord would post, and the thread it would start',
		json: `${PAYLOAD}, with the thread it would start as "thread"`,
	},
	propose: {
		example: 'paperbot propose 2305.00054 note:"short and clear"',
		summary: "Propose a paper for the reading group's next poll (the list of DISCORD_GUILD_ID, in STATE_PATH)",
	},
	proposals: { example: 'paperbot proposals', summary: 'The reading list, oldest proposals first' },
	withdraw: { example: 'paperbot withdraw 2305.00054', summary: 'Take a paper off the reading list' },
};

/** `/paper` subcommands that answer only inside a Discord server (they belong to a member there). */
const SERVER_ONLY = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'follow', 'unfollow']);

/** The commands the CLI answers itself, rather than through a `/paper` subcommand. */
const OWN_COMMANDS: readonly CliCommand[] = [
	{
		name: 'add',
		arguments: '<arXiv id, DOI or link> [more …] | --file ids.txt',
		example: 'paperbot add 2305.00054 https://arxiv.org/abs/2304.14548v2 10.1145/3292500.3330701',
		summary: 'Add papers to the corpus from arXiv, or by DOI from Crossref',
		json: '{"added": [papers], "present": [ids], "failed": [{id, code, reason}]}',
	},
	{
		name: 'import',
		arguments: '<file.bib>',
		example: 'paperbot import refs.bib',
		summary: "Import a BibTeX file's papers into the corpus (imported.jsonl); importing it again adds nothing",
		json: '{"added": [papers], "merged": [{id, into}], "present": [keys], "failed": [{line, reason}]}',
	},
	{
		name: 'feed',
		arguments: '<arXiv categories>',
		example: 'paperbot feed cs.NE q-bio.NC',
		summary: "What the arXiv feed post would list now: today's new papers closest to the corpus, and why",
		json: '{"date", "categories", "newCount", "picks": [{id, title, standing, reason}], "emptyReason"}',
	},
	{
		name: 'reading',
		arguments: 'preview',
		example: 'paperbot reading preview',
		summary: 'What the next reading poll would hold, and when',
		json: '{"content", "poll"} as Discord would receive them, or null when there would be no poll',
	},
	{
		name: 'zotero',
		arguments: 'sync',
		example: 'paperbot zotero sync',
		summary: 'Sync ZOTERO_LIBRARY into zotero.jsonl in the corpus folder now (what changed since the last sync)',
		json: '{"added", "updated", "removed", "skipped", "version"}: counts of papers, skipped items, and the library version reached',
	},
	{
		name: 'following',
		arguments: '',
		example: 'paperbot following',
		summary: "The authors members follow (STATE_PATH), and their last week's arXiv papers a look would post; posts nothing",
		json: '{"authors": [{name, followers}], "papers": [{id, title, authors, categories, published, followed}]}',
	},
	{
		name: 'changes',
		arguments: '',
		example: 'paperbot changes',
		summary:
			"What changed on arXiv in the corpus's papers (new versions, journal references, DOIs, withdrawals); posts and records nothing",
		json: '{"changes": [{id, version, journal_ref, doi, withdrawn}]}',
	},
	{
		name: 'ours',
		arguments: '',
		example: 'paperbot ours',
		summary: "The lab's own papers: by LAB_AUTHORS or marked by hand with /paperbot ours add",
		json: '{"papers": [keys], "authors": [names]}',
	},
	{
		name: 'citations',
		arguments: '[--since YYYY-MM-DD]',
		example: 'paperbot citations --since 2026-01-01',
		summary: "The works citing the lab's papers published since then (default the last 30 days), from OpenAlex; posts and records nothing",
		json: '{"citations": [{"work": {"title", "authors", "doi", "openalex", "published"}, "cites": [keys]}], "unresolved": [keys]}',
	},
	{ name: 'help', arguments: '', example: 'paperbot help', summary: 'This list', json: 'this list, as text' },
];

/**
 * Every command the CLI takes, in the order `--help` lists them: each `/paper` subcommand that
 * works outside a server (typed as at the console, so a new one is served and listed at once),
 * then `add`, `import`, `feed`, `reading`, `zotero` and `help`.
 */
export function cliCommands(paper: ServedCommand<unknown>): CliCommand[] {
	const own = new Set(OWN_COMMANDS.map((command) => command.name));
	const fromPaper = commandLeaves(paper.data)
		.filter((leaf) => leaf.path.length === 2 && !own.has(leaf.path[1]!) && !SERVER_ONLY.has(leaf.path[1]!))
		.map(
			(leaf): CliCommand => ({
				name: leaf.path[1]!,
				arguments: optionsUsage(leaf.options, { freeBare: true }),
				summary: leaf.description,
				json: PAYLOAD,
				...SHOWN[leaf.path[1]!],
			}),
		);
	return [...fromPaper, ...OWN_COMMANDS];
}

const usageOf = (command: CliCommand) => `paperbot ${command.name}${command.arguments ? ` ${command.arguments}` : ''}`;
const usageLine = (command: CliCommand) => `${usageOf(command)}${command.example ? `, e.g. ${command.example}` : ''}`;

/** `paperbot --help`: every command with its arguments, an example and what `--json` prints, then the exit codes. */
export function cliHelp(paper: ServedCommand<unknown>): string {
	const lines = ['usage: paperbot [--json] <command> [arguments]   (paperbot --version, paperbot --help)', '', 'commands:'];
	for (const command of cliCommands(paper)) {
		lines.push(`  ${usageOf(command)}`, `      ${command.summary}${command.example ? `; e.g. ${command.example}` : ''}`);
		if (command.name !== 'help') lines.push(`      --json: ${command.json}`);
	}
	lines.push(
		'',
		'Options go anywhere on the line; words that start with "-" go after "--" (paperbot search -- -fold).',
		'--json prints exactly one JSON document on stdout, whatever happens: the answer as each command says above,',
		'or {"error": "…"} with a non-zero exit code.',
		'Answers go to stdout, problems to stderr. Exit codes:',
		`  ${EXIT.answer}  an answer`,
		`  ${EXIT.noAnswer}  no answer: nothing matched, the paper is not in the corpus or has no similar paper, or a problem`,
		'     (configuration, corpus, arXiv) named on stderr',
		`  ${EXIT.usage}  a command line paperbot does not take: an unknown command or option, missing or extra arguments`,
	);
	return `${lines.join('\n')}\n`;
}

/** The command line is not one the CLI takes; the message names the usage to follow. */
export class CliUsageError extends Error {
	override name = 'CliUsageError';
}

/** What the CLI was asked, with `json` for `--json`. */
export type CliRequest =
	| { kind: 'help' }
	| { kind: 'version' }
	| { kind: 'add'; ids: string[]; files: string[]; json: boolean }
	| { kind: 'import'; file: string; json: boolean }
	| { kind: 'feed'; categories: string[]; json: boolean }
	| { kind: 'reading-preview'; json: boolean }
	| { kind: 'zotero-sync'; json: boolean }
	| { kind: 'following'; json: boolean }
	| { kind: 'changes'; json: boolean }
	| { kind: 'ours'; json: boolean }
	| { kind: 'citations'; since: string | null; json: boolean }
	| { kind: 'paper'; subcommand: string; options: Record<string, string | number | boolean>; json: boolean };

/** The options the CLI knows; any other is refused. */
const OPTIONS = {
	json: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
	version: { type: 'boolean', short: 'v' },
	file: { type: 'string', multiple: true },
	since: { type: 'string' },
} as const;

/** The option node's parser refused, as the one typed (`--jsn`, `-j`). */
function refusedOption(error: Error): string {
	return /'(-[^' ]*)/.exec(error.message)?.[1] ?? error.message;
}

/**
 * Reads the CLI's arguments strictly (node's util.parseArgs): an unknown option, a `--file`
 * outside `add`, a missing or extra argument or a bad arXiv category throws CliUsageError naming
 * it with the command's usage and an example. `/paper` subcommands are read by the console's
 * parser against the command's definition, so both take the same options and values.
 */
export function readCliArguments(args: readonly string[], paper: ServedCommand<unknown>): CliRequest {
	const commands = cliCommands(paper);
	const named = commands.find((command) => command.name === args.find((arg) => !arg.startsWith('-')));
	const withUsage = (problem: string, command = named) =>
		new CliUsageError(
			`paperbot${command ? ` ${command.name}` : ''}: ${problem}${command ? `. usage: ${usageLine(command)}` : '; paperbot --help lists the commands.'}`,
		);
	let parsed: { values: { json?: boolean; help?: boolean; version?: boolean; file?: string[]; since?: string }; positionals: string[] };
	try {
		parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
		const option = refusedOption(error as Error);
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
			throw withUsage(
				`unknown option ${option} (paperbot takes --json${named?.name === 'add' ? ', --file' : ''}${named?.name === 'citations' ? ', --since' : ''}, --help, --version)`,
			);
		if (option.startsWith('--since')) throw withUsage('--since needs a date, YYYY-MM-DD');
		throw withUsage(`${option} ${option.startsWith('--file') ? 'needs the path of a file of ids' : 'takes no value'}`);
	}
	const { values, positionals } = parsed;
	const json = values.json ?? false;
	if (values.version) return { kind: 'version' };
	const [name, ...rest] = positionals;
	if (values.help || name === 'help') return { kind: 'help' };
	if (name === undefined) throw withUsage('no command given');
	const command = commands.find((candidate) => candidate.name === name);
	if (!command) throw withUsage(`unknown command "${name}"`);
	if (values.file && command.name !== 'add') throw withUsage('--file is only for paperbot add', command);
	if (values.since !== undefined && command.name !== 'citations') throw withUsage('--since is only for paperbot citations', command);
	switch (command.name) {
		case 'add':
			if (!rest.length && !values.file) throw withUsage('needs arXiv ids, DOIs or --file', command);
			return { kind: 'add', ids: rest, files: values.file ?? [], json };
		case 'import':
			if (rest.length !== 1) throw withUsage(rest.length ? 'takes one .bib file' : 'needs a .bib file', command);
			return { kind: 'import', file: rest[0]!, json };
		case 'feed':
			try {
				const categories = parseCategories(rest.join(' '));
				if (!categories.length) throw withUsage('needs arXiv categories', command);
				return { kind: 'feed', categories, json };
			} catch (error) {
				if (error instanceof ScheduleSettingError) throw withUsage(error.message, command);
				throw error;
			}
		case 'following':
		case 'changes':
			if (rest.length > 0) throw withUsage(`takes no arguments, not "${rest.join(' ')}"`, command);
			return command.name === 'following' ? { kind: 'following', json } : { kind: 'changes', json };
		case 'ours':
			if (rest.length) throw withUsage(`takes no arguments, not "${rest.join(' ')}"`, command);
			return { kind: 'ours', json };
		case 'citations':
			if (rest.length) throw withUsage(`takes no arguments but --since, not "${rest.join(' ')}"`, command);
			if (values.since !== undefined && !isIsoDate(values.since))
				throw withUsage(`--since must be a date, YYYY-MM-DD, not "${values.since}"`, command);
			return { kind: 'citations', since: values.since ?? null, json };
		case 'reading':
			if (rest.length !== 1 || rest[0] !== 'preview') throw withUsage(`takes "preview", not "${rest.join(' ')}"`, command);
			return { kind: 'reading-preview', json };
		case 'zotero':
			if (rest.length !== 1 || rest[0] !== 'sync') throw withUsage(`takes "sync", not "${rest.join(' ')}"`, command);
			return { kind: 'zotero-sync', json };
		default:
			try {
				const words = rest.filter((word) => word.trim()).map(quoteFilterValue);
				const { input } = parseCommandWords(['paper', command.name, ...words], [paper]);
				const badFilter = typeof input.options.query === 'string' ? malformedFilterProblem(input.options.query) : null;
				if (badFilter) throw withUsage(badFilter.replace(/\.$/, ''), command);
				return { kind: 'paper', subcommand: command.name, options: input.options as Record<string, string | number | boolean>, json };
			} catch (error) {
				if (error instanceof CommandLineError) throw withUsage(lowerFirst(error.problem), command);
				throw error;
			}
	}
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A shell argument `author:Yi Zeng` (quoted in the shell) keeps its spaces as `author:"Yi Zeng"` in the query. */
function quoteFilterValue(word: string): string {
	return /^\w+:.*\s/.test(word) && !word.includes('"') ? `${word.replace(':', ':"')}"` : word;
}
