import { Events, InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord.js';
import type { Client } from 'discord.js';
import type { Logger } from '../log.js';

/** What a person sees when Discord sent paperbot an interaction it could not read. */
export const UNREAD_INTERACTION_MESSAGE = 'paperbot could not read that request from Discord; please try again.';

interface RawPacket {
	t?: string | null;
	d?: unknown;
}

/**
 * The callback for an interaction paperbot could not read: an empty choice list for autocomplete,
 * a private note for anything else that can be answered, null for what cannot be.
 */
function unreadInteractionCallback(type: unknown): Record<string, unknown> | null {
	if (type === InteractionType.ApplicationCommandAutocomplete) {
		return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
	}
	const repliable: unknown[] = [InteractionType.ApplicationCommand, InteractionType.MessageComponent, InteractionType.ModalSubmit];
	if (!repliable.includes(type)) return null;
	return {
		type: InteractionResponseType.ChannelMessageWithSource,
		data: { content: UNREAD_INTERACTION_MESSAGE, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
	};
}

/**
 * Answers the interactions discord.js drops or throws on (a payload without `data`, say), which
 * would otherwise show "This interaction failed". discord.js turns a dispatch into an
 * InteractionCreate event synchronously, so one that has not appeared by the next turn never will.
 */
export function answerUnreadInteractions(client: Client, log: Logger): void {
	const read = new Set<string>();
	client.on(Events.InteractionCreate, (interaction) => read.add(interaction.id));
	client.on(Events.Raw, (packet: RawPacket) => {
		if (packet.t !== 'INTERACTION_CREATE' || !client.isReady()) return;
		const { id, token, type } = (packet.d ?? {}) as { id?: unknown; token?: unknown; type?: unknown };
		if (typeof id !== 'string' || typeof token !== 'string') return;
		setImmediate(() => {
			if (read.delete(id)) return;
			const body = unreadInteractionCallback(type);
			log.warn({ interaction: id, type }, 'could not read interaction');
			if (!body) return;
			client.rest
				.post(Routes.interactionCallback(id, token), { body, auth: false })
				.catch((error: unknown) => log.error({ err: error, interaction: id }, 'could not answer an unread interaction'));
		});
	});
}
