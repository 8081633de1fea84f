import type { APIApplicationCommandOption, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

/** One command as a person types it: `/paper search`, `/paperbot feed on`, `/help`, with its own options. */
export interface CommandLeaf {
	/** The words after the slash: `['paperbot', 'feed', 'on']`. */
	path: readonly string[];
	description: string;
	options: readonly APIApplicationCommandOption[];
}

const isBranch = (option: APIApplicationCommandOption) =>
	option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;

/**
 * Every way a command definition can be typed, subcommands and subcommand groups spelled out, in
 * their registered order. A message command (Apps menu) has none: it is not typed.
 */
export function commandLeaves(data: RESTPostAPIApplicationCommandsJSONBody): CommandLeaf[] {
	if ('type' in data && data.type !== undefined && data.type !== 1) return [];
	const options: readonly APIApplicationCommandOption[] = ('options' in data && data.options) || [];
	const walk = (path: string[], description: string, below: readonly APIApplicationCommandOption[]): CommandLeaf[] =>
		below.some(isBranch)
			? below
					.filter(isBranch)
					.flatMap((option) => walk([...path, option.name], option.description, ('options' in option && option.options) || []))
			: [{ path, description, options: below }];
	return walk([data.name], 'description' in data ? data.description : '', options);
}

/**
 * The option a command line fills with its loose words: a `query`, else the first required text
 * option (`id` in `/paper show 2305.00054`).
 */
export function freeOption(options: readonly APIApplicationCommandOption[]): APIApplicationCommandOption | undefined {
	const text = (option: APIApplicationCommandOption) => option.type === ApplicationCommandOptionType.String;
	return (
		options.find((option) => option.name === 'query' && text(option)) ??
		options.find((option) => text(option) && 'required' in option && option.required)
	);
}

/**
 * The options of a leaf as typed after its name: required ones as `name:`, optional ones in
 * brackets (`[note:]`), as Discord shows them; with `freeBare`, the free option as the console
 * and the CLI take it, bare (`<id> [note:]`).
 */
export function optionsUsage(options: readonly APIApplicationCommandOption[], { freeBare = false } = {}): string {
	const free = freeBare ? freeOption(options) : undefined;
	return options
		.map((option) => {
			if (option === free) return `<${option.name}>`;
			return 'required' in option && option.required ? `${option.name}:` : `[${option.name}:]`;
		})
		.join(' ');
}
