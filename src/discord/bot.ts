import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import type { ButtonInteraction, Interaction, InteractionReplyOptions, RepliableInteraction } from 'discord.js';
import { answer, FAULT_MESSAGE } from '../interaction/answer.js';
import type { CommandInput, ServedCommand } from '../interaction/command.js';
import { answerComponent, componentDeferred, type ComponentContext } from '../replies/components.js';
import { EPHEMERAL_FLAG, errorReply, UserError, type Reply } from '../interaction/reply.js';
import { decodeCustomId, type ComponentAction } from '../interaction/custom-ids.js';
import { ACTION_PERMISSIONS, DiscordRefusal, missingPermissions, type BotPermission } from '../interaction/refusal.js';
import { commandsRoute, registerCommands } from './registration.js';
import { refusing } from './refusals.js';
import { answerUnreadInteractions } from './unread-interactions.js';
import { postOncePerPaper } from './paper-posts.js';
import type { Logger } from '../log.js';

/** Discord's error for a second thread from the same message. */
const THREAD_ALREADY_CREATED = 160004;

export interface BotOptions<Context extends ComponentContext> {
	token: string;
	/** Discord REST base without the version (the gateway address is read from it). */
	apiUrl: string;
	guildId?: string;
	/** The commands to register and answer. */
	commands: readonly ServedCommand<Context>[];
	/** What handlers receive, read afresh for every interaction. */
	context: () => Context;
	log: Logger;
}

/** What routing an interaction needs. */
interface Routing<Context extends ComponentContext> {
	commands: readonly ServedCommand<Context>[];
	context: Context;
	onFault: (error: unknown) => void;
}

/**
 * Connects to Discord with only the Guilds intent, registers the commands when they changed,
 * and routes every interaction to its command. Resolves once the client is ready.
 */
export async function startBot<Context extends ComponentContext>({
	token,
	apiUrl,
	guildId,
	commands,
	context,
	log,
}: BotOptions<Context>): Promise<Client<true>> {
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl }, allowedMentions: { parse: [] } });
	client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, commands, context, log));
	answerUnreadInteractions(client, log);
	client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
	client.on(Events.ShardResume, () => log.info('gateway session resumed'));
	const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
	await client.login(token);
	const readyClient = await ready;
	const route = commandsRoute(readyClient.application.id, guildId);
	const changed = await registerCommands(
		client.rest,
		route,
		commands.map((command) => command.data),
	);
	log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, commandsUpdated: changed }, 'connected to Discord');
	return readyClient;
}

async function handleInteraction<Context extends ComponentContext>(
	interaction: Interaction,
	commands: readonly ServedCommand<Context>[],
	context: () => Context,
	log: Logger,
): Promise<void> {
	const started = performance.now();
	const name = describe(interaction);
	let outcome = 'answered';
	try {
		const onFault = (error: unknown) => log.error({ err: error, interaction: interaction.id, command: name }, 'command failed');
		outcome = await route(interaction, { commands, context: context(), onFault });
	} catch (error) {
		const refused = error instanceof DiscordRefusal;
		outcome = refused ? 'refused by Discord' : 'failed';
		if (refused)
			log.warn(
				{ code: error.code, channel: error.channelId, missing: error.missing, interaction: interaction.id, command: name },
				`Discord refused: ${error.message}`,
			);
		else log.error({ err: error, interaction: interaction.id, command: name }, 'could not answer interaction');
		if (refused && interaction.isRepliable() && interaction.deferred)
			// The private note said the post was coming: it becomes what happened instead.
			await interaction.editReply({ content: error.message, embeds: [], components: [] }).catch(() => undefined);
		else if (interaction.isRepliable()) await send(interaction, errorReply(refused ? error.message : FAULT_MESSAGE)).catch(() => undefined);
	}
	log.info(
		{ interaction: interaction.id, command: name, user: interaction.user.id, durationMs: Math.round(performance.now() - started), outcome },
		'interaction',
	);
}

/** Answers one interaction; returns its outcome for the log line. */
async function route<Context extends ComponentContext>(
	interaction: Interaction,
	{ commands, context, onFault }: Routing<Context>,
): Promise<string> {
	if (interaction.isAutocomplete()) {
		const command = commands.find((candidate) => candidate.data.name === interaction.commandName);
		const focused = interaction.options.getFocused(true);
		const option = { name: focused.name, value: String(focused.value), subcommand: interaction.options.getSubcommand(false) ?? undefined };
		await interaction.respond(command?.autocomplete?.(option, context, commandInput(interaction)) ?? []);
		return 'suggested';
	}
	if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
		const command = commands.find((candidate) => candidate.data.name === interaction.commandName);
		const input = commandInput(interaction);
		if (command?.deferred?.(input)) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const reply = await answer(() => {
			if (!command) throw new UserError('This command is not known to this version of paperbot.');
			return command.execute(input, context);
		}, onFault);
		const sent = await send(interaction, reply);
		return reply.isError || !sent ? 'refused' : 'answered';
	}
	if (interaction.isMessageComponent()) {
		const action = decodeCustomId(interaction.customId);
		if (action?.kind === 'discuss' && interaction.isButton()) return discuss(interaction, action, context, onFault);
		const ownerId = interaction.message.interactionMetadata?.user.id;
		if (interaction.message.flags.has(MessageFlags.Ephemeral) && ownerId && ownerId !== interaction.user.id) {
			await send(interaction, errorReply('These results belong to someone else: run /paper search yourself.'));
			return 'refused';
		}
		const values = interaction.isStringSelectMenu() ? interaction.values : [];
		if (componentDeferred(action)) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { reply, update } = await answerComponent(action, values, context, commandInput(interaction), onFault);
		const { paperPost } = reply;
		if (paperPost && !reply.isError && context.paperPosts && interaction.inGuild())
			return postOncePerPaper(interaction, { ...reply, paperPost }, context.paperPosts, send);
		if (update && !reply.isError) await interaction.update({ ...toDiscord(reply), flags: undefined });
		else if (!(await send(interaction, reply))) return 'refused';
		return reply.isError ? 'refused' : 'answered';
	}
	return 'ignored';
}

function commandInput(interaction: Interaction): CommandInput {
	const roles = interaction.member?.roles;
	const base = {
		user: { id: interaction.user.id, name: interaction.user.displayName },
		guildId: interaction.guildId ?? undefined,
		channelId: interaction.channelId ?? undefined,
		memberPermissions: interaction.memberPermissions?.bitfield,
		memberRoles: Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : undefined,
	};
	if (interaction.isMessageContextMenuCommand()) {
		const message = interaction.targetMessage;
		const text = [message.content, ...message.embeds.flatMap((embed) => [embed.url, embed.title, embed.description])]
			.filter(Boolean)
			.join('\n');
		return { ...base, options: { message: text } };
	}
	if (!interaction.isChatInputCommand()) return { ...base, options: {} };
	const subcommandGroup = interaction.options.getSubcommandGroup(false) ?? undefined;
	const subcommand = interaction.options.getSubcommand(false) ?? undefined;
	const top = interaction.options.data[0];
	const data = subcommandGroup ? (top?.options?.[0]?.options ?? []) : subcommand ? (top?.options ?? []) : interaction.options.data;
	// An attachment option stands for the file's address, which the command downloads.
	const options = Object.fromEntries(data.map((option) => [option.name, option.attachment?.url ?? option.value ?? option.channel?.id]));
	return { ...base, ...(subcommandGroup ? { subcommandGroup } : {}), subcommand, options };
}

function toDiscord(reply: Reply) {
	const { content, embeds, components, flags } = reply.message;
	return {
		content: content ?? '',
		embeds,
		components,
		allowedMentions: { parse: [] },
		flags: flags === EPHEMERAL_FLAG ? MessageFlags.Ephemeral : undefined,
	} satisfies InteractionReplyOptions;
}

/** The bot's permissions in the interaction's channel, as Discord sent them with it; undefined outside a server. */
function heldPermissions(interaction: Interaction): bigint | undefined {
	return interaction.inGuild() ? interaction.appPermissions.bitfield : undefined;
}

/** The permissions a reply's thread needs that the bot lacks in the interaction's channel. */
function missingForThread(interaction: Interaction, reply: Reply): BotPermission[] {
	if (!interaction.inGuild()) return [];
	const needed = [...ACTION_PERMISSIONS['start a thread'], ...(reply.thread?.firstMessage ? ACTION_PERMISSIONS['post in the thread'] : [])];
	return missingPermissions(heldPermissions(interaction), needed);
}

/**
 * Sends a reply, then starts its thread (with the note inside) when it asks for one. A thread the
 * bot may not start is refused before anything is posted (and the result is false); Discord
 * refusing a step after the post throws a DiscordRefusal that says what was done. `onPosted` hears
 * of a public reply's message once it is posted, and again once its thread is started.
 */
async function send(
	interaction: RepliableInteraction,
	reply: Reply,
	onPosted?: (messageId: string, withThread: boolean) => void,
): Promise<boolean> {
	const payload = toDiscord(reply);
	const where = { channelId: interaction.channelId ?? '', held: heldPermissions(interaction) };
	if (interaction.deferred && !interaction.replied) {
		// Deferrals are private: a private answer fills the "thinking…" message, a public one follows a private note.
		const { flags, ...edit } = payload;
		if (flags === MessageFlags.Ephemeral) {
			await interaction.editReply(edit);
			return true;
		}
		await interaction.editReply({ content: reply.privateNote ?? 'Done.', embeds: [], components: [] });
		await refusing(() => interaction.followUp(payload), { ...where, action: 'post', done: reply.done });
		return true;
	}
	if (interaction.deferred || interaction.replied) {
		await interaction.followUp(payload);
		return true;
	}
	if (!reply.thread) {
		if (!onPosted) await interaction.reply(payload);
		else {
			const response = await interaction.reply({ ...payload, withResponse: true });
			if (response.resource?.message) onPosted(response.resource.message.id, false);
		}
		return true;
	}
	const missing = missingForThread(interaction, reply);
	if (missing.length > 0) {
		const refusal = new DiscordRefusal(0, 'start a thread', where.channelId, missing);
		await interaction.reply(toDiscord(errorReply(`${refusal.message} Nothing was posted.`)));
		return false;
	}
	const response = await interaction.reply({ ...payload, withResponse: true });
	const message = response.resource?.message;
	if (!message) throw new Error('Discord did not return the posted message, so no thread was started');
	onPosted?.(message.id, false);
	const done = 'I posted the card';
	const { name, firstMessage: note } = reply.thread;
	const thread = await refusing(() => message.startThread({ name }), { ...where, action: 'start a thread', done });
	onPosted?.(message.id, true);
	if (note)
		await refusing(() => thread.send({ content: note, allowedMentions: { parse: [] } }), {
			...where,
			action: 'post in the thread',
			done: `${done} and started <#${thread.id}>`,
		});
	return true;
}

/** Discuss: a thread from the card's message; a second click points to the thread already there. */
async function discuss(
	interaction: ButtonInteraction,
	action: ComponentAction,
	context: ComponentContext,
	onFault: (error: unknown) => void,
): Promise<string> {
	const { reply } = await answerComponent(action, [], context, commandInput(interaction), onFault);
	if (!reply.thread) {
		await send(interaction, reply);
		return 'refused';
	}
	// A message's thread has the message's id, and a message can have only one.
	const existing = errorReply(`The discussion is already here: <#${interaction.message.id}>`);
	if (interaction.message.hasThread) {
		await send(interaction, existing);
		return 'existing thread';
	}
	const channelId = interaction.channelId;
	const missing = missingForThread(interaction, reply);
	if (missing.length > 0) {
		await send(interaction, errorReply(`${new DiscordRefusal(0, 'start a thread', channelId, missing).message} Nothing was started.`));
		return 'refused';
	}
	const name = reply.thread.name;
	try {
		const started = await refusing(() => interaction.message.startThread({ name }), {
			action: 'start a thread',
			channelId,
			held: heldPermissions(interaction),
		});
		if (interaction.inGuild()) context.paperPosts?.threadStarted(interaction.guildId, interaction.message.id);
		await send(interaction, { message: { ...reply.message, content: `Thread started: <#${started.id}>` } });
		return 'thread started';
	} catch (error) {
		if (!(error instanceof DiscordRefusal) || error.code !== THREAD_ALREADY_CREATED) throw error;
		await send(interaction, existing);
		return 'existing thread';
	}
}

function describe(interaction: Interaction): string {
	if (interaction.isChatInputCommand())
		return [interaction.commandName, interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)]
			.filter(Boolean)
			.join(' ');
	if (interaction.isCommand() || interaction.isAutocomplete()) return interaction.commandName;
	if (interaction.isMessageComponent()) return `component ${interaction.customId.split(':')[0]}`;
	return `interaction type ${interaction.type}`;
}
