import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, ServedCommand } from '../interaction/command.js';
import { commandLeaves, freeOption, optionsUsage } from '../interaction/command-usage.js';
import { UserError } from '../interaction/reply.js';

/** A command typed as in Discord, resolved to its handler and input. */
export interface ParsedCommandLine<Context> {
	command: ServedCommand<Context>;
	input: Omit<CommandInput, 'user'>;
}

/** A command line that does not fit the command's definition: answered like any user mistake. */
export class CommandLineError extends UserError {
	override name = 'CommandLineError';
	/**
	 * @param problem What is wrong, in words any surface can show, e.g. `note is 10000 characters; at most 1500`.
	 * @param usage The words of the command asked (`['paper', 'share']`) and its options as typed, when it was found.
	 */
	constructor(
		readonly problem: string,
		readonly usage?: { path: readonly string[]; options: string },
	) {
		super(usage ? `${problem}. Usage: /${[...usage.path, usage.options].filter(Boolean).join(' ')}` : `${problem}.`);
	}
}

/**
 * Reads `/paper search spiking gan`, `/paper show 2305.00054` or `/paper share 2305.00054
 * note:"read this"` the way Discord would deliver it: `name:value` sets that option, and the
 * remaining words fill the free option (see freeOption). Where that option is a `query`, filters
 * such as `author:Zeng` or `year:2022..2023` are part of the query text, which reads them.
 * Subcommand groups are typed as words too: `/paperbot feed on channel:… categories:cs.NE`.
 */
export function parseCommandLine<Context>(line: string, commands: readonly ServedCommand<Context>[]): ParsedCommandLine<Context> {
	return parseCommandWords(splitWords(line.trim().replace(/^\//, '')), commands);
}

/**
 * Reads a command already split into words (the first is the command's name, without a slash),
 * as {@link parseCommandLine} does. Values are checked against the definition as Discord checks
 * them: numbers, lengths, ranges and choices.
 */
export function parseCommandWords<Context>(
	typed: readonly string[],
	commands: readonly ServedCommand<Context>[],
): ParsedCommandLine<Context> {
	const words = [...typed];
	const name = words.shift();
	const command = commands.find((candidate) => candidate.data.name === name);
	const leaves = command ? commandLeaves(command.data) : [];
	if (!command || !leaves.length) {
		const names = commands.filter((candidate) => commandLeaves(candidate.data).length).map((candidate) => `/${candidate.data.name}`);
		throw new CommandLineError(`Unknown command "${name ?? ''}". Try ${names.join(', ')}`);
	}
	const path = [command.data.name];
	let candidates = leaves;
	while (candidates.some((leaf) => leaf.path.length > path.length)) {
		const next = words.shift();
		const depth = path.length;
		const choices = [...new Set(candidates.map((leaf) => leaf.path[depth]!))];
		if (next === undefined || !choices.includes(next)) throw new CommandLineError(`/${path.join(' ')} needs one of: ${choices.join(', ')}`);
		path.push(next);
		candidates = candidates.filter((leaf) => leaf.path[depth] === next);
	}
	const { options } = candidates[0]!;
	const usage = { path, options: optionsUsage(options, { freeBare: true }) };
	const fail = (problem: string) => new CommandLineError(problem, usage);

	const values: Record<string, string | number | boolean> = {};
	const loose: string[] = [];
	const free = freeOption(options);
	const isQuery = free?.name === 'query';
	for (const word of words) {
		const separator = word.indexOf(':');
		const option = separator > 0 ? options.find((candidate) => candidate.name === word.slice(0, separator)) : undefined;
		const value = word.slice(separator + 1).replace(/^"(.*)"$/s, '$1');
		// A query reads its own filters (author:"Yi Zeng", year:2022..2023, cat:cs.LG): every word is its text, as typed in Discord.
		if (isQuery) loose.push(option === free ? value : word);
		else if (option && !(option.name in values)) {
			// `note:` with nothing after it is no note, as Discord sends no empty option.
			if (value) values[option.name] = convert(value, option, fail);
		} else loose.push(word);
	}
	if (loose.length) {
		if (!free || free.name in values) throw fail(`Unexpected text: ${loose.join(' ')}`);
		values[free.name] = convert(loose.join(' '), free, fail);
	}
	const missing = options.filter((option) => 'required' in option && option.required && !(option.name in values));
	if (missing.length) throw fail(`Missing ${missing.map((option) => option.name).join(', ')}`);
	const [, group, subcommand] = path.length === 3 ? path : [path[0], undefined, path[1]];
	return { command, input: { ...(group ? { subcommandGroup: group } : {}), subcommand, options: values } };
}

/** A typed value as Discord would accept it for `option`, or the problem, as Discord's own form would refuse it. */
function convert(
	text: string,
	option: APIApplicationCommandOption,
	fail: (problem: string) => CommandLineError,
): string | number | boolean {
	if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
		const value = Number(text);
		const whole = option.type === ApplicationCommandOptionType.Integer;
		if (text.trim() === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value)))
			throw fail(`${option.name} must be a ${whole ? 'whole number' : 'number'}, not "${text}"`);
		if ((option.min_value !== undefined && value < option.min_value) || (option.max_value !== undefined && value > option.max_value))
			throw fail(`${option.name} must be from ${option.min_value ?? '…'} to ${option.max_value ?? '…'}, not ${value}`);
		return value;
	}
	if (option.type === ApplicationCommandOptionType.Boolean) return /^(true|yes|on|1)$/i.test(text);
	if (option.type === ApplicationCommandOptionType.String) {
		const length = [...text].length;
		if (option.max_length !== undefined && length > option.max_length)
			throw fail(`${option.name} is ${length} characters long; Discord takes at most ${option.max_length}`);
		const choices = option.choices?.map((choice) => String(choice.value));
		if (choices?.length && !choices.includes(text)) throw fail(`${option.name} must be one of ${choices.join(', ')}, not "${text}"`);
	}
	return text;
}

/** Splits on spaces, keeping `"quoted phrases"` (and `name:"quoted value"`) together. */
function splitWords(text: string): string[] {
	return text.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}
