import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import type { APIApplicationCommandChannelOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { addTopic, listTopics, removeTopic } from '../src/schedule/digest.js';
import { POSTABLE_CHANNEL_TYPES } from '../src/discord/schedule-posts.js';
import { nextPostTimes } from '../src/schedule/scheduler.js';
import type { GuildSettings } from '../src/schedule/settings.js';
import { formatLocalTime } from '../src/discord/schedule-status.js';
import { ScheduleSettingError } from '../src/schedule/time.js';
import { mayManageServer, privateReply, privateText, textOption, UserError } from './index.js';
import type { Command, CommandContext, CommandInput, Reply } from './index.js';
import { quotedQuery, requireGuildSchedule } from './subscriptions.js';

const channelOption = (description: string): APIApplicationCommandChannelOption => ({
	type: ApplicationCommandOptionType.Channel,
	name: 'channel',
	description,
	required: true,
	channel_types: [...POSTABLE_CHANNEL_TYPES],
});
const queryOption = (required: boolean) =>
	({ type: ApplicationCommandOptionType.String, name: 'query', description: 'A search, as in /paper search', required, max_length: 100 }) as const;

export const data = {
	name: 'paperbot',
	description: 'Set up the paper of the day and digests in this server',
	default_member_permissions: String(PermissionFlagsBits.ManageGuild),
	contexts: [0],
	options: [
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'potd',
			description: 'Post a paper of the day in a channel at a local time',
			options: [
				channelOption('Where to post it'),
				{ type: ApplicationCommandOptionType.String, name: 'time', description: 'Local time, HH:MM (24-hour), e.g. 09:00', required: true, max_length: 10 },
				{ type: ApplicationCommandOptionType.String, name: 'timezone', description: 'IANA time zone, e.g. Europe/London', required: true, max_length: 64 },
				{ type: ApplicationCommandOptionType.Boolean, name: 'thread', description: 'Start a discussion thread on each post (default on)' },
			],
		},
		{
			type: ApplicationCommandOptionType.Subcommand,
			name: 'digest',
			description: 'Post digests of new papers in a channel on a schedule',
			options: [
				channelOption('Where to post digests'),
				{ type: ApplicationCommandOptionType.String, name: 'schedule', description: 'Cron "minute hour day month weekday" in the server time zone, e.g. 0 9 * * 1', required: true, max_length: 100 },
			],
		},
		{
			type: ApplicationCommandOptionType.SubcommandGroup,
			name: 'topic',
			description: 'Saved searches the digest groups new papers under',
			options: [
				{ type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Save a digest topic', options: [queryOption(true)] },
				{ type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Remove a digest topic', options: [queryOption(true)] },
				{ type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The digest topics of this server' },
			],
		},
		{ type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'Corpus, next posts, last posts and current problems' },
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
					],
				},
			],
		},
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;


function nextLine(settings: GuildSettings, at: Date, kind: 'potd' | 'digest'): string {
	const next = nextPostTimes(settings, at)[kind];
	return next ? `Next: ${formatLocalTime(next, settings.timezone)}.` : 'It never fires again.';
}

function execute(input: CommandInput, context: CommandContext): Reply {
	if (input.guildId && !mayManageServer(input.memberPermissions)) throw new UserError('/paperbot needs the Manage Server permission.');
	const { schedule, guildId } = requireGuildSchedule(input, context);
	const option = (name: string) => textOption(input, name);
	try {
		if (input.subcommandGroup === 'topic') {
			if (input.subcommand === 'list') {
				const topics = listTopics(schedule.state, guildId);
				return privateText(topics.length ? `Digest topics:\n${topics.map((topic) => `• ${quotedQuery(topic)}`).join('\n')}` : 'No digest topics yet; add one with `/paperbot topic add query:<words>`.');
			}
			const query = option('query');
			const shown = quotedQuery(query);
			if (input.subcommand === 'add') return privateText(addTopic(schedule.state, guildId, query) ? `Topic ${shown} saved.` : `Topic ${shown} was already saved.`);
			if (removeTopic(schedule.state, guildId, query)) return privateText(`Topic ${shown} removed.`);
			throw new UserError(`There is no topic ${shown}; see \`/paperbot topic list\`.`);
		}
		switch (input.subcommand) {
			case 'potd': {
				const current = schedule.settingsFor(guildId);
				const thread = typeof input.options.thread === 'boolean' ? input.options.thread : current.potd_thread;
				const saved = schedule.configure(guildId, { potd_channel_id: option('channel'), potd_time: option('time'), timezone: option('timezone'), potd_thread: thread });
				return privateText(`Paper of the day: <#${saved.potd_channel_id}> at ${saved.potd_time} ${saved.timezone}${saved.potd_thread ? ', with a discussion thread' : ''}. ${nextLine(saved, schedule.now(), 'potd')}`);
			}
			case 'digest': {
				const saved = schedule.configure(guildId, { digest_channel_id: option('channel'), digest_cron: option('schedule') });
				return privateText(`Digests: <#${saved.digest_channel_id}> on \`${saved.digest_cron}\` (${saved.timezone}). ${nextLine(saved, schedule.now(), 'digest')}`);
			}
			case 'status':
				return privateReply({ embeds: [schedule.status(guildId)], components: [] });
			case 'post': {
				const kind = option('kind') === 'digest' ? 'digest' : 'potd';
				const [first, ...rest] = schedule.preview(guildId, kind);
				if (!first) throw new UserError('There is nothing to preview.');
				const note = `Preview only: not posted, and the slot stays free.${rest.length ? ` Part 1 of ${rest.length + 1}.` : ''}`;
				return privateReply({ content: first.content ? `${note}\n${first.content}` : note, embeds: first.embeds, components: first.components });
			}
			default:
				throw new UserError(`Unknown subcommand: /paperbot ${input.subcommand ?? ''}`);
		}
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(`${error.message}\nNothing was saved.`);
		throw error;
	}
}

export default { data, execute } satisfies Command;
