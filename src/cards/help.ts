import type { APIEmbed } from 'discord-api-types/v10';
import { EMBED_LIMITS, truncateAtWord } from './limits.js';
import { markdownSafe, plainLine } from './safe-text.js';

/** A command as the help card lists it: `name` as a person types or finds it, e.g. "/paper search query:". */
export interface HelpEntry {
	name: string;
	description: string;
}

const HELP_COLOUR = 0x4f7cff;

/** The help card: every command with what it does, one line each. */
export function buildHelpEmbed(commands: readonly HelpEntry[]): APIEmbed {
	let description = '';
	for (const command of commands) {
		const name = plainLine(command.name).replace(/`/g, "'");
		const line = `\`${name}\` — ${markdownSafe(plainLine(command.description))}`;
		const next = description ? `${description}\n${line}` : line;
		// Whole lines only: a cut line could leave an unclosed code span behind.
		if (next.length > EMBED_LIMITS.description) break;
		description = next;
	}
	return {
		title: 'paperbot commands',
		description: description || 'No commands are registered.',
		color: HELP_COLOUR,
		footer: {
			text: truncateAtWord(
				'Search the lab’s arXiv papers and propose them to the reading group; answers only you can see unless you share them.',
				EMBED_LIMITS.footer,
			),
		},
	};
}
