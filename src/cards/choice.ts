import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { latexToUnicode } from '../corpus/latex.js';
import { isArxivKey, type Paper, paperLabel } from '../corpus/paper.js';
import { carriedPaperKey } from '../interaction/custom-ids.js';
import { truncateAtWord } from './limits.js';

/** Discord's limit on an autocomplete choice's name. */
const CHOICE_NAME_MAX = 100;

/** Most of a choice's name that its key may take, so a long DOI leaves room for the title. */
const KEY_IN_NAME_MAX = 40;

/** A paper as an autocomplete choice: `Title (key)`, the title cut at a word within Discord's limit; the value is the key (or its digest, for a long one). */
export function paperChoice(paper: Paper): APIApplicationCommandOptionChoice<string> {
	const key = isArxivKey(paper.id) ? paper.id : paperLabel(paper.id);
	const suffix = ` (${truncateAtWord(key, KEY_IN_NAME_MAX)})`;
	const label = latexToUnicode(paper.title ?? paper.abstract ?? '')
		.replace(/\s+/g, ' ')
		.trim();
	return { name: `${truncateAtWord(label, CHOICE_NAME_MAX - suffix.length)}${suffix}`, value: carriedPaperKey(paper.id) };
}
