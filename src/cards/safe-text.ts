import { latexToUnicode } from '../corpus/latex.js';

/**
 * User-provided text (titles, abstracts, authors, venues) made safe to place in a card: invisible
 * and direction-changing characters removed, markdown escaped, mentions defused.
 */

const INVISIBLE_CONTROLS = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u2060\u00AD]/g;
// A zero-width joiner is kept only where it joins two emoji (👩‍💻); anywhere else it only hides things.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the joiner is matched alone on purpose, to drop one that joins nothing
const STRAY_JOINER = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const OTHER_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

const URL_PATTERN = /https?:\/\/[^\s<]+[^<.,:;"')\]\s]/g;
const MARKDOWN_CHARACTER = /[\\*_~`|>[\]()<]/;
const MARKDOWN_CHARACTERS = new RegExp(MARKDOWN_CHARACTER.source, 'g');
// Block markers that only mean something at the start of a line: headings, subtext, lists.
const LINE_START_MARKERS = /^([ \t]*)(#{1,3} |-#? |\+ )/gm;
const ORDERED_LIST_MARKER = /^([ \t]*\d+)\. /gm;
const ZERO_WIDTH_SPACE = '\u200B';

/** Removes zero-width and bidi control characters (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069). */
export function stripInvisibleControls(text: string): string {
	return text.replace(INVISIBLE_CONTROLS, '').replace(STRAY_JOINER, '').replace(OTHER_CONTROLS, '');
}

/**
 * Escapes Discord markdown so the text shows as written. URLs are left whole: Discord links them
 * before it reads markdown, so a backslash inside one would become part of the link. A URL that an
 * escaped character follows is written `<url>`, so that backslash cannot join the link either.
 */
export function escapeMarkdown(text: string): string {
	let output = '';
	let last = 0;
	for (const match of text.matchAll(URL_PATTERN)) {
		let url = match[0];
		// Wikipedia-style URLs end in a closing parenthesis that belongs to them.
		if (text[match.index + url.length] === ')' && count(url, '(') > count(url, ')')) url += ')';
		output += escapeOutsideUrls(text.slice(last, match.index));
		last = match.index + url.length;
		output += MARKDOWN_CHARACTER.test(text[last] ?? '') ? `<${url}>` : url;
	}
	return output + escapeOutsideUrls(text.slice(last));
}

function count(text: string, character: string): number {
	return text.split(character).length - 1;
}

function escapeOutsideUrls(text: string): string {
	return text.replace(MARKDOWN_CHARACTERS, '\\$&').replace(LINE_START_MARKERS, '$1\\$2').replace(ORDERED_LIST_MARKER, '$1\\. ');
}

/**
 * Breaks mention syntax with a zero-width space, so `@everyone`, `<@123>` and `<@&123>` show as
 * text even if allowed_mentions were ever widened.
 */
export function defuseMentions(text: string): string {
	return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`).replace(/<([@#/:]|a:|t:)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** One line of plain text for a card: LaTeX made readable, invisible characters gone, spaces collapsed. */
export function plainLine(text: string): string {
	return stripInvisibleControls(latexToUnicode(text)).replace(/\s+/g, ' ').trim();
}

/** A paragraph of plain text for a card: as `plainLine`, but paragraph breaks are kept. */
export function plainParagraphs(text: string): string {
	return stripInvisibleControls(latexToUnicode(text))
		.split(/\n\s*\n/)
		.map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n\n');
}

/** One line of plain text for a slot that shows no markdown (author line, footer): mentions defused. */
export function plainSafe(text: string): string {
	return defuseMentions(plainLine(text));
}

/** Plain text made ready for a markdown slot of an embed: escaped and with mentions defused. */
export function markdownSafe(plainText: string): string {
	return defuseMentions(escapeMarkdown(plainText));
}
