import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { buildHelpEmbed } from '../src/cards/index.js';
import { privateReply } from '../src/interaction/reply.js';
import type { Command } from './index.js';
import paper from './paper.js';
import paperbot from './paperbot.js';
import potd from './potd.js';

export const data = {
	name: 'help',
	description: 'What paperbot can do',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Every command with its description, in the order a newcomer needs them. */
const entries = [
	...paper.data.options.map((subcommand) => ({
		name: `/paper ${subcommand.name}${'options' in subcommand ? subcommand.options.map((option) => ('required' in option && option.required ? ` ${option.name}:` : ` [${option.name}:]`)).join('') : ''}`,
		description: subcommand.description,
	})),
	{ name: '/potd', description: potd.data.description },
	{ name: 'Apps → Paper cards', description: 'On any message: cards for the arXiv papers it links' },
	{ name: '/paperbot potd|digest|topic|status|post', description: `${paperbot.data.description} (Manage Server only)` },
	{ name: '/help', description: data.description },
];

export default {
	data,
	execute: () => privateReply({ embeds: [buildHelpEmbed(entries)], components: [] }),
} satisfies Command<typeof data>;
