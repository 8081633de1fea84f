import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { buildBibtex } from '../src/cards/bibtex.js';
import { paperChoice } from '../src/cards/choice.js';
import {
	addPaperReply,
	publicCard,
	QUERY_MAX_LENGTH,
	queryWithFilters,
	requirePaper,
	searchPage,
	shareReply,
	similarPapersReply,
} from '../src/replies/paper-replies.js';
import { privateText, type Reply } from '../src/interaction/reply.js';
import { subscriptionReply } from '../src/replies/schedule-replies.js';
import { followReply } from '../src/replies/follow-replies.js';
import { proposalsReply, proposeReply, withdrawChoices, withdrawReply } from '../src/replies/reading-replies.js';
import { papersSharingSurname, randomPaper, suggestPapers } from '../src/search/paper-index.js';
import type { Command, CommandContext } from './index.js';
import type { InvocationOf } from '../src/interaction/command.js';

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
				{
					type: ApplicationCommandOptionType.String,
					name: 'query',
					description: 'Words, an arXiv id or link; filters like author:"Yi Zeng" year:2023 cat:cs.LG',
					required: true,
					max_length: QUERY_MAX_LENGTH,
				},
				{ type: ApplicationCommandOptionType.String, name: 'author', description: 'Only papers by this author', max_length: 100 },
				{
					type: ApplicationCommandOptionType.Integer,
					name: 'year',
					description: 'Only papers first published this year',
					min_value: 1991,
					max_value: 2100,
				},
				{
					type: ApplicationCommandOptionType.String,
					name: 'category',
					description: 'Only this arXiv category, e.g. cs.LG (or cs for all of cs)',
					max_length: 40,
				},
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'show',
			description: 'Post a paper card in the channel',
			options: [idOption('The paper: type a title or an arXiv id')],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'random', description: 'Post a random paper from the corpus' },
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'similar',
			description: 'Papers most like one paper',
			options: [idOption('The paper to start from')],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'cite',
			description: 'BibTeX for a paper',
			options: [idOption('The paper to cite')],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'share',
			description: 'Post a paper and start a discussion thread on it',
			options: [
				idOption('The paper to discuss'),
				{ type: ApplicationCommandOptionType.String, name: 'note', description: 'The first message of the thread', max_length: 1500 },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'add',
			description: 'Add a paper to the corpus from arXiv or by its DOI (Manage Server or the curator role)',
			options: [
				{
					type: ApplicationCommandOptionType.String,
					name: 'id',
					description: 'An arXiv id, a DOI or a link, e.g. 2305.00054 or 10.1145/3292500.3330701',
					required: true,
					max_length: 200,
				},
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'subscribe',
			description: 'Be mentioned in the digest beside new papers that match a search',
			options: [
				{
					type: ApplicationCommandOptionType.String,
					name: 'query',
					description: 'Words or filters, as in /paper search',
					required: true,
					max_length: 100,
				},
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'unsubscribe',
			description: 'Stop one subscription, or all of yours when no query is given',
			options: [{ type: ApplicationCommandOptionType.String, name: 'query', description: 'The subscription to stop', max_length: 100 }],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'subscriptions', description: 'Your subscriptions in this server' },
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'follow',
			description: "Be mentioned beside an author's new arXiv papers, in any category",
			options: [
				{
					type: ApplicationCommandOptionType.String,
					name: 'author',
					description: "The author's name as papers write it, e.g. Yi Zeng or Y. Zeng",
					required: true,
					max_length: 100,
				},
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'unfollow',
			description: 'Stop following an author, or everyone you follow when no author is given',
			options: [
				{ type: ApplicationCommandOptionType.String, name: 'author', description: 'The author to stop following', max_length: 100 },
			],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'following', description: 'The authors you follow in this server' },
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'propose',
			description: "Propose a paper for the reading group's next poll",
			options: [
				idOption('The paper: a title, an arXiv id or a DOI (curators may propose one not in the corpus yet)'),
				{ type: ApplicationCommandOptionType.String, name: 'note', description: 'Why read it, shown on the reading list', max_length: 300 },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'proposals',
			description: 'The reading list: papers proposed for the next poll',
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'withdraw',
			description: 'Take a paper off the reading list (its proposer or an admin)',
			options: [idOption('The proposed paper')],
		},
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function execute(input: InvocationOf<typeof data>, context: CommandContext): Reply | Promise<Reply> {
	const { index, random } = context;
	switch (input.subcommand) {
		case 'search':
			return searchPage(queryWithFilters(input.options.query, input.options), 0, context);
		case 'show':
			return publicCard(requirePaper(context, input.options.id));
		case 'random':
			return publicCard(randomPaper(index, random));
		case 'similar':
			return similarPapersReply(index, requirePaper(context, input.options.id));
		case 'cite': {
			const cited = requirePaper(context, input.options.id);
			return privateText(`\`\`\`bibtex\n${buildBibtex(cited, papersSharingSurname(index, cited))}\n\`\`\``);
		}
		case 'share':
			// At the console and the CLI the note is the asker's own, so it is not attributed to a name.
			return shareReply(
				requirePaper(context, input.options.id),
				(context.surface ?? 'discord') === 'discord' ? input.user.name : null,
				input.options.note,
			);
		case 'add':
			return addPaperReply(input.options.id, input, context.curation, context.surface);
		case 'subscribe':
			return subscriptionReply(context.schedule, input, { action: 'subscribe', query: input.options.query, index });
		case 'unsubscribe':
			return subscriptionReply(context.schedule, input, { action: 'unsubscribe', query: input.options.query });
		case 'subscriptions':
			return subscriptionReply(context.schedule, input, { action: 'list' });
		case 'follow':
			return followReply(context.schedule, input, { action: 'follow', author: input.options.author });
		case 'unfollow':
			return followReply(context.schedule, input, { action: 'unfollow', author: input.options.author });
		case 'following':
			return followReply(context.schedule, input, { action: 'following' });
		case 'propose':
			return proposeReply(context.reading, input, input.options.id, input.options.note, context);
		case 'proposals':
			return proposalsReply(context.reading, input);
		case 'withdraw':
			return withdrawReply(context.reading, input, input.options.id, context);
	}
}

export default {
	data,
	execute,
	// Proposing a paper not in the corpus asks arXiv or Crossref first.
	deferred: (input) => input.subcommand === 'add' || input.subcommand === 'propose',
	autocomplete: (option, context, asker) =>
		option.subcommand === 'withdraw'
			? withdrawChoices(context.reading, asker, option.value)
			: suggestPapers(context.index, option.value).map(paperChoice),
} satisfies Command<typeof data>;
