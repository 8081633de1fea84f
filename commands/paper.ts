import { ApplicationCommandOptionType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { buildBibtex } from '../src/cards/bibtex.js';
import { buildPaperCard, buildResultsMessage, cardComponents, threadName } from '../src/cards/index.js';
import { defuseMentions, markdownSafe, plainLine } from '../src/cards/safe-text.js';
import { CUSTOM_ID_MAX, encodeCustomId } from '../src/discord/custom-ids.js';
import type { Paper } from '../src/corpus/paper.js';
import { keyForQuery } from '../src/discord/query-keys.js';
import { idNotInCorpus } from '../src/search/id-query.js';
import { getPaper, randomPaper, searchPapers, similarPapers, suggestPapers } from '../src/search/paper-index.js';
import { addPaperReply } from './add.js';
import { privateReply, privateText, publicReply, textOption, UserError } from './index.js';
import { spellingFor } from './spelling.js';
import { executeSubscription } from './subscriptions.js';
import type { Command, CommandContext, CommandInput, Reply } from './index.js';

/** Longest query accepted; longer text is a paste gone wrong, not a search. */
const QUERY_MAX_LENGTH = 300;
const RESULTS_PER_PAGE = 5;
/** The best matches a search pages through. */
const RESULTS_SHOWN = 100;

const idOption = (description: string) =>
	({ type: ApplicationCommandOptionType.String, name: 'id', description, required: true, autocomplete: true }) as const;

export const data = {
	name: 'paper',
	description: 'Look up papers in the lab corpus',
	options: [
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'search',
			description: 'Search titles, authors and abstracts (only you see the results)',
			options: [
				{ type: ApplicationCommandOptionType.String, name: 'query', description: 'Words, an arXiv id or link; filters like author:"Yi Zeng" year:2023 cat:cs.LG', required: true, max_length: QUERY_MAX_LENGTH },
				{ type: ApplicationCommandOptionType.String, name: 'author', description: 'Only papers by this author', max_length: 100 },
				{ type: ApplicationCommandOptionType.Integer, name: 'year', description: 'Only papers first published this year', min_value: 1991, max_value: 2100 },
				{ type: ApplicationCommandOptionType.String, name: 'category', description: 'Only this arXiv category, e.g. cs.LG (or cs for all of cs)', max_length: 40 },
			],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Post a paper card in the channel', options: [idOption('The paper: type a title or an arXiv id')] },
		{ type: ApplicationCommandOptionType.Subcommand, name: 'random', description: 'Post a random paper from the corpus' },
		{ type: ApplicationCommandOptionType.Subcommand, name: 'similar', description: 'Papers most like one paper', options: [idOption('The paper to start from')] },
		{ type: ApplicationCommandOptionType.Subcommand, name: 'cite', description: 'BibTeX for a paper', options: [idOption('The paper to cite')] },
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'share',
			description: 'Post a paper and start a discussion thread on it',
			options: [idOption('The paper to discuss'), { type: ApplicationCommandOptionType.String, name: 'note', description: 'The first message of the thread', max_length: 1500 }],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'add',
			description: 'Add a paper from arXiv to the corpus (Manage Server or the curator role)',
			options: [{ type: ApplicationCommandOptionType.String, name: 'id', description: 'An arXiv id or link, e.g. 2305.00054', required: true, max_length: 200 }],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'subscribe',
			description: 'Be mentioned in the digest beside new papers that match a search',
			options: [{ type: ApplicationCommandOptionType.String, name: 'query', description: 'Words or filters, as in /paper search', required: true, max_length: 100 }],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'unsubscribe',
			description: 'Stop one subscription, or all of yours when no query is given',
			options: [{ type: ApplicationCommandOptionType.String, name: 'query', description: 'The subscription to stop', max_length: 100 }],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'subscriptions', description: 'Your subscriptions in this server' },
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * The private results page for a query (filters written into it): the best match as a card, then
 * a list, with Previous/Next buttons that carry the query.
 */
export function searchPage(query: string, page: number, context: Pick<CommandContext, 'index' | 'surface'>): Reply {
	const { index } = context;
	const spelling = spellingFor(context);
	const trimmed = query.trim();
	if (!trimmed) throw new UserError(`Type some words to search for, e.g. ${spelling.search('spiking gan')}.`);
	if (trimmed.length > QUERY_MAX_LENGTH) {
		throw new UserError(`That query is ${trimmed.length} characters long; keep it under ${QUERY_MAX_LENGTH}.`);
	}
	const missingId = idNotInCorpus(index, trimmed);
	if (missingId) throw new UserError(`arXiv:${missingId} is not in the corpus; add it from arXiv with ${spelling.add(missingId)}.`);
	const found = searchPapers(index, trimmed, {}, { limit: RESULTS_SHOWN + 1 }).map((result) => result.paper);
	const results = found.slice(0, RESULTS_SHOWN);
	if (!results.length) throw new UserError(`No paper matches “${quoteUserText(trimmed)}”. Try fewer or other words, or check the spelling.`);
	const pageCount = Math.ceil(results.length / RESULTS_PER_PAGE);
	const shown = Math.min(page, pageCount - 1);
	const slice = results.slice(shown * RESULTS_PER_PAGE, (shown + 1) * RESULTS_PER_PAGE);
	const fitsInCustomId = encodeCustomId({ kind: 'page', page: pageCount, query: trimmed }).length <= CUSTOM_ID_MAX;
	const pageKey = fitsInCustomId ? undefined : keyForQuery(trimmed);
	return privateReply(buildResultsMessage({ query: trimmed, page: shown, pageSize: RESULTS_PER_PAGE, results: slice, total: results.length, moreThanTotal: found.length > RESULTS_SHOWN, pageKey }));
}

/** The search option values written as query filters, so page buttons carry them too. */
function queryWithFilters(query: string, author: unknown, year: unknown, category: unknown): string {
	const quote = (text: string) => (/\s/.test(text) ? `"${text.replace(/"/g, '')}"` : text);
	const filters = [
		typeof author === 'string' && author.trim() ? `author:${quote(author.trim())}` : '',
		typeof year === 'number' ? `year:${year}` : '',
		typeof category === 'string' && category.trim() ? `cat:${quote(category.trim())}` : '',
	];
	return [query, ...filters].filter(Boolean).join(' ');
}

/** Finds a paper by any form of its id, or says plainly that the corpus lacks it. */
export function requirePaper(context: Pick<CommandContext, 'index' | 'surface'>, id: string): Paper {
	const paper = getPaper(context.index, id);
	if (!paper) throw new UserError(`That id is not in the corpus: “${quoteUserText(id.slice(0, 100))}”. ${spellingFor(context).findId}`);
	return paper;
}

/** What the user typed, quoted back in a reply: shown as written, never as markdown or a mention. */
function quoteUserText(text: string): string {
	return markdownSafe(plainLine(text));
}

/** A full card for everyone in the channel, with Discuss. */
export function publicCard(paper: Paper): Reply {
	return publicReply({ embeds: [buildPaperCard(paper)], components: [cardComponents(paper, { share: false, discuss: true })] });
}

/** A full card only the asker sees, with Share. */
export function privateCard(paper: Paper): Reply {
	return privateReply({ embeds: [buildPaperCard(paper)], components: [cardComponents(paper, { share: true, discuss: false })] });
}

function execute(input: CommandInput, context: CommandContext): Reply | Promise<Reply> {
	const { index, random } = context;
	const text = (name: string) => textOption(input, name);
	switch (input.subcommand) {
		case 'search':
			return searchPage(queryWithFilters(text('query'), input.options.author, input.options.year, input.options.category), 0, context);
		case 'show':
			return publicCard(requirePaper(context, text('id')));
		case 'random':
			return publicCard(randomPaper(index, random));
		case 'similar': {
			const paper = requirePaper(context, text('id'));
			const similar = similarPapers(index, paper.id, RESULTS_PER_PAGE);
			if (!similar.length) throw new UserError(`No other paper in the corpus is like ${paper.id}.`);
			const message = buildResultsMessage({ query: `similar to ${paper.id}`, page: 0, pageSize: RESULTS_PER_PAGE, results: similar, total: similar.length, paging: false });
			return privateReply(message);
		}
		case 'cite': {
			const paper = requirePaper(context, text('id'));
			return privateText('```bibtex\n' + buildBibtex(paper, index.papers) + '\n```');
		}
		case 'share': {
			const paper = requirePaper(context, text('id'));
			const note = text('note').trim();
			const reply = publicCard(paper);
			return { ...reply, thread: { name: threadName(paper), ...(note ? { firstMessage: `**${quoteUserText(input.user.name)}** wrote: ${defuseMentions(note)}` } : {}) } };
		}
		case 'add':
			return addPaperReply(text('id'), input, context);
		case 'subscribe':
		case 'unsubscribe':
		case 'subscriptions':
			return executeSubscription(input, context);
		default:
			throw new UserError(`Unknown subcommand: /paper ${input.subcommand ?? ''}`);
	}
}

export default {
	data,
	execute,
	deferred: (input) => input.subcommand === 'add',
	autocomplete: (option, { index }) => suggestPapers(index, option.value),
} satisfies Command;
