import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { buildHelpEmbed } from '../src/cards/index.js';
import { type CommandLeaf, commandLeaves, optionsUsage } from '../src/interaction/command-usage.js';
import { privateReply } from '../src/interaction/reply.js';
import type { Command } from './index.js';
import paper from './paper.js';
import paperbot from './paperbot.js';
import potd from './potd.js';

export const data = {
	name: 'help',
	description: 'What paperbot can do',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const names = (leaves: readonly CommandLeaf[]) => [...new Set(leaves.map((leaf) => leaf.path[1]))].join('|');

/** Every command with its description, in the order a newcomer needs them, spelled from the definitions. */
const entries = [
	...commandLeaves(paper.data).map((leaf) => ({
		name: [`/${leaf.path.join(' ')}`, optionsUsage(leaf.options)].filter(Boolean).join(' '),
		description: leaf.description,
	})),
	{ name: '/potd', description: potd.data.description },
	{ name: 'Apps → Paper cards', description: 'On any message: cards for the arXiv papers and DOIs it names' },
	{ name: `/paperbot ${names(commandLeaves(paperbot.data))}`, description: `${paperbot.data.description} (Manage Server only)` },
	{ name: '/help', description: data.description },
];

export default {
	data,
	execute: () => privateReply({ embeds: [buildHelpEmbed(entries)], components: [] }),
} satisfies Command<typeof data>;
