import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { encodeCustomId } from '../interaction/custom-ids.js';
import { doiUrl, isArxivKey, type Paper, paperLabel, paperUrl, pdfUrl } from '../corpus/paper.js';
import { EMBED_LIMITS, embedCharacterCount, truncateAtWord } from './limits.js';
import { markdownSafe, plainLine, plainParagraphs, plainSafe } from './safe-text.js';

// Discord's enum values, written as literals so building a card never loads discord.js.
export const ACTION_ROW: ComponentType.ActionRow = 1;
export const BUTTON: ComponentType.Button = 2;
export const STRING_SELECT: ComponentType.StringSelect = 3;
export const SECONDARY: ButtonStyle.Secondary = 2;
export const PRIMARY: ButtonStyle.Primary = 1;
const LINK: ButtonStyle.Link = 5;

/** Embed colours by primary category: exact categories first, then whole archives. */
const CATEGORY_COLOURS: Record<string, number> = {
	'cs.LG': 0x4f7cff,
	'cs.CV': 0x2bb3a3,
	'cs.NE': 0xe0a526,
	'cs.CR': 0xd9534f,
	'cs.AI': 0x8e5bd9,
	'cs.CL': 0x3fa34d,
	'stat.ML': 0x5b8fd9,
	cs: 0x607d8b,
	physics: 0xe8743b,
	math: 0x795548,
};
const PHYSICS_ARCHIVES = /^(physics|quant-ph|cond-mat|hep-|nucl-|astro-ph|gr-qc|nlin|math-ph)/;
const DEFAULT_COLOUR = 0x9e9e9e;

/** Options for `buildPaperCard`. */
export interface PaperCardOptions {
	/** A line above the title saying why this card is shown, e.g. "Paper of the day". */
	heading?: string;
	/** Caps the description below Discord's 4,096, so the card fits beside other embeds. */
	descriptionMax?: number;
}

/** The colour of a card: by the paper's primary category, grey when it is unknown. */
export function categoryColour(categories: readonly string[] | null): number {
	const primary = categories?.[0];
	if (!primary) return DEFAULT_COLOUR;
	const archive = primary.split('.')[0]!;
	if (primary in CATEGORY_COLOURS) return CATEGORY_COLOURS[primary]!;
	if (PHYSICS_ARCHIVES.test(primary)) return CATEGORY_COLOURS.physics!;
	return CATEGORY_COLOURS[archive] ?? DEFAULT_COLOUR;
}

/**
 * The title a person reads for a paper, as plain text: its title, or when that is unknown its key
 * and the opening words of its abstract. Never empty.
 */
export function displayTitle(paper: Paper): string {
	const title = paper.title ? plainLine(paper.title) : '';
	if (title) return title;
	const opening = paper.abstract ? truncateAtWord(plainLine(paper.abstract), 80) : '';
	return opening ? `${paperLabel(paper.id)} — ${opening}` : paperLabel(paper.id);
}

/**
 * Markdown for text linking to `url` (`[text](url)`, or `[text](<url>)` when `quiet`, which stops
 * Discord unfurling it); the text alone when there is no URL. The text must be markdown-safe already.
 */
export function markdownLink(text: string, url: string | null, quiet = false): string {
	const safeUrl = url === null ? null : httpUrl(url);
	if (!safeUrl) return text;
	return quiet ? `[${text}](<${safeUrl}>)` : `[${text}](${safeUrl})`;
}

/** What a card says in place of an abstract no source gave: never an invented one. */
export const NO_ABSTRACT = '*No abstract is known for this paper.*';

/** Discord's limit on a thread's name. */
const THREAD_NAME_MAX = 100;

/** A discussion thread's name: the paper's readable title (or `arXiv:<id>`), cut at a word within 100 characters. */
export function threadName(paper: Paper): string {
	const title = paper.title ? plainLine(paper.title) : '';
	return truncateAtWord(title || `arXiv:${paper.id}`, THREAD_NAME_MAX);
}

/** "Ada Lovelace et al." style: the first author, and how many more there are. */
export function shortAuthors(authors: readonly string[] | null): string | null {
	if (!authors) return null;
	const first = plainLine(authors[0]!);
	if (authors.length === 1) return first;
	if (authors.length === 2) return `${first} and ${plainLine(authors[1]!)}`;
	return `${first} et al.`;
}

/** The paper as a card: title linking to where the paper lives, abstract, and what is known. */
export function buildPaperCard(paper: Paper, options: PaperCardOptions = {}): APIEmbed {
	const title = truncateAtWord(markdownSafe(displayTitle(paper)), EMBED_LIMITS.title);
	const fields = paperFields(paper);
	const footer = { text: truncateAtWord(plainSafe(paperLabel(paper.id)), EMBED_LIMITS.footer) };
	const author = options.heading ? { name: truncateAtWord(plainSafe(options.heading), EMBED_LIMITS.authorName) } : undefined;
	const room = EMBED_LIMITS.total - embedCharacterCount({ title, fields, footer, ...(author && { author }) });
	const descriptionMax = Math.max(0, Math.min(EMBED_LIMITS.description, options.descriptionMax ?? Infinity, room));
	const abstract = paper.abstract ? markdownSafe(plainParagraphs(paper.abstract)) : NO_ABSTRACT;
	const description = truncateAtWord(abstract, descriptionMax);
	const url = paperUrl(paper);
	const safeUrl = url === null ? null : httpUrl(url);
	return {
		...(author && { author }),
		title,
		...(safeUrl && { url: safeUrl }),
		...(description && { description }),
		color: categoryColour(paper.categories),
		fields,
		footer,
	};
}

function paperFields(paper: Paper): APIEmbedField[] {
	const fields: APIEmbedField[] = [{ name: 'Authors', value: authorList(paper.authors), inline: false }];
	if (paper.published) {
		const updated = paper.updated && paper.updated !== paper.published ? ` (updated ${paper.updated})` : '';
		const version = paper.version && paper.version > 1 ? ` · v${paper.version}` : '';
		fields.push({ name: 'Published', value: `${paper.published}${version}${updated}`, inline: true });
	} else if (paper.version && paper.version > 1) fields.push({ name: 'Version', value: `v${paper.version}`, inline: true });
	if (paper.categories) {
		fields.push({ name: 'Categories', value: textField(paper.categories.join(' · ')), inline: true });
	}
	if (paper.venue) fields.push({ name: 'Venue', value: textField(paper.venue), inline: false });
	if (paper.comment) fields.push({ name: 'Comment', value: textField(paper.comment), inline: false });
	if (paper.journal_ref) fields.push({ name: 'Journal', value: textField(paper.journal_ref), inline: false });
	const arxiv = isArxivKey(paper.id);
	// An arXiv paper's DOI is its published version's: the second place it lives.
	if (paper.doi) fields.push({ name: arxiv ? 'Published version' : 'DOI', value: linkOrText(paper.doi, doiUrl(paper.doi)), inline: true });
	if (paper.url && paper.url !== paperUrl(paper))
		fields.push({ name: 'Link', value: linkOrText(shortUrl(paper.url), paper.url), inline: true });
	if (arxiv) fields.push({ name: 'PDF', value: `[arXiv PDF](${pdfUrl(paper.id)})`, inline: true });
	if (paper.code_url) fields.push({ name: 'Code', value: linkOrText(shortUrl(paper.code_url), paper.code_url), inline: true });
	return fields.filter((field) => field.value.trim());
}

function textField(text: string): string {
	return truncateAtWord(markdownSafe(plainLine(text)), EMBED_LIMITS.fieldValue);
}

/** Every author that fits in one field, then how many more there are. */
function authorList(authors: readonly string[] | null): string {
	const names = (authors ?? []).map((author) => markdownSafe(plainLine(author))).filter(Boolean);
	if (names.length === 0) return 'Unknown';
	const more = (hidden: number) => (hidden > 0 ? ` and ${hidden} more` : '');
	const shown: string[] = [];
	for (const name of names) {
		const candidate = [...shown, name].join(', ');
		if (candidate.length + more(names.length - shown.length - 1).length > EMBED_LIMITS.fieldValue) break;
		shown.push(name);
	}
	if (shown.length === 0) {
		const suffix = more(names.length - 1);
		return truncateAtWord(names[0]!, EMBED_LIMITS.fieldValue - suffix.length) + suffix;
	}
	return shown.join(', ') + more(names.length - shown.length);
}

/** A masked link when the URL is a well-formed http(s) URL; otherwise the text, escaped. */
function linkOrText(text: string, url: string): string {
	const safeUrl = httpUrl(url);
	const label = truncateAtWord(markdownSafe(plainLine(text)), 200);
	if (!safeUrl) return label;
	return `[${label}](${safeUrl})`;
}

function httpUrl(text: string): string | null {
	try {
		const url = new URL(text.trim());
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		// Parentheses and spaces would end a markdown link early.
		const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
		return href.length <= 512 ? href : null;
	} catch {
		return null;
	}
}

function shortUrl(url: string): string {
	return url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
}

/** Options for `cardComponents`: which buttons the card carries besides its PDF link. */
export interface CardComponentOptions {
	/** A Share button, for posting an ephemeral card to the channel. */
	share: boolean;
	/** A Discuss button, for opening a thread on the paper. */
	discuss: boolean;
}

/** The buttons under a paper's card: Share and/or Discuss, and a link to the PDF (or, off arXiv, to where the paper lives). */
export function cardComponents(paper: Paper, options: CardComponentOptions): APIActionRowComponent<APIButtonComponent> {
	return { type: ACTION_ROW, components: cardButtons(paper, options) };
}

/** The buttons of `cardComponents`, for rows that carry other buttons too. */
export function cardButtons(paper: Paper, options: CardComponentOptions): APIButtonComponent[] {
	const buttons: APIButtonComponent[] = [];
	if (options.share) {
		buttons.push({ type: BUTTON, style: PRIMARY, label: 'Share', custom_id: encodeCustomId({ kind: 'share', id: paper.id }) });
	}
	if (options.discuss) {
		buttons.push({ type: BUTTON, style: SECONDARY, label: 'Discuss', custom_id: encodeCustomId({ kind: 'discuss', id: paper.id }) });
	}
	if (isArxivKey(paper.id)) buttons.push({ type: BUTTON, style: LINK, label: 'PDF', url: pdfUrl(paper.id) });
	else {
		const url = paperUrl(paper);
		const safeUrl = url === null ? null : httpUrl(url);
		if (safeUrl) buttons.push({ type: BUTTON, style: LINK, label: paper.doi ? 'DOI' : 'Link', url: safeUrl });
	}
	return buttons;
}
