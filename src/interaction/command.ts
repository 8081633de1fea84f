import type {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	APIApplicationCommandOptionChoice,
	RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Reply } from './reply.js';

/** Who asked and where: the same for every command. */
export interface Asker {
	/** Who asked: the thread note of `/paper share` is attributed to them. */
	user: { id: string; name: string };
	/** Where it was asked; absent in the console and in DMs. */
	guildId?: string;
	channelId?: string;
	/** The member's permissions in that channel (Discord's bit set), for admin commands. */
	memberPermissions?: bigint;
	/** The member's role ids, e.g. for CURATOR_ROLE_ID. */
	memberRoles?: readonly string[];
}

/** An option value as Discord delivers it: text, a number, a flag, or the id of a channel, user or role. */
export type OptionValue = string | number | boolean;

/** An invocation, from Discord or the console, before it is matched to its command's definition. */
export interface CommandInput extends Asker {
	/** The subcommand group, e.g. `topic` in `/paperbot topic add`. */
	subcommandGroup?: string;
	subcommand?: string;
	options: Readonly<Record<string, OptionValue | undefined>>;
}

/** The shape of an option in a command's registration JSON, as far as typing its value needs. */
interface OptionShape {
	readonly type: ApplicationCommandOptionType;
	readonly name: string;
	readonly required?: boolean;
	readonly options?: readonly OptionShape[];
}

type ValueOf<Option> = Option extends { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
	? number
	: Option extends { type: ApplicationCommandOptionType.Boolean }
		? boolean
		: string;

/** Option values by name: required options always present, the others possibly undefined. */
type ValuesOf<Options> = Options extends readonly OptionShape[]
	? {
			readonly [Option in Options[number] as Option['name']]: Option extends { required: true }
				? ValueOf<Option>
				: ValueOf<Option> | undefined;
		}
	: Record<never, never>;

type SubcommandInvocation<Option, Group> = Option extends { type: ApplicationCommandOptionType.Subcommand; name: infer Name }
	? { subcommandGroup: Group; subcommand: Name; options: ValuesOf<Option extends { options: infer Options } ? Options : []> }
	: never;

type GroupInvocation<Option> = Option extends {
	type: ApplicationCommandOptionType.SubcommandGroup;
	name: infer Group;
	options: readonly (infer Sub)[];
}
	? SubcommandInvocation<Sub, Group>
	: SubcommandInvocation<Option, undefined>;

/**
 * What a command's handler receives, typed from its registration JSON (declared `as const`): one
 * variant per subcommand, with each option's value typed, so a renamed option is a type error.
 * A message command receives the message's text as `options.message`.
 */
export type InvocationOf<Definition> = Asker &
	(Definition extends { type: ApplicationCommandType.Message }
		? { subcommandGroup?: undefined; subcommand?: undefined; options: { readonly message: string } }
		: Definition extends { options: readonly (infer Option)[] }
			? Option extends { type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup }
				? GroupInvocation<Option>
				: { subcommandGroup?: undefined; subcommand?: undefined; options: ValuesOf<Definition['options']> }
			: { subcommandGroup?: undefined; subcommand?: undefined; options: Record<never, never> });

/** What the bot and the console need of a command: its registration JSON and handlers of any invocation. */
export interface ServedCommand<Context> {
	data: RESTPostAPIApplicationCommandsJSONBody;
	execute(input: CommandInput, context: Context): Reply | Promise<Reply>;
	/**
	 * True when answering `input` may take longer than Discord's 3 s: the bot then acknowledges at
	 * once, privately, and sends the reply when it is ready.
	 */
	deferred?(input: CommandInput): boolean;
	/** Choices for the focused option of `subcommand` as `asker` types. */
	autocomplete?(
		option: { name: string; value: string; subcommand?: string | undefined },
		context: Context,
		asker: Asker,
	): APIApplicationCommandOptionChoice<string>[];
}

/**
 * A command as its module declares it: handlers receive the invocation typed from `data`. Discord
 * (and the console's parser) deliver only what the definition allows, which is why the bot may
 * route any {@link CommandInput} to it as a {@link ServedCommand}.
 */
export interface TypedCommand<Context, Definition extends RESTPostAPIApplicationCommandsJSONBody> extends ServedCommand<Context> {
	data: Definition;
	execute(input: InvocationOf<Definition>, context: Context): Reply | Promise<Reply>;
	deferred?(input: InvocationOf<Definition>): boolean;
}
