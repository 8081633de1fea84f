import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';

/** A message payload as the console receives it: what Discord would be sent. */
export interface RenderableMessage {
	content?: string;
	embeds: readonly APIEmbed[];
	components: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Column at which descriptions and field values wrap. */
const WIDTH = 80;

/**
 * A message payload as a terminal shows it: each embed's heading, title, link, wrapped
 * description, fields as "Name: value" and footer; then the buttons as "[Previous] [Next]" and
 * each select menu's choices. Markdown is removed; code blocks in the content are kept verbatim.
 */
export function renderMessageAsText(message: RenderableMessage): string {
	const blocks: string[] = [];
	if (message.content?.trim()) blocks.push(renderContent(message.content));
	for (const embed of message.embeds) blocks.push(renderEmbed(embed));
	const components = renderComponents(message.components);
	if (components) blocks.push(components);
	return blocks.join('\n\n');
}

function renderEmbed(embed: APIEmbed): string {
	const lines: string[] = [];
	if (embed.author?.name) lines.push(embed.author.name);
	if (embed.title) lines.push(markdownToPlain(embed.title));
	if (embed.url) lines.push(embed.url);
	if (embed.description) {
		if (lines.length) lines.push('');
		lines.push(wrap(markdownToPlain(embed.description), WIDTH));
	}
	if (embed.fields?.length) {
		lines.push('');
		for (const field of embed.fields) {
			lines.push(wrap(`${markdownToPlain(field.name)}: ${markdownToPlain(field.value)}`, WIDTH, '  '));
		}
	}
	if (embed.footer?.text) lines.push(embed.footer.text);
	return lines.join('\n').replace(/^\n+/, '');
}

function renderComponents(rows: RenderableMessage['components']): string {
	const lines: string[] = [];
	for (const row of rows) {
		const buttons = row.components.filter((component) => !('options' in component) && 'label' in component);
		if (buttons.length) lines.push(buttons.map((button) => `[${'label' in button ? button.label : ''}]`).join(' '));
		for (const menu of row.components) {
			if (!('options' in menu)) continue;
			lines.push(`${(menu.placeholder ?? 'Choose').replace(/…$/, '')}:`);
			for (const option of menu.options) {
				const description = option.description ? ` — ${option.description}` : '';
				lines.push(`  • ${option.label}${description}`);
			}
		}
	}
	return lines.join('\n');
}

/** Message content: markdown removed outside code blocks; code blocks kept as written, fences dropped. */
function renderContent(content: string): string {
	return content
		.split(/```[^\n]*\n?/)
		.map((part, index) => (index % 2 === 1 ? part.replace(/\n$/, '') : markdownToPlain(part).trim()))
		.filter(Boolean)
		.join('\n');
}

/**
 * The text Discord would show for paperbot's markdown: escapes undone, bold and code spans unmarked,
 * masked links as "text <url>", `<url>` as the bare URL, the zero-width spaces that defuse mentions dropped.
 */
export function markdownToPlain(text: string): string {
	const MARKDOWN = /\\([^\p{L}\p{N}\s])|\*\*|`|\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^\s)]+)\)|<(https?:\/\/[^\s>]+)>/gu;
	return text
		.replace(MARKDOWN, (_match, escaped?: string, linkText?: string, url?: string, bareUrl?: string) => {
			if (escaped !== undefined) return escaped;
			if (url !== undefined) return `${markdownToPlain(linkText ?? '')} <${url}>`;
			return bareUrl ?? '';
		})
		.replace(/\u200B/g, '');
}

/**
 * Word-wraps each line of the text to the width. Continuation lines start with the indent, or for
 * a numbered list item line up under its text.
 */
function wrap(text: string, width: number, hangingIndent = ''): string {
	return text
		.split('\n')
		.map((line) => {
			const indent = /^\d+\. /.exec(line)?.[0].replace(/./g, ' ') ?? hangingIndent;
			const wrapped: string[] = [];
			let current = '';
			for (const word of line.split(/ +/)) {
				if (current && current.length + 1 + word.length > width) {
					wrapped.push(current);
					current = indent + word;
				} else {
					current = current ? `${current} ${word}` : word;
				}
			}
			wrapped.push(current);
			return wrapped.join('\n');
		})
		.join('\n');
}
