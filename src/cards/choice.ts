import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { latexToUnicode } from '../corpus/latex.js';
import type { Paper } from '../corpus/paper.js';
import { truncateAtWord } from './limits.js';

/** Discord's limit on an autocomplete choice's name. */
const CHOICE_NAME_MAX = 100;

/** A paper as an autocomplete choice: `Title (id)`, the title cut at a word within Discord's limit; the value is the id. */
export function paperChoice(paper: Paper): APIApplicationCommandOptionChoice<string> {
	const suffix = ` (${paper.id})`;
	const label = latexToUnicode(paper.title ?? paper.abstract)
		.replace(/\s+/g, ' ')
		.trim();
	return { name: `${truncateAtWord(label, CHOICE_NAME_MAX - suffix.length)}${suffix}`, value: paper.id };
}
