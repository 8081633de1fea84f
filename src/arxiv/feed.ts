import { arxivVersionOf, normaliseArxivId, paperSchema, type Paper } from '../corpus/paper.js';
import { asList, attributeOf, dateOf, foldWhitespace, isNode, readAtomFeed, textOf, type XmlNode } from './atom.js';
import { ArxivError, type ArxivErrorCode } from './error.js';

/** A paper arXiv knows but that cannot be added, with the one-sentence reason. */
export interface RefusedPaper {
	id: string;
	code: ArxivErrorCode;
	reason: string;
}

/** An arXiv Atom feed (the answer of the `query` API) read into papers. */
export interface ArxivFeed {
	/** `opensearch:totalResults`, or null when the feed does not say. */
	totalResults: number | null;
	papers: Paper[];
	/** Entries for real papers that cannot be added: withdrawn, or missing their title or abstract. */
	refused: RefusedPaper[];
	/** The `summary` of each error entry (`http://arxiv.org/api/errors#...`) arXiv sent instead of a paper. */
	apiErrors: string[];
}

/** Whether arXiv's entry says its paper was withdrawn: its comment, or an abstract that is only that notice. */
export function isWithdrawn(comment: string, abstract: string): boolean {
	return /withdrawn/i.test(comment) || /^(this|the) (paper|article|manuscript|submission) (has been|is) withdrawn/i.test(abstract);
}

type EntryReading = { paper: Paper } | { refused: RefusedPaper } | { apiError: string };

function readEntry(entry: XmlNode, position: number): EntryReading {
	const rawId = foldWhitespace(textOf(entry.id));
	if (/arxiv\.org\/api\/errors/i.test(rawId)) {
		return { apiError: foldWhitespace(textOf(entry.summary)) || 'unspecified error' };
	}
	const id = normaliseArxivId(rawId);
	if (id === null) {
		throw new ArxivError('malformed-feed', `arXiv's feed has an entry (number ${position}) without an arXiv id.`);
	}
	const title = foldWhitespace(textOf(entry.title));
	const abstract = foldWhitespace(textOf(entry.summary));
	const comment = foldWhitespace(textOf(entry['arxiv:comment']));
	if (isWithdrawn(comment, abstract)) {
		return { refused: { id, code: 'withdrawn', reason: `arXiv paper ${id} has been withdrawn by its authors.` } };
	}
	if (!title) {
		return { refused: { id, code: 'incomplete-entry', reason: `arXiv's entry for ${id} is missing its title.` } };
	}
	if (!abstract) {
		return { refused: { id, code: 'incomplete-entry', reason: `arXiv's entry for ${id} is missing its abstract.` } };
	}
	const primaryCategory = attributeOf(entry['arxiv:primary_category'], 'term');
	const otherCategories = asList(entry.category).map((category) => attributeOf(category, 'term'));
	const categories = [...new Set([primaryCategory, ...otherCategories].filter((term): term is string => !!term?.trim()))];
	const record = paperSchema.safeParse({
		id,
		title,
		authors: asList(entry.author)
			.map((author) => foldWhitespace(isNode(author) ? textOf(author.name) : null))
			.filter(Boolean),
		abstract,
		categories,
		comment,
		journal_ref: foldWhitespace(textOf(entry['arxiv:journal_ref'])),
		doi: foldWhitespace(textOf(entry['arxiv:doi'])),
		published: dateOf(entry.published),
		updated: dateOf(entry.updated),
		version: arxivVersionOf(rawId),
	});
	if (!record.success) {
		const issue = record.error.issues[0];
		const reason = `arXiv's entry for ${id} could not be read (${issue?.path.join('.')}: ${issue?.message}).`;
		return { refused: { id, code: 'incomplete-entry', reason } };
	}
	return { paper: record.data };
}

/**
 * Reads the Atom feed arXiv's query API answers with into papers, mapped onto paperbot's `Paper`:
 * title and abstract with whitespace folded, every author, the primary category first, comment,
 * journal reference, DOI, and the first and latest version dates. Error entries and refused
 * papers (withdrawn, no title, no abstract) are reported beside the papers, never as papers.
 * Throws an `ArxivError` ('malformed-feed') when the text is not well-formed XML or not a feed.
 */
export function parseArxivFeed(xml: string): ArxivFeed {
	const feed = readAtomFeed(xml);
	const totalText = textOf(feed['opensearch:totalResults'])?.trim() ?? '';
	const result: ArxivFeed = {
		totalResults: /^\d+$/.test(totalText) ? Number(totalText) : null,
		papers: [],
		refused: [],
		apiErrors: [],
	};
	asList(feed.entry).forEach((entry, index) => {
		const reading = readEntry(isNode(entry) ? entry : {}, index + 1);
		if ('paper' in reading) result.papers.push(reading.paper);
		else if ('refused' in reading) result.refused.push(reading.refused);
		else result.apiErrors.push(reading.apiError);
	});
	return result;
}
