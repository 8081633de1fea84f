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
import type { NotForUsMarks } from '../store/feed-feedback.js';
import type { PaperPostStore } from '../store/paper-posts.js';

/** What buttons and menus need: the index in service and, where papers can be added, the curation. */
export interface ComponentContext {
	readonly index: PaperIndex;
	readonly surface?: Surface;
	readonly curation?: Curation;
	/** A paper an arXiv feed post listed, as the feed described it; null when unknown. */
	readonly feedPaper?: (id: string) => Paper | null;
	/** Teaches the guild's feed that the lab took up a feed paper (shared or discussed it): it ranks as one of the lab's own. */
	readonly teachFeed?: (guildId: string, paper: Paper) => void;
	/** Puts the member's Not for us mark on a feed paper, or takes it back; other members' marks stay. */
	readonly markNotForUs?: (guildId: string, userId: string, paper: Paper) => NotForUsMarks;
	/** Each server's one public post of a paper from a card's Share or Discuss; absent where paperbot keeps no state. */
	readonly paperPosts?: PaperPostStore;
}

/** What a member's press of Not for us did, in words: their own mark, and how many members' marks are on the paper. */
export function notForUsText({ mine, marks }: NotForUsMarks): string {
	const members = marks === 1 ? '1 member marks it' : `${marks} members mark it`;
	if (mine)
		return `Marked Not for us: ${members} now, and papers like it rank lower in later feeds, the more so the more members mark it. Press again to take your mark back.`;
	if (marks === 0) return 'Your Not for us mark is taken back; no member marks it now, so papers like it rank as before.';
	return `Your Not for us mark is taken back; ${members} still, so papers like it still rank lower.`;
}

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
				const paper = requirePaper(context, action.id);
				const shared = publicCard(paper);
				return { ...shared, message: { ...shared.message, content: `Shared by <@${asker.user.id}>` }, paperPost: paper.id };
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
				if (asker.guildId) context.teachFeed?.(asker.guildId, paper);
				const card = publicCard(paper);
				return { ...card, message: { ...card.message, content: `Shared by <@${asker.user.id}>` }, paperPost: paper.id };
			}
			case 'feed-discuss': {
				const paper = requireFeedPaper(context, action.id);
				if (asker.guildId) context.teachFeed?.(asker.guildId, paper);
				const card = publicCard(paper);
				return {
					...card,
					message: { ...card.message, content: `Discussion started by <@${asker.user.id}>` },
					thread: { name: threadName(paper) },
					paperPost: paper.id,
				};
			}
			case 'feed-dismiss': {
				const paper = requireFeedPaper(context, action.id);
				if (!asker.guildId || !context.markNotForUs)
					throw new UserError('Not for us teaches a server’s arXiv feed: press it in the server.');
				return privateText(notForUsText(context.markNotForUs(asker.guildId, asker.user.id, paper)));
			}
		}
	}, onFault);
	return { reply, update: action.kind === 'page' };
}
