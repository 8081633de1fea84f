import { PermissionFlagsBits } from 'discord.js';
import type {
	APIActionRowComponent,
	APIApplicationCommandOptionChoice,
	APIComponentInMessageActionRow,
	APIEmbed,
	RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ScheduleService } from '../src/discord/schedule-service.js';
import type { AddedPapers } from '../src/arxiv/add-papers.js';
import type { PaperIndex } from '../src/search/paper-index.js';

/** Discord's "only you can see this" message flag. */
export const EPHEMERAL_FLAG = 64;

/**
 * A message exactly as Discord receives it in an interaction response. Mentions are never parsed
 * from anything paperbot posts, so a title or query holding `@everyone` stays text.
 */
export interface MessagePayload {
	content?: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIComponentInMessageActionRow>[];
	allowed_mentions: { parse: []; users?: string[] };
	flags?: number;
}

/** What a command answers; the bot sends it to Discord, the console prints it. */
export interface Reply {
	message: MessagePayload;
	/** A public thread to start from the posted message, with an optional first message. */
	thread?: { name: string; firstMessage?: string };
	/** The reply reports a problem (the CLI then exits 1). */
	isError?: boolean;
	/** For a public reply to a deferred command: what the asker's private "thinking…" message becomes. */
	privateNote?: string;
}

/** An invocation, from Discord or the console: the subcommand and its option values. */
export interface CommandInput {
	/** The subcommand group, e.g. `topic` in `/paperbot topic add`. */
	subcommandGroup?: string;
	subcommand?: string;
	options: Readonly<Record<string, string | number | boolean | undefined>>;
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

/** Where a command is asked: answers name commands the way that place spells them. */
export type Surface = 'discord' | 'console' | 'cli';

/** What every handler may use. */
export interface CommandContext {
	/** Where the command was asked; Discord when absent. */
	readonly surface?: Surface;
	/** The corpus index in service; read once per call, as a reload replaces it whole. */
	readonly index: PaperIndex;
	/** Source of randomness for `/paper random` (seedable in tests). */
	readonly random: () => number;
	/** Adding papers from arXiv; absent where the corpus cannot be written, where adding refuses. */
	readonly curation?: Curation;
	/** Paper of the day, digests and their settings; absent in the console, where those commands refuse. */
	readonly schedule?: ScheduleService;
}

/**
 * One slash or context-menu command: its registration JSON and its handler. Handlers are plain
 * functions of their input; they never touch Discord, so the console and the tests call them
 * directly.
 */
export interface Command {
	data: RESTPostAPIApplicationCommandsJSONBody;
	execute(input: CommandInput, context: CommandContext): Reply | Promise<Reply>;
	/**
	 * True when answering `input` may take longer than Discord's 3 s: the bot then acknowledges at
	 * once, privately, and sends the reply when it is ready.
	 */
	deferred?(input: CommandInput): boolean;
	/** Choices for the focused option as the user types. */
	autocomplete?(option: { name: string; value: string }, context: CommandContext): APIApplicationCommandOptionChoice<string>[];
}

/** Adding papers to the corpus, where it can be written. */
export interface Curation {
	/** Looks papers up on arXiv by id or link, appends them to the corpus and reloads it; progress after each request. */
	addPapers(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<AddedPapers>;
	/** Whether the asker may add papers: on Discord, Manage Server or the curator role. */
	mayAdd(input: Pick<CommandInput, 'memberPermissions' | 'memberRoles'>): boolean;
}

/** Whether a member's permission bits include Manage Server (Administrator implies it). */
export function mayManageServer(permissions: bigint | undefined): boolean {
	return permissions !== undefined && (permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/** A problem with the user's input: shown to them privately, not logged as a fault. */
export class UserError extends Error {
	override name = 'UserError';
}

/** A text option's value, or '' when it was not given. */
export function textOption(input: CommandInput, name: string): string {
	const value = input.options[name];
	return typeof value === 'string' ? value : '';
}

/** A short private text answer. */
export function privateText(content: string): Reply {
	return privateReply({ content, embeds: [], components: [] });
}

/** A reply only the person who asked can see. */
export function privateReply(message: Omit<MessagePayload, 'allowed_mentions' | 'flags'>): Reply {
	return { message: { ...message, allowed_mentions: { parse: [] }, flags: EPHEMERAL_FLAG } };
}

/** A reply posted in the channel for everyone. */
export function publicReply(message: Omit<MessagePayload, 'allowed_mentions' | 'flags'>, thread?: Reply['thread']): Reply {
	return { message: { ...message, allowed_mentions: { parse: [] } }, ...(thread ? { thread } : {}) };
}

/** The short private answer to a user's mistake or an internal fault. */
export function errorReply(text: string): Reply {
	return { ...privateText(text), isError: true };
}
