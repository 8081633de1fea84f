import type { APIActionRowComponent, APIButtonComponent } from 'discord-api-types/v10';
import type { Curation } from '../arxiv/curation.js';
import { buildPaperCard, buildResultsMessage, cardComponents, threadName } from '../cards/index.js';
import { truncateAtWord } from '../cards/limits.js';
import { ACTION_ROW, BUTTON, displayTitle, SECONDARY } from '../cards/paper-card.js';
import { defuseMentions, markdownSafe, plainLine } from '../cards/safe-text.js';
import { doiOfKey, isArxivKey, normalisePaperKey, type Paper, paperLabel } from '../corpus/paper.js';
import { idNotInCorpus } from '../search/id-query.js';
import { getPaper, searchPapers, type PaperIndex } from '../search/paper-index.js';
import { malformedFilterProblem } from '../search/query.js';
import { similarPapers } from '../search/similar.js';
import type { Asker } from '../interaction/command.js';
import { CUSTOM_ID_MAX, carriedPaperKey, encodeCustomId } from '../interaction/custom-ids.js';
import { keyForQuery } from '../interaction/query-keys.js';
import { privateReply, privateText, publicReply, UserError, type Reply } from '../interaction/reply.js';
import { type CommandSpelling, spellingFor, type Surface } from '../interaction/spelling.js';

/** Longest query accepted; longer text is a paste gone wrong, not a search. */
export const QUERY_MAX_LENGTH = 300;
const RESULTS_PER_PAGE = 5;
/** The best matches a search pages through. */
const RESULTS_SHOWN = 100;
/** Discord allows five buttons in a row. */
const BUTTONS_PER_ROW = 5;

/** What finding papers needs: the index in service, and where the asker is, for the hints in answers. */
export interface PaperContext {
	readonly index: PaperIndex;
	readonly surface?: Surface | undefined;
}

/**
 * The private results page for a query (filters written into it): the best match as a card, then
 * a list, with Previous/Next buttons that carry the query.
 */
export function searchPage(query: string, page: number, context: PaperContext): Reply {
	const { index } = context;
	const spelling = spellingFor(context);
	const trimmed = query.trim();
	if (!trimmed) throw new UserError(`Type some words to search for, e.g. ${spelling.search('spiking gan')}.`);
	if (trimmed.length > QUERY_MAX_LENGTH) {
		throw new UserError(`That query is ${trimmed.length} characters long; keep it under ${QUERY_MAX_LENGTH}.`);
	}
	const badFilter = malformedFilterProblem(trimmed);
	if (badFilter) throw new UserError(quoteUserText(badFilter));
	const missingId = idNotInCorpus(index, trimmed);
	if (missingId) throw new UserError(notInCorpus(missingId, spelling));
	const found = searchPapers(index, trimmed, {}, { limit: RESULTS_SHOWN + 1 }).map((result) => result.paper);
	const results = found.slice(0, RESULTS_SHOWN);
	if (!results.length)
		throw new UserError(`No paper matches “${quoteUserText(trimmed)}”. Try fewer or other words, or check the spelling.`);
	const pageCount = Math.ceil(results.length / RESULTS_PER_PAGE);
	const shown = Math.min(page, pageCount - 1);
	const slice = results.slice(shown * RESULTS_PER_PAGE, (shown + 1) * RESULTS_PER_PAGE);
	const fitsInCustomId = encodeCustomId({ kind: 'page', page: pageCount, query: trimmed }).length <= CUSTOM_ID_MAX;
	const pageKey = fitsInCustomId ? undefined : keyForQuery(trimmed);
	return privateReply(
		buildResultsMessage({
			query: trimmed,
			page: shown,
			pageSize: RESULTS_PER_PAGE,
			results: slice,
			total: results.length,
			moreThanTotal: found.length > RESULTS_SHOWN,
			pageKey,
		}),
	);
}

/** Search options given beside the query, as `/paper search` takes them. */
export interface SearchFilterOptions {
	author?: string | undefined;
	year?: number | undefined;
	category?: string | undefined;
}

/** The search option values written as query filters, so page buttons carry them too. */
export function queryWithFilters(query: string, { author, year, category }: SearchFilterOptions): string {
	const quote = (text: string) => (/\s/.test(text) ? `"${text.replace(/"/g, '')}"` : text);
	const filters = [
		author?.trim() ? `author:${quote(author.trim())}` : '',
		year !== undefined ? `year:${year}` : '',
		category?.trim() ? `cat:${quote(category.trim())}` : '',
	];
	return [query, ...filters].filter(Boolean).join(' ');
}

/** Says that the paper `key` names is not in the corpus, and how to add it when it can be added: from arXiv, or by its DOI. */
function notInCorpus(key: string, spelling: CommandSpelling): string {
	const addable = isArxivKey(key) ? key : doiOfKey(key);
	if (addable === null) return `${quoteUserText(key)} is not in the corpus. ${spelling.findId}`;
	const from = isArxivKey(key) ? 'from arXiv' : 'by its DOI';
	return `${quoteUserText(paperLabel(key))} is not in the corpus; add it ${from} with ${spelling.add(addable)}.`;
}

/** Finds a paper by any form of its id, or says plainly that the corpus lacks it. */
export function requirePaper(context: PaperContext, id: string): Paper {
	const paper = getPaper(context.index, id);
	if (paper) return paper;
	const spelling = spellingFor(context);
	const key = normalisePaperKey(id.trim());
	if (key === null)
		throw new UserError(
			`“${quoteUserText(id.slice(0, 100))}” is not an arXiv id or a DOI (e.g. 2305.00054, arXiv:2305.00054v2 or 10.1145/3292500.3330701). ${spelling.findId}`,
		);
	throw new UserError(notInCorpus(key, spelling));
}

/** What the user typed, quoted back in a reply: shown as written, never as markdown or a mention. */
export function quoteUserText(text: string): string {
	return markdownSafe(plainLine(text));
}

/** A full card for everyone in the channel, with Discuss. */
export function publicCard(paper: Paper): Reply {
	return publicReply({ embeds: [buildPaperCard(paper)], components: [cardComponents(paper, { share: false, discuss: true })] });
}

/** A full card only the asker sees, with Share. */
export function privateCard(paper: Paper): Reply {
	return privateReply({ embeds: [buildPaperCard(paper)], components: [cardComponents(paper, { share: true, discuss: false })] });
}

/** A full card for everyone with a thread named after the paper; the asker's note (by their name, when given) is its first message. */
export function shareReply(paper: Paper, askerName: string | null, note: string | undefined): Reply {
	const said = note?.trim() ? defuseMentions(note.trim()) : undefined;
	const firstMessage = said && askerName !== null ? `**${quoteUserText(askerName)}** wrote: ${said}` : said;
	return { ...publicCard(paper), thread: { name: threadName(paper), ...(firstMessage ? { firstMessage } : {}) } };
}

/** Longest title quoted in a similar-papers heading, so the result count after it stays visible. */
const SIMILAR_TITLE_MAX = 150;

/** The papers most like `paper` (named by its title), privately, as a list; or a sentence saying none is close. */
export function similarPapersReply(index: PaperIndex, paper: Paper): Reply {
	const similar = similarPapers(index, paper.id, RESULTS_PER_PAGE).map((found) => found.paper);
	const title = truncateAtWord(displayTitle(paper), SIMILAR_TITLE_MAX);
	if (!similar.length)
		return { ...privateText(`No other paper in the corpus is close enough to “${quoteUserText(title)}” to call similar.`), isEmpty: true };
	return privateReply(
		buildResultsMessage({
			query: `similar to “${title}”`,
			page: 0,
			pageSize: RESULTS_PER_PAGE,
			results: similar,
			total: similar.length,
			paging: false,
		}),
	);
}

/** The curation when the asker may use it, else null. */
function curationFor(asker: Asker, curation: Curation | undefined): Curation | null {
	return curation?.mayAdd(asker) ? curation : null;
}

/**
 * Adds one paper by arXiv id, DOI or link and answers with its card for everyone, with Discuss.
 * Every failure (not allowed, a bad id, already in the corpus, anything arXiv or Crossref answers
 * instead of the paper) is a UserError of one sentence naming the cause.
 */
export async function addPaperReply(text: string, asker: Asker, curation: Curation | undefined, surface?: Surface): Promise<Reply> {
	if (!curation) throw new UserError('Adding papers is not available here: paperbot may not write to the corpus folder.');
	if (!curationFor(asker, curation)) {
		throw new UserError('Sorry, only members with Manage Server or the curator role can add papers; ask one of them to add it.');
	}
	const { added, present, failed } = await curation.addPapers([text]);
	const paper = added[0];
	if (failed[0]) throw new UserError(failed[0].reason);
	if (!paper)
		throw new UserError(
			`${quoteUserText(paperLabel(present[0] ?? text))} is already in the corpus: ${spellingFor({ surface }).show(present[0] ?? text)} posts it.`,
		);
	const reply = publicReply({
		content: `Added to the corpus by <@${asker.user.id}>`,
		embeds: [buildPaperCard(paper)],
		components: [cardComponents(paper, { share: false, discuss: true })],
	});
	return {
		...reply,
		privateNote: `Added ${paperLabel(paper.id)} to the corpus; its card is posted in the channel.`,
		done: `Added ${paperLabel(paper.id)} to the corpus`,
	};
}

/** Discord's longest button label. */
const BUTTON_LABEL_MAX = 80;

/**
 * "Add to corpus" buttons for papers not in the corpus, when the asker may add them; else no row.
 * A key too long for a button to carry as written (a very long DOI) gets none: it is added with
 * `/paper add`.
 */
export function addButtonRows(
	ids: readonly string[],
	asker: Asker,
	curation: Curation | undefined,
): APIActionRowComponent<APIButtonComponent>[] {
	const addable = ids.filter((id) => carriedPaperKey(id) === id);
	if (!addable.length || !curationFor(asker, curation)) return [];
	const buttons = addable.slice(0, BUTTONS_PER_ROW).map(
		(id): APIButtonComponent => ({
			type: BUTTON,
			style: SECONDARY,
			label: `Add ${truncateAtWord(id, BUTTON_LABEL_MAX - 'Add  to corpus'.length)} to corpus`,
			custom_id: encodeCustomId({ kind: 'add', id }),
		}),
	);
	return [{ type: ACTION_ROW, components: buttons }];
}

/**
 * Cards for the papers a message names (arXiv ids and DOIs, as keys), privately: one card, or a
 * list, with "Add to corpus" buttons for those not in the corpus when the asker may add papers.
 */
export function messagePapersReply(ids: readonly string[], index: PaperIndex, asker: Asker, curation: Curation | undefined): Reply {
	if (!ids.length) throw new UserError('That message has no arXiv id, DOI or link in it.');
	const papers = ids.flatMap((id) => getPaper(index, id) ?? []);
	const missing = ids.filter((id) => !getPaper(index, id));
	const content = missing.length ? `Not in the corpus: ${missing.map((id) => quoteUserText(paperLabel(id))).join(', ')}` : undefined;
	const addRows = addButtonRows(missing, asker, curation);
	const [first, ...others] = papers;
	if (!first) {
		if (!addRows.length) throw new UserError(`${content}.`);
		return privateReply({ content: `${content}.`, embeds: [], components: addRows });
	}
	if (!others.length) {
		return privateReply({
			content,
			embeds: [buildPaperCard(first)],
			components: [cardComponents(first, { share: true, discuss: false }), ...addRows],
		});
	}
	const list = buildResultsMessage({
		query: 'papers in that message',
		page: 0,
		pageSize: papers.length,
		results: papers,
		total: papers.length,
		paging: false,
	});
	return privateReply({ ...list, content, components: [...list.components, ...addRows] });
}
