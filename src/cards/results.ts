import type {
	APIActionRowComponent,
	APIButtonComponent,
	APIComponentInMessageActionRow,
	APIEmbed,
	APISelectMenuOption,
} from 'discord-api-types/v10';
import { CUSTOM_ID_MAX, carriedPaperKey, encodeCustomId } from '../interaction/custom-ids.js';
import { type Paper, paperLabel, paperUrl } from '../corpus/paper.js';
import { COMPONENT_LIMITS, EMBED_LIMITS, embedCharacterCount, truncateAtWord } from './limits.js';
import {
	ACTION_ROW,
	BUTTON,
	buildPaperCard,
	cardButtons,
	displayTitle,
	markdownLink,
	SECONDARY,
	shortAuthors,
	STRING_SELECT,
} from './paper-card.js';
import { markdownSafe, plainLine } from './safe-text.js';

/** One page of search results, as `buildResultsMessage` takes it. */
export interface ResultsPage {
	/** What was searched for, as the person typed it. */
	query: string;
	/** Zero-based page number. */
	page: number;
	pageSize: number;
	/** This page's papers, best first (at most `pageSize`; any beyond are not shown). */
	results: readonly Paper[];
	/** How many papers match the query across all pages. */
	total: number;
	/** More papers match than the `total` shown (a search returns its best matches only). */
	moreThanTotal?: boolean;
	/** Carried by the page buttons instead of the query when the query would not fit in a custom_id. */
	pageKey?: string;
	/** Previous/Next buttons; false for lists that have only one page by nature. Default true. */
	paging?: boolean;
}

/** A message's embeds and components, ready for an interaction reply. */
export interface CardMessage {
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

const LIST_TITLE_MAX = 120;

/**
 * A page of results: on page 0 the best match as a full card and a list of the next matches, on
 * later pages the list alone; Previous/Next buttons, a menu to open any listed paper, and the
 * card's Share button. Throws when a page button's custom_id would pass Discord's 100 characters:
 * the caller then passes a shorter `pageKey`.
 */
export function buildResultsMessage(page: ResultsPage): CardMessage {
	const papers = uniqueById(page.results.slice(0, pageSize(page)));
	const firstRank = page.page * pageSize(page) + 1;
	if (papers.length === 0) {
		const text = `No papers match “${plainLine(page.query)}”.`;
		return { embeds: [{ description: markdownSafe(truncateAtWord(text, 1000)) }], components: [] };
	}
	const best = page.page === 0 ? papers[0] : undefined;
	const listed = best ? papers.slice(1) : papers;
	const embeds: APIEmbed[] = [];
	const list = listed.length ? listEmbed(page, listed, best ? firstRank + 1 : firstRank) : undefined;
	if (best) {
		const heading = `${resultsHeading(page)} · ${countText(page)}`;
		const room = EMBED_LIMITS.total - (list ? embedCharacterCount(list) : 0);
		embeds.push(buildPaperCard(best, { heading, descriptionMax: room - cardSizeWithoutDescription(best, heading) }));
	}
	if (list) embeds.push(list);
	if (!list && embeds[0]) embeds[0].footer = { text: `${embeds[0].footer?.text ?? ''} · ${pageText(page)}` };
	return { embeds, components: resultComponents(page, papers, best) };
}

function cardSizeWithoutDescription(paper: Paper, heading: string): number {
	const card = buildPaperCard(paper, { heading, descriptionMax: 0 });
	return embedCharacterCount(card);
}

function listEmbed(page: ResultsPage, papers: readonly Paper[], firstRank: number): APIEmbed {
	const lines = papers.map((paper, index) => listLine(paper, firstRank + index));
	let description = '';
	for (const line of lines) {
		// Whole lines only: a cut line could leave half a markdown link behind.
		if (description.length + line.length + 1 > EMBED_LIMITS.description) break;
		description += (description ? '\n' : '') + line;
	}
	const title = page.page === 0 ? 'More matches' : resultsHeading(page);
	return {
		title: truncateAtWord(markdownSafe(title), EMBED_LIMITS.title),
		description,
		footer: { text: pageText(page) },
	};
}

function listLine(paper: Paper, rank: number): string {
	const title = truncateAtWord(displayTitle(paper), LIST_TITLE_MAX);
	const details = [shortAuthors(paper.authors), paperYear(paper), paper.categories?.[0]]
		.filter((detail): detail is string => Boolean(detail))
		.map((detail) => markdownSafe(truncateAtWord(plainLine(detail), 60)))
		.join(' · ');
	return `**${rank}.** ${markdownLink(markdownSafe(title), paperUrl(paper))}${details ? ` — ${details}` : ''}`;
}

function resultComponents(page: ResultsPage, papers: readonly Paper[], best: Paper | undefined): CardMessage['components'] {
	const buttons: APIButtonComponent[] = [];
	if (page.paging !== false) buttons.push(...pageButtons(page));
	if (best) buttons.push(...cardButtons(best, { share: true, discuss: false }).filter((button) => 'custom_id' in button));
	const rows: CardMessage['components'] = [];
	if (buttons.length) rows.push({ type: ACTION_ROW, components: buttons });
	rows.push({
		type: ACTION_ROW,
		components: [
			{
				type: STRING_SELECT,
				custom_id: encodeCustomId({ kind: 'open' }),
				placeholder: 'Open a paper…',
				min_values: 1,
				max_values: 1,
				options: papers.slice(0, COMPONENT_LIMITS.selectOptions).map(selectOption),
			},
		],
	});
	return rows;
}

function pageButtons(page: ResultsPage): APIButtonComponent[] {
	const key = page.pageKey ?? page.query;
	const previous = encodeCustomId({ kind: 'page', page: Math.max(page.page - 1, 0), query: key });
	const next = encodeCustomId({ kind: 'page', page: page.page + 1, query: key });
	for (const customId of [previous, next]) {
		if (customId.length > CUSTOM_ID_MAX) {
			throw new Error(`cards: the page button id "${customId.slice(0, 40)}…" passes ${CUSTOM_ID_MAX} characters; pass a shorter pageKey`);
		}
	}
	return [
		{ type: BUTTON, style: SECONDARY, label: 'Previous', custom_id: previous, disabled: page.page <= 0 },
		{ type: BUTTON, style: SECONDARY, label: 'Next', custom_id: next, disabled: page.page + 1 >= pageCount(page) },
	];
}

function selectOption(paper: Paper): APISelectMenuOption {
	const option: APISelectMenuOption = {
		label: truncateAtWord(displayTitle(paper), COMPONENT_LIMITS.optionLabel),
		value: carriedPaperKey(paper.id),
	};
	const details = [shortAuthors(paper.authors), paperYear(paper), paperLabel(paper.id)].filter(Boolean).join(' · ');
	option.description = truncateAtWord(details, COMPONENT_LIMITS.optionDescription);
	return option;
}

function uniqueById(papers: readonly Paper[]): Paper[] {
	const seen = new Set<string>();
	return papers.filter((paper) => !seen.has(paper.id) && Boolean(seen.add(paper.id)));
}

function paperYear(paper: Paper): string | null {
	return paper.published?.slice(0, 4) ?? null;
}

/** A search names what was typed; other lists (`paging: false`) pass a description as the query. */
function resultsHeading(page: ResultsPage): string {
	const query = plainLine(page.query);
	if (page.paging === false) return query.charAt(0).toUpperCase() + query.slice(1);
	return page.page === 0 ? `Best match for “${query}”` : `Results for “${query}”`;
}

function countText(page: ResultsPage): string {
	if (page.moreThanTotal) return `more than ${page.total} results; the best ${page.total} are shown`;
	return page.total === 1 ? '1 result' : `${page.total} results`;
}

function pageText(page: ResultsPage): string {
	return `Page ${page.page + 1} of ${pageCount(page)} · ${countText(page)}`;
}

function pageSize(page: ResultsPage): number {
	return Math.max(1, Math.floor(page.pageSize));
}

function pageCount(page: ResultsPage): number {
	return Math.max(1, Math.ceil(page.total / pageSize(page)));
}
