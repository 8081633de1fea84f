import { describe, expect, it } from 'vitest';
import paperCommand from '../../commands/paper.js';
import type { AnyCommand } from '../../commands/index.js';
import { cliCommands, cliHelp, CliUsageError, readCliArguments } from '../../src/console/cli-arguments.js';

const paper: AnyCommand = paperCommand;
const read = (args: string[]) => readCliArguments(args, paper);

/** The CliUsageError `readCliArguments` throws for `args`. */
function usageErrorFor(args: string[]): CliUsageError {
	try {
		read(args);
	} catch (error) {
		expect(error).toBeInstanceOf(CliUsageError);
		return error as CliUsageError;
	}
	throw new Error(`readCliArguments accepted ${JSON.stringify(args)}`);
}

const SEARCH_USAGE =
	'usage: paperbot search <words> [author:NAME] [year:YYYY[..YYYY]] [cat:CATEGORY] [venue:TEXT], e.g. paperbot search "spiking gan" year:2022..2023';

describe('readCliArguments', () => {
	it('reads the reading list commands as /paper subcommands, and reading preview as its own', () => {
		expect(read(['propose', '2305.00054', 'note:short'])).toEqual({
			kind: 'paper',
			subcommand: 'propose',
			options: { id: '2305.00054', note: 'short' },
			json: false,
		});
		expect(read(['proposals', '--json'])).toEqual({ kind: 'paper', subcommand: 'proposals', options: {}, json: true });
		expect(read(['reading', 'preview'])).toEqual({ kind: 'reading-preview', json: false });
		expect(() => read(['reading', 'now'])).toThrow(
			'paperbot reading: takes "preview", not "now". usage: paperbot reading preview, e.g. paperbot reading preview',
		);
	});

	it('reads zotero sync, with --json', () => {
		expect(read(['zotero', 'sync', '--json'])).toEqual({ kind: 'zotero-sync', json: true });
		expect(() => read(['zotero'])).toThrow('paperbot zotero: takes "sync", not "". usage: paperbot zotero sync, e.g. paperbot zotero sync');
	});

	it.for([['help'], ['--help'], ['-h'], ['help', 'show'], ['search', 'x', '--help']])('reads %j as help', (args) => {
		expect(read(args)).toEqual({ kind: 'help' });
	});

	it.for([['--version'], ['-v'], ['search', '--version']])('reads %j as the version', (args) => {
		expect(read(args)).toEqual({ kind: 'version' });
	});

	it('reads an id command as that /paper subcommand with its id, and --json anywhere', () => {
		for (const name of ['show', 'similar', 'cite']) {
			expect(read([name, '2305.00054'])).toEqual({ kind: 'paper', subcommand: name, options: { id: '2305.00054' }, json: false });
		}
		expect(read(['--json', 'random'])).toEqual({ kind: 'paper', subcommand: 'random', options: {}, json: true });
		expect(read(['show', '2305.00054', '--json'])).toMatchObject({ json: true });
	});

	it('joins the search words into one query, quoting a filter value the shell kept whole', () => {
		expect(read(['search', 'spiking gan', 'author:Yi Zeng', 'year:2022..2023'])).toMatchObject({
			kind: 'paper',
			subcommand: 'search',
			options: { query: 'spiking gan author:"Yi Zeng" year:2022..2023' },
		});
		expect(read(['search', 'venue:"Neural Computation"', 'spiking'])).toMatchObject({
			options: { query: 'venue:"Neural Computation" spiking' },
		});
	});

	it('takes a word that starts with "-" after --', () => {
		expect(read(['search', '--', '-fold'])).toMatchObject({ options: { query: '-fold' } });
	});

	it('gives share its id and its note without the quotes around it, in either order, and no note for an empty one', () => {
		const expected = { kind: 'paper', subcommand: 'share', options: { id: '2305.00054', note: "for Friday's reading group" }, json: false };
		expect(read(['share', '2305.00054', 'note:"for Friday\'s reading group"'])).toEqual(expected);
		expect(read(['share', "note:for Friday's reading group", '2305.00054'])).toEqual(expected);
		expect(read(['share', '2305.00054', 'note:'])).toMatchObject({ options: { id: '2305.00054' } });
	});

	it('reads add and feed arguments, checking the categories against arXiv', () => {
		expect(read(['add', '--file', 'ids.txt', '2305.00054'])).toEqual({ kind: 'add', ids: ['2305.00054'], files: ['ids.txt'], json: false });
		expect(read(['feed', 'cs.ne', 'Q-BIO.NC'])).toEqual({ kind: 'feed', categories: ['cs.NE', 'q-bio.NC'], json: false });
	});

	it.each([
		[['search', 'spiking', '--jsn'], 'paperbot search: unknown option --jsn (paperbot takes --json, --help, --version). '],
		[['search', 'spiking', '-j'], 'paperbot search: unknown option -j (paperbot takes --json, --help, --version). '],
		[['search', 'spiking', '--limit', '3'], 'paperbot search: unknown option --limit '],
		[['add', '--force', '2305.00054'], 'paperbot add: unknown option --force (paperbot takes --json, --file, --help, --version). '],
		[['add', '--file'], 'paperbot add: --file needs the path of a file of ids. '],
		[['show', '2305.00054', '--file', 'x'], 'paperbot show: --file is only for paperbot add. '],
		[['search', '--json=yes', 'x'], 'paperbot search: --json takes no value. '],
		[['search', ' ', ''], `paperbot search: missing query. ${SEARCH_USAGE}`],
		[['random', 'cs.NE'], 'paperbot random: unexpected text: cs.NE. usage: paperbot random, e.g. paperbot random'],
		[['share', 'note:hi'], 'paperbot share: missing id. usage: paperbot share <id> [note:], e.g. paperbot share 2305.00054 note:'],
		[['share', '2305.00054', `note:${'x'.repeat(10_000)}`], 'paperbot share: note is 10000 characters long; Discord takes at most 1500. '],
		[
			['add'],
			'paperbot add: needs arXiv ids, DOIs or --file. usage: paperbot add <arXiv id, DOI or link> [more …] | --file ids.txt, e.g. ',
		],
		[['feed'], 'paperbot feed: needs arXiv categories. usage: paperbot feed <arXiv categories>, e.g. paperbot feed cs.NE q-bio.NC'],
		[
			['feed', 'cs.XX'],
			'paperbot feed: categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "cs.XX" is not one (cs has cs.AI',
		],
		[
			['search', 'year:abc'],
			`paperbot search: “year:abc” is not a filter paperbot can read: write year:2023, year:2022..2023, year:2022.. or year:..2021. ${SEARCH_USAGE}`,
		],
		[
			['search', 'spiking', 'author:'],
			'paperbot search: “author:” is not a filter paperbot can read: write author:Zeng or author:"Yi Zeng". usage: ',
		],
		[[], 'paperbot: no command given; paperbot --help lists the commands.'],
		[['fly'], 'paperbot: unknown command "fly"; paperbot --help lists the commands.'],
		[['subscribe', 'x'], 'paperbot: unknown command "subscribe"; paperbot --help lists the commands.'],
	])('refuses %j, naming the problem and the expected form', (args, message) => {
		expect(usageErrorFor(args).message).toContain(message);
	});
});

describe('cliCommands', () => {
	it('serves every /paper subcommand that works outside a server, from its definition', () => {
		const names = cliCommands(paper).map((command) => command.name);
		const paperNames = paperCommand.data.options.map((option) => option.name);
		for (const name of paperNames) {
			if (!['subscribe', 'unsubscribe', 'subscriptions', 'follow', 'unfollow'].includes(name)) expect(names).toContain(name);
		}
		expect(names.slice(-10)).toEqual(['add', 'import', 'feed', 'reading', 'zotero', 'following', 'changes', 'ours', 'citations', 'help']);
	});
});

describe('cliHelp', () => {
	it('lists each command once with what --json prints, then the exit codes, and ends with a line break', () => {
		const help = cliHelp(paper);
		const listed = [...help.matchAll(/^ {2}paperbot (\w+)/gm)].map((match) => match[1]);
		expect(listed).toEqual([
			'search',
			'show',
			'random',
			'similar',
			'cite',
			'share',
			'propose',
			'proposals',
			'withdraw',
			'add',
			'import',
			'feed',
			'reading',
			'zotero',
			'following',
			'changes',
			'ours',
			'citations',
			'help',
		]);
		expect(help.match(/^ {6}--json: /gm)).toHaveLength(listed.length - 1);
		expect(help).toContain('\n  0  an answer\n');
		expect(help).toContain('\n  2  a command line paperbot does not take');
		expect(help.endsWith('\n')).toBe(true);
	});

	it('gives examples that readCliArguments accepts', () => {
		const examples = [...cliHelp(paper).matchAll(/; e\.g\. paperbot (.+)$/gm)].map((match) => match[1]!);
		expect(examples).toHaveLength(19);
		for (const example of examples) {
			const words = [...example.matchAll(/(\S+:"[^"]*"|"[^"]*"|\S+)/g)].map((match) => match[0].replace(/^"(.*)"$/, '$1'));
			expect(() => read(words), example).not.toThrow();
		}
	});
});
