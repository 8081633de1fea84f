import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/all.js';
import { CommandLineError, parseCommandLine } from '../../src/console/command-line.js';

const parse = (line: string) => {
	const { command, input } = parseCommandLine(line, commands);
	return { name: command.data.name, ...input };
};

describe('parseCommandLine', () => {
	it('gives the remaining words to the first required text option', () => {
		expect(parse('/paper search spiking gan')).toEqual({ name: 'paper', subcommand: 'search', options: { query: 'spiking gan' } });
	});

	it('reads name:value options, quoted or not, with their Discord types', () => {
		expect(parse('/paper share 2305.00054 note:"see section 3"').options).toEqual({ id: '2305.00054', note: 'see section 3' });
		expect(parse('/paperbot potd channel:123 time:9:00 timezone:UTC thread:off').options).toEqual({
			channel: '123',
			time: '9:00',
			timezone: 'UTC',
			thread: false,
		});
	});

	it('leaves search filters in the query, which reads them as Discord’s options', () => {
		expect(parse('/paper search spiking year:2022..2023 category:cs.NE author:"Yi Zeng"').options).toEqual({
			query: 'spiking year:2022..2023 category:cs.NE author:"Yi Zeng"',
		});
		expect(parse('/paper search author:Zeng').options).toEqual({ query: 'author:Zeng' });
		expect(parse('/paper search query:spiking').options).toEqual({ query: 'spiking' });
		expect(parse('/paper search query:"spiking gan" year:2023').options).toEqual({ query: 'spiking gan year:2023' });
		expect(parse('/paper unsubscribe author:Zeng').options).toEqual({ query: 'author:Zeng' });
		expect(parse('/paper subscribe author:Zeng').options).toEqual({ query: 'author:Zeng' });
	});

	it('fills only the options it is given, as Discord does', () => {
		expect(() => parse('/paper share note:"read this"')).toThrow('Missing id: e.g. /paper share <id>');
	});

	it('reads commands without a subcommand, with or without the slash', () => {
		expect(parse('help')).toEqual({ name: 'help', subcommand: undefined, options: {} });
		expect(parse('/paper share 2305.00054 note:"see section 3"').options).toEqual({ id: '2305.00054', note: 'see section 3' });
	});

	it.each([
		['/nonsense', 'Unknown command "nonsense". Try /paper, /potd, /paperbot, /help.'],
		['/paper fly', '/paper needs one of: search, show, random, similar, cite, share, '],
		['/paper show', 'Missing id: e.g. /paper show <id>'],
		['/paper random extra words', 'Unexpected text: extra words'],
	])('explains what is wrong with %j', (line, message) => {
		expect(() => parseCommandLine(line, commands)).toThrow(CommandLineError);
		expect(() => parseCommandLine(line, commands)).toThrow(message);
	});
});
