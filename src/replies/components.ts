import type { Curation } from '../arxiv/curation.js';
import { threadName } from '../cards/index.js';
import type { PaperIndex } from '../search/paper-index.js';
import { answer } from '../interaction/answer.js';
import type { Asker } from '../interaction/command.js';
import type { ComponentAction } from '../interaction/custom-ids.js';
import { addPaperReply, privateCard, publicCard, quoteUserText, requirePaper, searchPage } from './paper-replies.js';
import { feedCardReply } from '../messages/feed-messages.js';
import type { Paper } from '../corpus/paper.js';
import { getPaper } from '../search/paper-index.js';
import { queryFromPageArgument } from '../interaction/query-keys.js';
import type { Surface } from '../interaction/spelling.js';
import { errorReply, privateText, UserError, type Reply } from '../interaction/reply.js';

/** What buttons and menus need: the index in service and, where papers can be added, the curation. */
export interface ComponentContext {
	readonly index: PaperIndex;
	readonly surface?: Surface;
	readonly curation?: Curation;
	/** A paper an arXiv feed post listed, as the feed described it; null when unknown. */
	readonly feedPaper?: (id: string) => Paper | null;
	/**
	 * Teaches the guild's feed: a feed paper the lab took up (`own`), or one marked Not for us
	 * (`dismissed`, toggled). Returns whether the paper is so marked now.
	 */
	readonly teachFeed?: (guildId: string, paper: Paper, lesson: FeedLesson) => boolean;
}

/** What a press on a feed paper's card teaches the feed. */
export type FeedLesson = 'own' | 'dismissed';

/** A paper a feed post listed: the corpus's record once added, else the feed's. */
function requireFeedPaper(context: ComponentContext, id: string): Paper {
	const paper = getPaper(context.index, id) ?? context.feedPaper?.(id) ?? null;
	if (!paper)
		throw new UserError(`arXiv:${quoteUserText(id.slice(0, 40))} is no longer known here; find it with \`/paper add\` or on arxiv.org.`);
	return paper;
}

/** How the bot should answer a button or menu click. */
export interface ComponentAnswer {
	reply: Reply;
	/** Replace the clicked message (paging) instead of answering with a new one. */
	update: boolean;
}

/** Adding asks arXiv or Crossref, which can take longer than the 3 s Discord waits for an answer. */
export function componentDeferred(action: ComponentAction | null): boolean {
	return action?.kind === 'add';
}

/**
 * Answers a click on one of paperbot's buttons or menus from its decoded custom id alone
 * (`decodeCustomId`), so components keep working after a restart. Discuss answers with the thread
 * to start from the clicked message (`reply.thread`) and the private note to send once it is.
 */
export async function answerComponent(
	action: ComponentAction | null,
	values: readonly string[],
	context: ComponentContext,
	asker: Asker,
	onFault: (error: unknown) => void,
): Promise<ComponentAnswer> {
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
				return { ...privateText('Thread started.'), thread: { name: threadName(requireFeedPaper(context, action.id)) } };
			case 'feed': {
				const paper = requireFeedPaper(context, values[0] ?? '');
				return feedCardReply(paper, { inCorpus: getPaper(context.index, paper.id) !== null, mayAdd: !!context.curation?.mayAdd(asker) });
			}
			case 'feed-share': {
				const paper = requireFeedPaper(context, action.id);
				if (asker.guildId) context.teachFeed?.(asker.guildId, paper, 'own');
				const card = publicCard(paper);
				return { ...card, message: { ...card.message, content: `Shared by <@${asker.user.id}>` } };
			}
			case 'feed-discuss': {
				const paper = requireFeedPaper(context, action.id);
				if (asker.guildId) context.teachFeed?.(asker.guildId, paper, 'own');
				const card = publicCard(paper);
				return {
					...card,
					message: { ...card.message, content: `Discussion started by <@${asker.user.id}>` },
					thread: { name: threadName(paper) },
				};
			}
			case 'feed-dismiss': {
				const paper = requireFeedPaper(context, action.id);
				if (!asker.guildId || !context.teachFeed) throw new UserError('Not for us teaches a server’s arXiv feed: press it in the server.');
				return context.teachFeed(asker.guildId, paper, 'dismissed')
					? privateText('Marked Not for us: papers like it rank lower in later feeds. Press again to undo.')
					: privateText('Not for us taken back: papers like it rank as before.');
			}
		}
	}, onFault);
	return { reply, update: action.kind === 'page' };
}
