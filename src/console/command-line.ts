import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, ServedCommand } from '../interaction/command.js';
import { UserError } from '../interaction/reply.js';

/** A command typed as in Discord, resolved to its handler and input. */
export interface ParsedCommandLine<Context> {
	command: ServedCommand<Context>;
	input: Omit<CommandInput, 'user'>;
}

/** A command line that does not fit the command's definition: answered like any user mistake. */
export class CommandLineError extends UserError {
	override name = 'CommandLineError';
}

/**
 * Reads `/paper search spiking gan`, `/paper show 2305.00054` or `/paper share 2305.00054
 * note:"read this"` the way Discord would deliver it: `name:value` sets that option, and the
 * remaining words fill the first required text option. Where that option is a `query`, filters
 * such as `author:Zeng` or `year:2022..2023` are part of the query text, which reads them.
 */
export function parseCommandLine<Context>(line: string, commands: readonly ServedCommand<Context>[]): ParsedCommandLine<Context> {
	const words = splitWords(line.trim().replace(/^\//, ''));
	const name = words.shift();
	const command = commands.find((candidate) => candidate.data.name === name);
	if (!command) {
		const names = commands.filter(isSlashCommand).map((candidate) => `/${candidate.data.name}`);
		throw new CommandLineError(`Unknown command "${name ?? ''}". Try ${names.join(', ')}.`);
	}
	let options: readonly APIApplicationCommandOption[] = ('options' in command.data && command.data.options) || [];
	let subcommand: string | undefined;
	const subcommands = options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
	if (subcommands.length) {
		subcommand = words.shift();
		const chosen = subcommands.find((option) => option.name === subcommand);
		if (!chosen) {
			const list = subcommands.map((option) => option.name).join(', ');
			throw new CommandLineError(`/${command.data.name} needs one of: ${list}.`);
		}
		options = ('options' in chosen && chosen.options) || [];
	}

	const values: Record<string, string | number | boolean> = {};
	const loose: string[] = [];
	const query = options.find((option) => option.name === 'query' && option.type === ApplicationCommandOptionType.String);
	for (const word of words) {
		const separator = word.indexOf(':');
		const option = separator > 0 ? options.find((candidate) => candidate.name === word.slice(0, separator)) : undefined;
		const value = word.slice(separator + 1).replace(/^"(.*)"$/, '$1');
		// A query reads its own filters (author:"Yi Zeng", year:2022..2023, cat:cs.LG): every word is its text, as typed in Discord.
		if (query) loose.push(option === query ? value : word);
		else if (option && !(option.name in values)) values[option.name] = convert(value, option);
		else loose.push(word);
	}
	const free =
		query ?? options.find((option) => option.type === ApplicationCommandOptionType.String && option.required && !(option.name in values));
	if (loose.length) {
		if (!free) throw new CommandLineError(`Unexpected text: ${loose.join(' ')}`);
		values[free.name] = loose.join(' ');
	}
	const missing = options.filter((option) => 'required' in option && option.required && !(option.name in values));
	if (missing.length)
		throw new CommandLineError(
			`Missing ${missing.map((option) => option.name).join(', ')}: e.g. /${command.data.name} ${subcommand ?? ''} <${missing[0]!.name}>`,
		);
	return { command, input: { subcommand, options: values } };
}

function isSlashCommand(command: ServedCommand<unknown>): boolean {
	return !('type' in command.data) || command.data.type === 1;
}

function convert(text: string, option: APIApplicationCommandOption): string | number | boolean {
	if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
		const value = Number(text);
		if (!Number.isFinite(value)) throw new CommandLineError(`${option.name} must be a number, not "${text}"`);
		return value;
	}
	if (option.type === ApplicationCommandOptionType.Boolean) return /^(true|yes|on|1)$/i.test(text);
	return text;
}

/** Splits on spaces, keeping `"quoted phrases"` (and `name:"quoted value"`) together. */
function splitWords(text: string): string[] {
	return text.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}
