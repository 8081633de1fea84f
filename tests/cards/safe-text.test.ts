import { FormattingPatterns, MessageMentions } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
	defuseMentions,
	escapeMarkdown,
	markdownSafe,
	plainLine,
	plainParagraphs,
	plainSafe,
	stripInvisibleControls,
} from '../../src/cards/safe-text.js';

const ZWSP = '\u200B';
const USER_ID = '123456789012345678';

/** Every mention, command link, emoji and timestamp as discord.js reads them in message text. */
const DISCORD_MARKUP = [
	MessageMentions.EveryonePattern,
	MessageMentions.UsersPattern,
	MessageMentions.RolesPattern,
	MessageMentions.ChannelsPattern,
	FormattingPatterns.GameProfile,
	FormattingPatterns.SlashCommand,
	FormattingPatterns.Emoji,
	FormattingPatterns.Timestamp,
];
const markupIn = (text: string) =>
	DISCORD_MARKUP.filter((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text));

/** Titles and names a hostile or careless author could put in the corpus, with the invisible characters that hide a mention from a reader. */
const HOSTILE_TEXTS = [
	'@everyone read this',
	'Hi @here!',
	`<@${USER_ID}>`,
	`<@!${USER_ID}>`,
	`<@&${USER_ID}>`,
	`<#${USER_ID}>`,
	`<@$${USER_ID}>`,
	`</paper search:${USER_ID}>`,
	`<:quokka:${USER_ID}>`,
	`<a:quokka:${USER_ID}>`,
	'<t:1700000000:R>',
	`@${ZWSP}everyone`,
	'@\u2060here',
	'@\u00ADeveryone',
	'@\u200Deveryone',
	'@\u202Eeveryone',
	'@\u0000here',
	`<${ZWSP}@${USER_ID}>`,
	`<@\uFEFF${USER_ID}>`,
	`<\u2066#${USER_ID}>`,
	`**@everyone** _<@${USER_ID}>_`,
	`[@here](https://example.org/<@${USER_ID}>)`,
];

describe('plainSafe and markdownSafe', () => {
	it.for(HOSTILE_TEXTS)('leave no mention, command link, emoji or timestamp Discord would read in %j', (text) => {
		expect(markupIn(plainSafe(text))).toEqual([]);
		expect(markupIn(markdownSafe(plainLine(text)))).toEqual([]);
	});

	it('leaves the same text for a reader, only with a zero-width space after @ or <', () => {
		expect(plainSafe('Ask @everyone about <@1>')).toBe(`Ask @${ZWSP}everyone about <${ZWSP}@1>`);
		expect(markdownSafe('Ask @here')).toBe(`Ask @${ZWSP}here`);
	});
});

describe('defuseMentions', () => {
	it('breaks channel, slash-command, emoji and timestamp markup as well as mentions', () => {
		expect(defuseMentions(`<#1> </cmd:1> <:e:1> <a:e:1> <t:1:R> <@!1>`)).toBe(
			`<${ZWSP}#1> <${ZWSP}/cmd:1> <${ZWSP}:e:1> <${ZWSP}a:e:1> <${ZWSP}t:1:R> <${ZWSP}@!1>`,
		);
	});

	it('breaks @everyone and @here in any letter case', () => {
		expect(defuseMentions('@Everyone @HERE')).toBe(`@${ZWSP}Everyone @${ZWSP}HERE`);
	});

	it('breaks @everyone and @here run together with the next word, as discord.js’s own mention pattern does', () => {
		expect(defuseMentions('@everyones @here_we_go @here2')).toBe(`@${ZWSP}everyones @${ZWSP}here_we_go @${ZWSP}here2`);
		expect(markupIn(plainSafe('Thanks @everyones'))).toEqual([]);
	});

	it('leaves a less-than sign, a heart and an address without mention syntax alone', () => {
		expect(defuseMentions('x < y, <3, <b>, lab@example.org')).toBe('x < y, <3, <b>, lab@example.org');
	});
});

describe('stripInvisibleControls', () => {
	it('removes word joiners, soft hyphens, byte-order marks, direction marks and C0/C1 controls', () => {
		expect(stripInvisibleControls('a\u2060b\u00ADc\uFEFFd\u200E\u200Fe\u0007f\u001Bg\u0085h')).toBe('abcdefgh');
	});

	it('keeps tabs and line feeds, which only plainLine folds, and drops carriage returns', () => {
		expect(stripInvisibleControls('a\tb\nc\r\nd')).toBe('a\tb\nc\nd');
	});

	it('removes a zero-width joiner that joins no emoji, and keeps one between skin-toned emoji', () => {
		expect(stripInvisibleControls('x\u200Dy \u200D👩 👩\u200D')).toBe('xy 👩 👩');
		expect(stripInvisibleControls('👍🏽\u200D👍')).toBe('👍🏽\u200D👍');
	});
});

describe('escapeMarkdown', () => {
	it('escapes bold, underline, strike-through, spoiler, code, quote and link syntax', () => {
		expect(escapeMarkdown('**b** __u__ ~~s~~ ||x|| `c` > q [t](u)')).toBe(
			'\\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|x\\|\\| \\`c\\` \\> q \\[t\\]\\(u\\)',
		);
	});

	it('escapes headings of one to three #, subtext and + lists only at the start of a line', () => {
		expect(escapeMarkdown('## H2\n### H3\n#### H4\n-# small\n+ item\n  - nested\n10. ten\nC# and 1. in text')).toBe(
			'\\## H2\n\\### H3\n#### H4\n\\-# small\n\\+ item\n  \\- nested\n10\\. ten\nC# and 1. in text',
		);
	});

	it('writes a URL followed by an escaped character as <url>, so the backslash stays out of the link', () => {
		expect(escapeMarkdown('[code](https://github.com/lab/repo)')).toBe('\\[code\\]\\(<https://github.com/lab/repo>\\)');
	});

	it('keeps the closing parenthesis a Wikipedia URL ends with, and not the sentence full stop after a URL', () => {
		expect(escapeMarkdown('(see https://en.wikipedia.org/wiki/Spike_(neuron))')).toBe(
			'\\(see <https://en.wikipedia.org/wiki/Spike_(neuron)>\\)',
		);
		expect(escapeMarkdown('At https://example.org/a_b. Then _x_')).toBe('At https://example.org/a_b. Then \\_x\\_');
	});
});

describe('plainLine and plainParagraphs', () => {
	it('make one line: LaTeX readable, invisible characters gone, whitespace folded and trimmed', () => {
		expect(plainLine('  Spiking\n\t$\\alpha$-nets\u200B  for   all ')).toBe('Spiking α-nets for all');
	});

	it('keep paragraph breaks, fold the lines within a paragraph and drop empty paragraphs', () => {
		expect(plainParagraphs('First line\nwraps here.\n\n\n  Second  \n \n\n')).toBe('First line wraps here.\n\nSecond');
	});

	it('treat a line of zero-width characters between paragraphs as blank', () => {
		expect(plainParagraphs(`One.\n${ZWSP}\u2060\nTwo.`)).toBe('One.\n\nTwo.');
	});
});
