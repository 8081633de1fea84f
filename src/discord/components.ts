import type { Curation } from '../arxiv/curation.js';
import { threadName } from '../cards/index.js';
import type { PaperIndex } from '../search/paper-index.js';
import { answer } from './answer.js';
import type { Asker } from './command.js';
import type { ComponentAction } from './custom-ids.js';
import { addPaperReply, privateCard, publicCard, requirePaper, searchPage } from './paper-replies.js';
import { queryFromPageArgument } from './query-keys.js';
import type { Surface } from './spelling.js';
import { errorReply, privateText, UserError, type Reply } from './reply.js';

/** What buttons and menus need: the index in service and, where papers can be added, the curation. */
export interface ComponentContext {
	readonly index: PaperIndex;
	readonly surface?: Surface;
	readonly curation?: Curation;
}

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
export async function answerComponent(action: ComponentAction | null, values: readonly string[], context: ComponentContext, asker: Asker, onFault: (error: unknown) => void): Promise<ComponentAnswer> {
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
				return { ...shared, message: { ...shared.message, content: `Shared by <@${asker.user.id}>` } };
			}
			case 'add':
				return addPaperReply(action.id, asker, context.curation, context.surface);
			case 'discuss':
				return { ...privateText('Thread started.'), thread: { name: threadName(requirePaper(context, action.id)) } };
		}
	}, onFault);
	return { reply, update: action.kind === 'page' };
}
