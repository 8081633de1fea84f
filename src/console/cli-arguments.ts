/** A CLI command: how it is typed, an example, and what it does. */
interface CliCommand {
	name: string;
	/** The arguments after the name, e.g. `<id> [note:"text"]`. */
	arguments: string;
	example: string;
	summary: string;
}

/** Every command the CLI takes, in the order `--help` lists them. */
const CLI_COMMANDS: readonly CliCommand[] = [
	{
		name: 'search',
		arguments: '<words> [author:NAME] [year:YYYY[..YYYY]] [cat:CATEGORY] [venue:TEXT]',
		example: 'paperbot search "spiking gan" year:2022..2023',
		summary: 'The best match as a card, then the next matches (words, filters or both)',
	},
	{ name: 'show', arguments: '<id>', example: 'paperbot show 2305.00054', summary: "A paper's full card" },
	{ name: 'random', arguments: '', example: 'paperbot random', summary: 'A random paper from the corpus' },
	{ name: 'similar', arguments: '<id>', example: 'paperbot similar 2305.00054', summary: 'The papers most like one paper' },
	{ name: 'cite', arguments: '<id>', example: 'paperbot cite 2305.00054', summary: 'BibTeX for a paper' },
	{
		name: 'share',
		arguments: '<id> [note:"text"]',
		example: 'paperbot share 2305.00054 note:"for Friday\'s reading group"',
		summary: 'The card Discord would post, and the thread it would start',
	},
	{
		name: 'add',
		arguments: '<id or link> [more …] | --file ids.txt',
		example: 'paperbot add 2305.00054 https://arxiv.org/abs/2304.14548v2',
		summary: 'Add papers from arXiv to the corpus',
	},
	{
		name: 'feed',
		arguments: '<arXiv categories>',
		example: 'paperbot feed cs.NE q-bio.NC',
		summary: "What the arXiv feed post would list now: today's new papers closest to the corpus",
	},
	{
		name: 'propose',
		arguments: '<id> [note:"text"]',
		example: 'paperbot propose 2305.00054 note:"short and clear"',
		summary: "Propose a paper for the reading group's next poll (the list of DISCORD_GUILD_ID, in STATE_PATH)",
	},
	{ name: 'proposals', arguments: '', example: 'paperbot proposals', summary: 'The reading list, oldest proposals first' },
	{ name: 'withdraw', arguments: '<id>', example: 'paperbot withdraw 2305.00054', summary: 'Take a paper off the reading list' },
	{ name: 'reading', arguments: 'preview', example: 'paperbot reading preview', summary: 'What the next reading poll would hold' },
	{ name: 'help', arguments: '', example: 'paperbot help', summary: 'This list' },
];

const usageOf = (command: CliCommand) => `paperbot ${command.name}${command.arguments ? ` ${command.arguments}` : ''}`;

/** How the named command is typed, e.g. `paperbot show <id>`. */
export function cliUsage(name: string): string {
	const command = CLI_COMMANDS.find((candidate) => candidate.name === name);
	return command ? usageOf(command) : `paperbot ${name}`;
}

/** `paperbot --help`: every command with its arguments and an example. */
export function cliHelp(): string {
	const lines = ['usage: paperbot [--json] <command> [arguments]', '', 'commands:'];
	for (const command of CLI_COMMANDS) lines.push(`  ${usageOf(command)}`, `      ${command.summary}; e.g. ${command.example}`);
	lines.push(
		'',
		'--json prints only the message payload Discord would receive (for add: what was added, present and failed).',
		'Answers go to stdout, problems to stderr; the exit code is 0 for an answer, 1 for a problem.',
	);
	return `${lines.join('\n')}\n`;
}

/** The command line is not one the CLI takes; the message names the usage to follow. */
export class CliUsageError extends Error {
	override name = 'CliUsageError';
}

/** What the CLI was asked: a `/paper` subcommand with its options, adding papers, or the arXiv feed. */
export type CliRequest =
	| { kind: 'help' }
	| { kind: 'add'; args: string[] }
	| { kind: 'feed'; args: string[] }
	| { kind: 'reading-preview' }
	| { kind: 'paper'; subcommand: string; options: Record<string, string> };

/**
 * Reads the CLI's arguments (without `--json`) into a request, or throws CliUsageError naming the
 * command's usage and an example, e.g. `paperbot show needs one id: paperbot show <id>, e.g. …`.
 */
export function readCliArguments(args: readonly string[]): CliRequest {
	const [name, ...rest] = args;
	const command = CLI_COMMANDS.find((candidate) => candidate.name === name);
	if (name === '--help' || name === '-h' || name === 'help') return { kind: 'help' };
	if (!command) throw new CliUsageError(`paperbot: unknown command "${name ?? ''}"; paperbot --help lists the commands.`);
	const fail = (problem: string) => new CliUsageError(`paperbot ${command.name} ${problem}: ${usageOf(command)}, e.g. ${command.example}`);
	switch (command.name) {
		case 'add':
		case 'feed':
			return { kind: command.name, args: rest };
		case 'search':
			if (!rest.some((word) => word.trim())) throw fail('needs words or filters to search for');
			return { kind: 'paper', subcommand: 'search', options: { query: rest.map(quoteFilterValue).join(' ') } };
		case 'random':
		case 'proposals':
			if (rest.length) throw fail(`takes no arguments, not "${rest.join(' ')}"`);
			return { kind: 'paper', subcommand: command.name, options: {} };
		case 'reading':
			if (rest.length !== 1 || rest[0] !== 'preview') throw fail(`takes "preview", not "${rest.join(' ')}"`);
			return { kind: 'reading-preview' };
		case 'share':
		case 'propose': {
			const notes = rest.filter((word) => word.startsWith('note:'));
			const ids = rest.filter((word) => !word.startsWith('note:'));
			if (ids.length !== 1 || notes.length > 1)
				throw fail(ids.length ? `takes one id and at most one note, not "${rest.join(' ')}"` : 'needs the id of a paper');
			const note = notes[0]?.slice('note:'.length).replace(/^"(.*)"$/s, '$1');
			return { kind: 'paper', subcommand: command.name, options: { id: ids[0]!, ...(note ? { note } : {}) } };
		}
		default:
			if (rest.length !== 1) throw fail(rest.length ? `takes one id, not "${rest.join(' ')}"` : 'needs the id of a paper');
			return { kind: 'paper', subcommand: command.name, options: { id: rest[0]! } };
	}
}

/** A shell argument `author:Yi Zeng` (quoted in the shell) keeps its spaces as `author:"Yi Zeng"` in the query. */
function quoteFilterValue(word: string): string {
	return /^\w+:.*\s/.test(word) && !word.includes('"') ? `${word.replace(':', ':"')}"` : word;
}
