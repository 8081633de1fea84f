import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { buildPaperCard, cardComponents } from '../src/cards/index.js';
import { POTD_HEADING } from '../src/messages/post-messages.js';
import { privateReply, UserError, type Reply } from '../src/interaction/reply.js';
import { requireGuildSchedule } from '../src/replies/schedule-replies.js';
import type { Asker } from '../src/interaction/command.js';
import type { Command, CommandContext } from './index.js';

export const data = {
	name: 'potd',
	description: "Today's paper of the day in this server (only you see it)",
	contexts: [0],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Today's paper of the day in the asker's guild, by the guild's local date: the one that is or will be posted today. */
function execute(input: Asker, context: CommandContext): Reply {
	const { schedule, guildId } = requireGuildSchedule(context.schedule, input);
	const paper = schedule.todaysPaper(guildId);
	if (!paper) throw new UserError('The corpus is empty, so there is no paper of the day.');
	return privateReply({
		embeds: [buildPaperCard(paper, { heading: POTD_HEADING })],
		components: [cardComponents(paper, { share: true, discuss: false })],
	});
}

export default { data, execute } satisfies Command<typeof data>;
