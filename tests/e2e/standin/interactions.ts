import { randomBytes } from 'node:crypto';
import type { APIAttachment, APIMessage, APIUser } from 'discord.js';
import { nextSnowflake } from './store.js';
import { botPermissions, MEMBER_PERMISSIONS, type World } from './world.js';

/** A value a user can give a slash command option. */
export type OptionValue = string | number | boolean;

/**
 * What a test says about an interaction; the stand-in fills in the rest (ids, token, guild,
 * channel, member, locale...) to make a full INTERACTION_CREATE payload.
 */
export interface InteractionInput {
	/** 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
	type: 2 | 3 | 4 | 5;
	data: Record<string, unknown>;
	/** For components: the message the button or menu is on. Left out, the stand-in finds the newest message carrying `data.custom_id`. */
	message?: APIMessage;
	/** Who acts; fields given replace those of the default lab member. */
	user?: Partial<APIUser>;
	/** Where; the guild's text channel when left out. */
	channelId?: string;
	/** The member's permissions as a decimal string. */
	permissions?: string;
	locale?: string;
}

interface CommandOption {
	name: string;
	type: number;
	value?: OptionValue;
	focused?: boolean;
	options?: CommandOption[];
}

function optionType(value: OptionValue): number {
	if (typeof value === 'boolean') return 5;
	if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
	return 3;
}

function commandOptions(subcommand: string | null, values: Record<string, OptionValue>, focused?: string): CommandOption[] {
	const options = Object.entries(values).map(
		([name, value]): CommandOption => ({
			name,
			type: optionType(value),
			value,
			...(name === focused ? { focused: true } : {}),
		}),
	);
	return subcommand === null ? options : [{ name: subcommand, type: 1, options }];
}

/**
 * A chat-input command: `slashCommand('paper', 'search', { query: 'x' })` or `slashCommand('help')`.
 * Option types are guessed from the values (string 3, integer 4, other number 10, boolean 5) and
 * corrected from the registered command when there is one.
 */
export function slashCommand(name: string, subcommand?: string | null, options: Record<string, OptionValue> = {}): InteractionInput {
	return { type: 2, data: { name, type: 1, options: commandOptions(subcommand ?? null, options) } };
}

/** An autocomplete request (type 4): `focused` names the option being typed; its value is the text so far. */
export function autocomplete(
	name: string,
	subcommand: string | null,
	options: Record<string, OptionValue>,
	focused: string,
): InteractionInput {
	return { type: 4, data: { name, type: 1, options: commandOptions(subcommand, options, focused) } };
}

/** A button click (type 3, component type 2). */
export function button(customId: string, message?: APIMessage): InteractionInput {
	return { type: 3, data: { custom_id: customId, component_type: 2 }, ...(message ? { message } : {}) };
}

/** A string select menu choice (type 3, component type 3). */
export function selectMenu(customId: string, values: string[], message?: APIMessage): InteractionInput {
	return { type: 3, data: { custom_id: customId, component_type: 3, values }, ...(message ? { message } : {}) };
}

/** A message context-menu command (type 2, data.type 3) on `message`, which arrives in `resolved.messages`. */
export function messageCommand(name: string, message: APIMessage): InteractionInput {
	return { type: 2, data: { name, type: 3, target_id: message.id, resolved: { messages: { [message.id]: message } } } };
}

function registeredCommand(
	world: World,
	name: unknown,
	type: unknown,
): { command: Record<string, unknown>; guildId: string | null } | null {
	for (const [scope, commands] of world.commands) {
		const command = commands.find((candidate) => candidate.name === name && (candidate.type ?? 1) === (type ?? 1));
		if (command) return { command, guildId: scope === 'global' ? null : scope };
	}
	return null;
}

/** Gives each option the type the registered definition declares; a focused option's value stays text. */
function typedOptions(options: CommandOption[], definitions: unknown): CommandOption[] {
	const declared = Array.isArray(definitions) ? (definitions as CommandOption[]) : [];
	return options.map((option) => {
		const definition = declared.find((candidate) => candidate.name === option.name);
		if (!definition) return option;
		const nested = option.options ? { options: typedOptions(option.options, definition.options) } : {};
		return { ...option, type: definition.type, ...nested };
	});
}

/** The files that attachment options (type 11) name by id, as Discord resolves them in `data.resolved.attachments`. */
function attachmentsOf(world: World, options: CommandOption[]): APIAttachment[] {
	return options.flatMap((option) => {
		if (option.options) return attachmentsOf(world, option.options);
		const stored = option.type === 11 ? world.attachments.get(String(option.value)) : undefined;
		return stored ? [stored.attachment] : [];
	});
}

/** Completes the command fields (`id`, `guild_id`, option types) from the registered command. */
function commandData(world: World, data: Record<string, unknown>): Record<string, unknown> {
	const registered = registeredCommand(world, data.name, data.type);
	if (!registered) return { id: nextSnowflake(), ...data };
	const options = Array.isArray(data.options) ? { options: typedOptions(data.options as CommandOption[], registered.command.options) } : {};
	const attachments = attachmentsOf(world, options.options ?? []);
	return {
		...data,
		id: registered.command.id,
		...(registered.guildId ? { guild_id: registered.guildId } : {}),
		...options,
		...(attachments.length ? { resolved: { attachments: Object.fromEntries(attachments.map((file) => [file.id, file])) } } : {}),
	};
}

/** The newest message (ephemeral ones included) that carries a component with this custom id. */
export function messageWithCustomId(world: World, customId: string): APIMessage | null {
	const messages = [...world.messagesById.values()].reverse();
	return messages.find((message) => JSON.stringify(message.components ?? []).includes(JSON.stringify(customId))) ?? null;
}

/** The full INTERACTION_CREATE payload for an input, with a fresh id and token. */
export function buildInteraction(world: World, input: InteractionInput): Record<string, unknown> {
	const channelId = input.channelId ?? world.channelId;
	const stored = world.channels.get(channelId);
	if (!stored) throw new Error(`discord-standin: no channel ${channelId} to send an interaction in`);
	const user = { ...world.memberUser, ...input.user };
	const permissions = input.permissions ?? MEMBER_PERMISSIONS;
	const isCommand = input.type === 2 || input.type === 4;
	const data = isCommand ? commandData(world, input.data) : input.data;
	const customId = typeof input.data.custom_id === 'string' ? input.data.custom_id : null;
	const message = input.message ?? (input.type === 3 && customId ? messageWithCustomId(world, customId) : null);
	if (input.type === 3 && !message) {
		throw new Error(`discord-standin: no message carries a component with custom_id ${JSON.stringify(customId)}`);
	}
	return {
		id: nextSnowflake(),
		application_id: world.applicationId,
		type: input.type,
		data,
		guild_id: world.guildId,
		guild: { id: world.guildId, locale: 'en-US', features: [] },
		channel: { ...stored.channel, permissions },
		channel_id: channelId,
		member: {
			user,
			roles: [],
			premium_since: null,
			permissions,
			pending: false,
			nick: null,
			mute: false,
			deaf: false,
			joined_at: new Date(0).toISOString(),
			flags: 0,
			avatar: null,
			communication_disabled_until: null,
		},
		token: randomBytes(48).toString('base64url'),
		version: 1,
		app_permissions: botPermissions(world, channelId).toString(),
		locale: input.locale ?? 'en-US',
		guild_locale: 'en-US',
		entitlements: [],
		authorizing_integration_owners: { '0': world.guildId },
		context: 0,
		attachment_size_limit: 10_485_760,
		// A snapshot: later edits to the stored message must not change what this interaction saw.
		...(message ? { message: structuredClone(message) } : {}),
	};
}
