import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIApplicationCommandChannelOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandInput, InvocationOf } from '../src/interaction/command.js';
import { mayManageServer } from '../src/interaction/permissions.js';
import { privateReply, UserError, type Reply } from '../src/interaction/reply.js';
import {
	configureDigestReply,
	configureFeedReply,
	configurePotdReply,
	feedOffReply,
	previewFeedReply,
	previewReply,
	requireGuildSchedule,
	topicReply,
} from '../src/replies/schedule-replies.js';
import { FEED_MAX_LIMIT, READING_HOURS_LIMIT } from '../src/store/settings.js';
import { importReply } from '../src/replies/import-replies.js';
import { closePollReply, configureReadingReply, previewPollReply, readingOffReply } from '../src/replies/reading-replies.js';
import { POSTABLE_CHANNEL_TYPES } from '../src/discord/schedule-posts.js';
import type { Command, CommandContext } from './index.js';
import { citationsOffReply, configureCitationsReply, oursReply } from '../src/replies/lab-replies.js';

const channelOption = (description: string) =>
	({
		type: ApplicationCommandOptionType.Channel,
		name: 'channel',
		description,
		required: true,
		channel_types: [...POSTABLE_CHANNEL_TYPES],
	}) as const satisfies APIApplicationCommandChannelOption;
const paperIdOption = {
	type: ApplicationCommandOptionType.String,
	name: 'id',
	description: 'arXiv id, DOI or link of a corpus paper',
	required: true,
	max_length: 300,
} as const;
const queryOption = {
	type: ApplicationCommandOptionType.String,
	name: 'query',
	description: 'A search, as in /paper search',
	required: true,
	max_length: 100,
} as const;

export const data = {
	name: 'paperbot',
	description: 'Set up the paper of the day, digests, the arXiv feed and the reading group in this server',
	default_member_permissions: String(PermissionFlagsBits.ManageGuild),
	contexts: [0],
	options: [
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'potd',
			description: 'Post a paper of the day in a channel at a local time',
			options: [
				channelOption('Where to post it'),
				{
					type: ApplicationCommandOptionType.String,
					name: 'time',
					description: 'Local time, HH:MM (24-hour), e.g. 09:00',
					required: true,
					max_length: 10,
				},
				{
					type: ApplicationCommandOptionType.String,
					name: 'timezone',
					description: 'IANA time zone, e.g. Europe/London',
					required: true,
					max_length: 64,
				},
				{ type: ApplicationCommandOptionType.Boolean, name: 'thread', description: 'Start a discussion thread on each post (default on)' },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'digest',
			description: 'Post digests of new papers in a channel on a schedule',
			options: [
				channelOption('Where to post digests'),
				{
					type: ApplicationCommandOptionType.String,
					name: 'schedule',
					description: 'Cron "minute hour day month weekday" in the server time zone, e.g. 0 9 * * 1',
					required: true,
					max_length: 100,
				},
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'topic',
			description: 'Saved searches the digest groups new papers under',
			options: [
				{ type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Save a digest topic', options: [queryOption] },
				{ type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Remove a digest topic', options: [queryOption] },
				{ type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The digest topics of this server' },
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'feed',
			description: "Each announcement day, arXiv's new papers closest to the corpus",
			options: [
				{
					type: ApplicationCommandOptionType.Subcommand,
					name: 'on',
					description: 'Post the arXiv feed of these categories in a channel',
					options: [
						channelOption('Where to post the feed'),
						{
							type: ApplicationCommandOptionType.String,
							name: 'categories',
							description: 'arXiv categories, space-separated, e.g. cs.NE q-bio.NC',
							required: true,
							max_length: 200,
						},
						{
							type: ApplicationCommandOptionType.String,
							name: 'time',
							description: 'First look each day, local HH:MM (default 09:00)',
							max_length: 10,
						},
						{
							type: ApplicationCommandOptionType.Integer,
							name: 'max',
							description: 'Most papers per post (default 10)',
							min_value: 1,
							max_value: FEED_MAX_LIMIT,
						},
						{ type: ApplicationCommandOptionType.Boolean, name: 'cross', description: 'Include cross-listed papers (default on)' },
					],
				},
				{ type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'Stop posting the arXiv feed' },
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'reading',
			description: 'Reading-group polls of the proposed papers',
			options: [
				{
					type: ApplicationCommandOptionType.Subcommand,
					name: 'set',
					description: 'Post a poll of the reading list in a channel on a schedule',
					options: [
						channelOption('Where to post the polls and picks'),
						{
							type: ApplicationCommandOptionType.String,
							name: 'schedule',
							description: 'Cron in the server time zone (default 0 10 * * 1, Mondays 10:00)',
							max_length: 100,
						},
						{
							type: ApplicationCommandOptionType.Integer,
							name: 'hours',
							description: 'Hours each poll stays open (default 24)',
							min_value: 1,
							max_value: READING_HOURS_LIMIT,
						},
					],
				},
				{ type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'Stop posting reading polls (the list is kept)' },
				{ type: ApplicationCommandOptionType.Subcommand, name: 'close', description: 'End the open poll now and post its pick' },
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'ours',
			description: "The lab's own papers: by LAB_AUTHORS or marked by hand",
			options: [
				{ type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The corpus papers the lab wrote, and why' },
				{
					type: ApplicationCommandOptionType.Subcommand,
					name: 'add',
					description: "Mark a corpus paper as the lab's",
					options: [paperIdOption],
				},
				{
					type: ApplicationCommandOptionType.Subcommand,
					name: 'remove',
					description: "Mark a corpus paper as not the lab's (a shared name)",
					options: [paperIdOption],
				},
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'citations',
			description: "Each day, the works newly citing the lab's papers, from OpenAlex",
			options: [
				{
					type: ApplicationCommandOptionType.Subcommand,
					name: 'set',
					description: 'Post citation alerts in a channel',
					options: [
						channelOption('Where to post citation alerts'),
						{
							type: ApplicationCommandOptionType.String,
							name: 'time',
							description: "Daily look, local HH:MM (default the feed's first look)",
							max_length: 10,
						},
					],
				},
				{ type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'Stop posting citation alerts' },
			],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'Corpus, next posts, last posts and current problems' },
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'import',
			description: "Import a BibTeX file's papers into the corpus (Manage Server or the curator role)",
			options: [{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The .bib file', required: true }],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'post',
			description: 'Preview the next post privately, without posting it',
			options: [
				{
					type: ApplicationCommandOptionType.String,
					name: 'kind',
					description: 'Which post',
					required: true,
					choices: [
						{ name: 'paper of the day', value: 'potd' },
						{ name: 'digest', value: 'digest' },
						{ name: 'arXiv feed', value: 'feed' },
						{ name: 'reading poll', value: 'reading' },
					],
				},
			],
		},
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function execute(input: InvocationOf<typeof data>, context: CommandContext): Reply | Promise<Reply> {
	// Importing is for curators too, as adding a paper is, and needs no schedule.
	if (input.subcommand === 'import') return importReply(input.options.file, input, context.bibtexImport);
	// Marking the lab's papers is curating the corpus: the curator role may, as it may add papers.
	const curates = input.subcommandGroup === 'ours' && input.subcommand !== 'list' && !!context.curation?.mayAdd(input);
	if (input.guildId && !mayManageServer(input.memberPermissions) && !curates)
		throw new UserError('/paperbot needs the Manage Server permission.');
	if (input.subcommandGroup === 'ours') {
		if (!context.lab) throw new UserError("The lab's papers are kept in paperbot's state, which is not open here.");
		return oursReply(context.lab, input.subcommand === 'list' ? { action: 'list' } : { action: input.subcommand, id: input.options.id });
	}
	const { schedule, guildId } = requireGuildSchedule(context.schedule, input);
	if (input.subcommandGroup === 'citations') {
		if (input.subcommand === 'off') return citationsOffReply(schedule, guildId);
		return configureCitationsReply(schedule, guildId, { channelId: input.options.channel, time: input.options.time });
	}
	if (input.subcommandGroup === 'feed') {
		if (input.subcommand === 'off') return feedOffReply(schedule, guildId);
		const { channel, categories, time, max, cross } = input.options;
		return configureFeedReply(schedule, guildId, { channelId: channel, categories, time, max, cross });
	}
	if (input.subcommandGroup === 'reading') {
		if (input.subcommand === 'off') return readingOffReply(schedule, guildId);
		if (input.subcommand === 'close') return closePollReply(schedule, guildId);
		const { channel, schedule: cron, hours } = input.options;
		return configureReadingReply(schedule, guildId, { channelId: channel, cron, hours });
	}
	if (input.subcommandGroup === 'topic') {
		return topicReply(
			schedule,
			guildId,
			input.subcommand === 'list' ? { action: 'list' } : { action: input.subcommand, query: input.options.query },
		);
	}
	switch (input.subcommand) {
		case 'potd':
			return configurePotdReply(schedule, guildId, {
				channelId: input.options.channel,
				time: input.options.time,
				timezone: input.options.timezone,
				thread: input.options.thread,
			});
		case 'digest':
			return configureDigestReply(schedule, guildId, { channelId: input.options.channel, cron: input.options.schedule });
		case 'status':
			return privateReply({ embeds: [schedule.status(guildId)], components: [] });
		case 'post':
			if (input.options.kind === 'feed') return previewFeedReply(schedule, guildId);
			if (input.options.kind === 'reading') return previewPollReply(schedule, guildId);
			return previewReply(schedule, guildId, input.options.kind === 'digest' ? 'digest' : 'potd');
	}
}

/** Previewing the feed reads arXiv, closing a poll waits for Discord's final count, and an import downloads and reads a file: each may take longer than Discord's 3 s. */
const deferred = (input: CommandInput) =>
	(input.subcommand === 'post' && input.options.kind === 'feed') ||
	(input.subcommandGroup === 'reading' && input.subcommand === 'close') ||
	input.subcommand === 'import';

export default { data, execute, deferred } satisfies Command<typeof data>;
