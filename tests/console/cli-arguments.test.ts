import { describe, expect, it } from 'vitest';
import { cliHelp, cliUsage, CliUsageError, readCliArguments } from '../../src/console/cli-arguments.js';

/** The CliUsageError `readCliArguments` throws for `args`. */
function usageErrorFor(args: string[]): CliUsageError {
	try {
		readCliArguments(args);
	} catch (error) {
		expect(error).toBeInstanceOf(CliUsageError);
		return error as CliUsageError;
	}
	throw new Error(`readCliArguments accepted ${JSON.stringify(args)}`);
}

describe('readCliArguments', () => {
	it.for([['help'], ['--help'], ['-h'], ['help', 'show']])('reads %j as help', (args) => {
		expect(readCliArguments(args)).toEqual({ kind: 'help' });
	});

	it('reads an id command as that /paper subcommand with its id', () => {
		for (const name of ['show', 'similar', 'cite']) {
			expect(readCliArguments([name, '2305.00054'])).toEqual({ kind: 'paper', subcommand: name, options: { id: '2305.00054' } });
		}
		expect(readCliArguments(['random'])).toEqual({ kind: 'paper', subcommand: 'random', options: {} });
		expect(readCliArguments(['proposals'])).toEqual({ kind: 'paper', subcommand: 'proposals', options: {} });
		expect(readCliArguments(['propose', '2305.00054', 'note:"short"'])).toEqual({
			kind: 'paper',
			subcommand: 'propose',
			options: { id: '2305.00054', note: 'short' },
		});
		expect(readCliArguments(['reading', 'preview'])).toEqual({ kind: 'reading-preview' });
		expect(() => readCliArguments(['reading', 'now'])).toThrow(
			'paperbot reading takes "preview", not "now": paperbot reading preview, e.g. paperbot reading preview',
		);
	});

	it('joins the search words into one query, quoting a filter value the shell kept whole', () => {
		expect(readCliArguments(['search', 'spiking gan', 'author:Yi Zeng', 'year:2022..2023'])).toEqual({
			kind: 'paper',
			subcommand: 'search',
			options: { query: 'spiking gan author:"Yi Zeng" year:2022..2023' },
		});
	});

	it('leaves a filter value that already has its quotes as typed', () => {
		expect(readCliArguments(['search', 'venue:"Neural Computation"', 'spiking'])).toEqual({
			kind: 'paper',
			subcommand: 'search',
			options: { query: 'venue:"Neural Computation" spiking' },
		});
	});

	it('gives share its id and its note without the quotes around it, in either order', () => {
		const expected = { kind: 'paper', subcommand: 'share', options: { id: '2305.00054', note: "for Friday's reading group" } };
		expect(readCliArguments(['share', '2305.00054', 'note:"for Friday\'s reading group"'])).toEqual(expected);
		expect(readCliArguments(['share', "note:for Friday's reading group", '2305.00054'])).toEqual(expected);
	});

	it('gives share no note for an empty one', () => {
		expect(readCliArguments(['share', '2305.00054', 'note:'])).toEqual({
			kind: 'paper',
			subcommand: 'share',
			options: { id: '2305.00054' },
		});
	});

	it('hands add and feed their arguments as given, for their own parsers', () => {
		expect(readCliArguments(['add', '--file', 'ids.txt'])).toEqual({ kind: 'add', args: ['--file', 'ids.txt'] });
		expect(readCliArguments(['feed'])).toEqual({ kind: 'feed', args: [] });
	});

	it('refuses search with only blank words', () => {
		expect(usageErrorFor(['search', ' ', '']).message).toBe(
			'paperbot search needs words or filters to search for: paperbot search <words> [author:NAME] [year:YYYY[..YYYY]] [cat:CATEGORY] [venue:TEXT], e.g. paperbot search "spiking gan" year:2022..2023',
		);
	});

	it('refuses random with arguments, quoting them', () => {
		expect(usageErrorFor(['random', 'cs.NE']).message).toBe(
			'paperbot random takes no arguments, not "cs.NE": paperbot random, e.g. paperbot random',
		);
	});

	it('refuses share without an id, with two ids and with two notes', () => {
		const usage = 'paperbot share <id> [note:"text"], e.g. paperbot share 2305.00054 note:"for Friday\'s reading group"';
		expect(usageErrorFor(['share', 'note:hi']).message).toBe(`paperbot share needs the id of a paper: ${usage}`);
		expect(usageErrorFor(['share', 'a', 'b']).message).toBe(`paperbot share takes one id and at most one note, not "a b": ${usage}`);
		expect(usageErrorFor(['share', 'a', 'note:x', 'note:y']).message).toBe(
			`paperbot share takes one id and at most one note, not "a note:x note:y": ${usage}`,
		);
	});

	it('refuses no command at all, and --json, which the caller takes off first, as unknown commands', () => {
		expect(usageErrorFor([]).message).toBe('paperbot: unknown command ""; paperbot --help lists the commands.');
		expect(usageErrorFor(['--json']).message).toBe('paperbot: unknown command "--json"; paperbot --help lists the commands.');
	});
});

describe('cliUsage', () => {
	it('gives a command with its arguments, and one without any alone', () => {
		expect(cliUsage('share')).toBe('paperbot share <id> [note:"text"]');
		expect(cliUsage('random')).toBe('paperbot random');
	});

	it('gives an unknown name as typed', () => {
		expect(cliUsage('fly')).toBe('paperbot fly');
	});
});

describe('cliHelp', () => {
	it('lists each command once, in the order of its usage lines, and ends with a line break', () => {
		const help = cliHelp();
		const listed = [...help.matchAll(/^ {2}paperbot (\w+)/gm)].map((match) => match[1]);
		expect(listed).toEqual([
			'search',
			'show',
			'random',
			'similar',
			'cite',
			'share',
			'add',
			'feed',
			'propose',
			'proposals',
			'withdraw',
			'reading',
			'help',
		]);
		expect(help.startsWith('usage: paperbot [--json] <command> [arguments]\n')).toBe(true);
		expect(help.endsWith('exit code is 0 for an answer, 1 for a problem.\n')).toBe(true);
	});

	it('shows for each command the usage cliUsage gives', () => {
		for (const name of ['search', 'share', 'add', 'feed']) expect(cliHelp()).toContain(`\n  ${cliUsage(name)}\n`);
	});

	it('gives each command an example that readCliArguments accepts', () => {
		const examples = [...cliHelp().matchAll(/; e\.g\. paperbot (.+)$/gm)].map((match) => match[1]!);
		expect(examples).toHaveLength(13);
		for (const example of examples) {
			const words = [...example.matchAll(/(\S+:"[^"]*"|"[^"]*"|\S+)/g)].map((match) => match[0].replace(/^"(.*)"$/, '$1'));
			expect(() => readCliArguments(words), example).not.toThrow();
		}
	});
});
