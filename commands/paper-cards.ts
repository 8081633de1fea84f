import { ApplicationCommandType } from 'discord-api-types/v10';
import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { findPaperKeys } from '../src/corpus/paper.js';
import { messagePapersReply } from '../src/replies/paper-replies.js';
import type { Command } from './index.js';

export const data = {
	name: 'Paper cards',
	type: ApplicationCommandType.Message,
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/**
 * Cards for the arXiv ids, DOIs and links in a message's text, privately, with an "Add to corpus" button
 * for each paper not in the corpus when the asker may add papers.
 */
export default {
	data,
	execute: (input, { index, curation }) => messagePapersReply(findPaperKeys(input.options.message), index, input, curation),
} satisfies Command<typeof data>;
