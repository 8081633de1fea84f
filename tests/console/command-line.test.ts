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
		expect(() => parse('/paper share note:"read this"')).toThrow('Missing id. Usage: /paper share <id> [note:]');
	});

	it('reads commands without a subcommand, with or without the slash', () => {
		expect(parse('help')).toEqual({ name: 'help', subcommand: undefined, options: {} });
		expect(parse('/paper share 2305.00054 note:"see section 3"').options).toEqual({ id: '2305.00054', note: 'see section 3' });
	});

	it('reaches every subcommand of a group, as Discord delivers it', () => {
		expect(parse('/paperbot feed on channel:123 categories:"cs.NE q-bio.NC" max:5 cross:off')).toEqual({
			name: 'paperbot',
			subcommandGroup: 'feed',
			subcommand: 'on',
			options: { channel: '123', categories: 'cs.NE q-bio.NC', max: 5, cross: false },
		});
		expect(parse('/paperbot feed off')).toEqual({ name: 'paperbot', subcommandGroup: 'feed', subcommand: 'off', options: {} });
		expect(parse('/paperbot topic add spiking networks')).toEqual({
			name: 'paperbot',
			subcommandGroup: 'topic',
			subcommand: 'add',
			options: { query: 'spiking networks' },
		});
	});

	it('refuses a value longer than Discord takes, naming the limit', () => {
		expect(() => parse(`/paper share 2305.00054 note:"${'x'.repeat(10_000)}"`)).toThrow(
			'note is 10000 characters long; Discord takes at most 1500. Usage: /paper share <id> [note:]',
		);
		expect(parse(`/paper share 2305.00054 note:"${'x'.repeat(1500)}"`).options.note).toHaveLength(1500);
	});

	it.each([
		['/nonsense', 'Unknown command "nonsense". Try /paper, /potd, /paperbot, /help.'],
		['/paper fly', '/paper needs one of: search, show, random, similar, cite, share, '],
		['/paperbot', '/paperbot needs one of: potd, digest, topic, feed, reading, ours, citations, status, import, post.'],
		['/paper show', 'Missing id. Usage: /paper show <id>'],
		['/paperbot feed', '/paperbot feed needs one of: on, off.'],
		['/paperbot post kind:weekly', 'kind must be one of potd, digest, feed, reading, not "weekly". Usage: /paperbot post <kind>'],
		['/paperbot feed on channel:1 categories:cs.NE max:0', 'max must be from 1 to 25, not 0.'],
		['/paperbot feed on channel:1 categories:cs.NE max:two', 'max must be a whole number, not "two".'],
		['/paper random extra words', 'Unexpected text: extra words. Usage: /paper random'],
	])('explains what is wrong with %j', (line, message) => {
		expect(() => parseCommandLine(line, commands)).toThrow(CommandLineError);
		expect(() => parseCommandLine(line, commands)).toThrow(message);
	});
});
