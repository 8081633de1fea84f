import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/all.js';
import paper from '../../commands/paper.js';
import { readCliArguments } from '../../src/console/cli-arguments.js';
import { parseCommandLine } from '../../src/console/command-line.js';
import { spellingFor } from '../../src/interaction/spelling.js';

/** The command inside a suggestion's code span. */
const codeSpan = (suggestion: string) => /^`([^`]+)`$/.exec(suggestion)?.[1] ?? `no code span in ${suggestion}`;

/** A slash command line as the console reads it: the command, subcommand and options it stands for. */
function asSlashCommand(suggestion: string) {
	const { command, input } = parseCommandLine(codeSpan(suggestion), commands);
	return { name: command.data.name, subcommand: input.subcommand, options: input.options };
}

/** A CLI line split as a shell would split it (double quotes only), then read as the CLI reads it. */
function asCliCommand(suggestion: string) {
	const words = [...codeSpan(suggestion).matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
	expect(words[0]).toBe('paperbot');
	return readCliArguments(words.slice(1), paper);
}

describe('spellingFor', () => {
	it('spells for Discord when the context names no surface', () => {
		expect(spellingFor({})).toBe(spellingFor({ surface: 'discord' }));
		expect(spellingFor({ surface: undefined })).toBe(spellingFor({ surface: 'discord' }));
	});

	it('spells for Discord with the option names of /paper, which the console also reads', () => {
		const discord = spellingFor({ surface: 'discord' });
		expect(discord.search('spiking gan')).toBe('`/paper search query:spiking gan`');
		expect(asSlashCommand(discord.search('spiking gan'))).toEqual({
			name: 'paper',
			subcommand: 'search',
			options: { query: 'spiking gan' },
		});
		expect(asSlashCommand(discord.show('2305.00054'))).toEqual({ name: 'paper', subcommand: 'show', options: { id: '2305.00054' } });
		expect(asSlashCommand(discord.add('2305.00054'))).toEqual({ name: 'paper', subcommand: 'add', options: { id: '2305.00054' } });
	});

	it('spells for the console as it is typed there, without option names', () => {
		const consoleSpelling = spellingFor({ surface: 'console' });
		expect(consoleSpelling.show('2305.00054')).toBe('`/paper show 2305.00054`');
		expect(asSlashCommand(consoleSpelling.search('spiking gan'))).toEqual({
			name: 'paper',
			subcommand: 'search',
			options: { query: 'spiking gan' },
		});
		expect(asSlashCommand(consoleSpelling.show('2305.00054'))).toEqual({
			name: 'paper',
			subcommand: 'show',
			options: { id: '2305.00054' },
		});
		expect(asSlashCommand(consoleSpelling.add('2305.00054'))).toEqual({ name: 'paper', subcommand: 'add', options: { id: '2305.00054' } });
	});

	it('spells for the CLI as shell commands it accepts, quoting the search words', () => {
		const cli = spellingFor({ surface: 'cli' });
		expect(cli.search('spiking gan')).toBe('`paperbot search "spiking gan"`');
		expect(asCliCommand(cli.search('spiking gan'))).toEqual({
			kind: 'paper',
			subcommand: 'search',
			options: { query: 'spiking gan' },
			json: false,
		});
		expect(asCliCommand(cli.show('2305.00054'))).toEqual({ kind: 'paper', subcommand: 'show', options: { id: '2305.00054' }, json: false });
		expect(asCliCommand(cli.add('2305.00054'))).toEqual({ kind: 'add', ids: ['2305.00054'], files: [], json: false });
	});

	it('tells how to find an id in the words of each surface', () => {
		expect(spellingFor({ surface: 'discord' }).findId).toBe('Type part of a title and pick from the list.');
		expect(spellingFor({ surface: 'console' }).findId).toContain('`/paper search <words>`');
		expect(spellingFor({ surface: 'cli' }).findId).toContain('`paperbot search <words>`');
	});
});
