import { ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import { buildPaperCard, buildResultsMessage, cardComponents } from '../src/cards/index.js';
import { findArxivIds } from '../src/corpus/paper.js';
import { getPaper } from '../src/search/paper-index.js';
import { addButtonRows } from './add.js';
import { privateReply, textOption, UserError } from './index.js';
import type { Command, CommandContext, CommandInput, Reply } from './index.js';

export const data = {
	name: 'Paper cards',
	type: ApplicationCommandType.Message,
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/**
 * Cards for the arXiv ids and links in a message's text (`options.message`), privately, with an
 * "Add to corpus" button for each paper not in the corpus when the asker may add papers.
 */
function execute(input: CommandInput, context: CommandContext): Reply {
	const { index } = context;
	const text = textOption(input, 'message');
	const ids = findArxivIds(text);
	if (!ids.length) throw new UserError('That message has no arXiv id or link in it.');
	const papers = ids.flatMap((id) => getPaper(index, id) ?? []);
	const missing = ids.filter((id) => !getPaper(index, id));
	const content = missing.length ? `Not in the corpus: ${missing.map((id) => `arXiv:${id}`).join(', ')}` : undefined;
	const addRows = addButtonRows(missing, input, context);
	if (!papers.length) {
		if (!addRows.length) throw new UserError(`${content}.`);
		return privateReply({ content: `${content}.`, embeds: [], components: addRows });
	}
	if (papers.length === 1) {
		const [paper] = papers as [typeof papers[number]];
		return privateReply({ content, embeds: [buildPaperCard(paper)], components: [cardComponents(paper, { share: true, discuss: false }), ...addRows] });
	}
	const list = buildResultsMessage({ query: 'papers in that message', page: 0, pageSize: papers.length, results: papers, total: papers.length, paging: false });
	return privateReply({ ...list, content, components: [...list.components, ...addRows] });
}

export default { data, execute } satisfies Command;
