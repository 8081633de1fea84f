import type { ComponentAction } from '../src/discord/custom-ids.js';
import { queryFromPageArgument } from '../src/discord/query-keys.js';
import { answer } from '../src/discord/answer.js';
import { errorReply, privateText, UserError } from './index.js';
import type { CommandContext, CommandInput, Reply } from './index.js';
import { addPaperReply } from './add.js';
import { threadName } from '../src/cards/index.js';
import { privateCard, publicCard, requirePaper, searchPage } from './paper.js';

/** How the bot should answer a button or menu click. */
export interface ComponentAnswer {
	reply: Reply;
	/** Replace the clicked message (paging) instead of answering with a new one. */
	update: boolean;
}

/** Adding asks arXiv, which can take longer than the 3 s Discord waits for an answer. */
export function componentDeferred(action: ComponentAction | null): boolean {
	return action?.kind === 'add';
}

/**
 * Answers a click on one of paperbot's buttons or menus from its decoded custom id alone
 * (`decodeCustomId`), so components keep working after a restart. Discuss answers with the thread
 * to start from the clicked message (`reply.thread`) and the private note to send once it is.
 */
export async function answerComponent(action: ComponentAction | null, values: readonly string[], context: CommandContext, user: { id: string }, onFault: (error: unknown) => void, member: Pick<CommandInput, 'memberPermissions' | 'memberRoles'> = {}): Promise<ComponentAnswer> {
	if (!action) return { reply: errorReply('This button belongs to an older version of paperbot: run the command again.'), update: false };
	const reply = await answer(() => {
		switch (action.kind) {
			case 'page': {
				const query = queryFromPageArgument(action.query);
				if (query === undefined) throw new UserError('These results have expired: run /paper search again.');
				return searchPage(query, action.page, context);
			}
			case 'open':
				return privateCard(requirePaper(context, values[0] ?? ''));
			case 'share': {
				const shared = publicCard(requirePaper(context, action.id));
				return { ...shared, message: { ...shared.message, content: `Shared by <@${user.id}>` } };
			}
			case 'add':
				return addPaperReply(action.id, { user, ...member }, context);
			case 'discuss':
				return { ...privateText('Thread started.'), thread: { name: threadName(requirePaper(context, action.id)) } };
		}
	}, onFault);
	return { reply, update: action.kind === 'page' };
}
