import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { normaliseArxivId, paperSchema, type Paper } from '../corpus/paper.js';
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

type XmlNode = Record<string, unknown>;

const REPEATABLE_TAGS = new Set(['entry', 'author', 'category', 'link']);

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	// ids like 2305.00054 and titles like "1984" must stay text, not become numbers
	parseTagValue: false,
	parseAttributeValue: false,
	isArray: (tagName) => REPEATABLE_TAGS.has(tagName),
});

const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null;

/** An element's text, whether it came as a bare string or beside attributes (`xmlns:arxiv`). */
function textOf(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
	return null;
}

/** Folds runs of whitespace (arXiv wraps titles and abstracts at ~80 columns) into single spaces. */
const foldWhitespace = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

const attributeOf = (value: unknown, name: string): string | null =>
	isNode(value) && typeof value[`@_${name}`] === 'string' ? (value[`@_${name}`] as string) : null;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function dateOf(value: unknown): string | null {
	const match = /^\d{4}-\d{2}-\d{2}/.exec(textOf(value)?.trim() ?? '');
	return match ? match[0] : null;
}

function isWithdrawn(comment: string, abstract: string): boolean {
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
	});
	if (!record.success) {
		const issue = record.error.issues[0];
		const reason = `arXiv's entry for ${id} could not be read (${issue?.path.join('.')}: ${issue?.message}).`;
		return { refused: { id, code: 'incomplete-entry', reason } };
	}
	return { paper: record.data };
}

/** The validator reports a cut-off answer as a JSON list of unclosed tags; name the innermost. */
function describeXmlFault(fault: { msg: string; line: number }): string {
	const unclosed = /^Invalid '(\[[\s\S]*\])' found/.exec(fault.msg);
	if (unclosed) {
		const tags = JSON.parse(unclosed[1]!) as string[];
		return `it ends inside <${tags.at(-1)}>`;
	}
	return `line ${fault.line}: ${fault.msg.replace(/\.$/, '')}`;
}

/**
 * Reads the Atom feed arXiv's query API answers with into papers, mapped onto paperbot's `Paper`:
 * title and abstract with whitespace folded, every author, the primary category first, comment,
 * journal reference, DOI, and the first and latest version dates. Error entries and refused
 * papers (withdrawn, no title, no abstract) are reported beside the papers, never as papers.
 * Throws an `ArxivError` ('malformed-feed') when the text is not well-formed XML or not a feed.
 */
export function parseArxivFeed(xml: string): ArxivFeed {
	if (xml.trim() === '') throw new ArxivError('malformed-feed', "arXiv's answer was empty.");
	const validity = XMLValidator.validate(xml);
	if (validity !== true) {
		throw new ArxivError('malformed-feed', `arXiv's answer is not well-formed XML (${describeXmlFault(validity.err)}).`);
	}
	const document: unknown = parser.parse(xml);
	const feed = isNode(document) ? document.feed : undefined;
	if (!isNode(feed)) {
		throw new ArxivError('malformed-feed', "arXiv's answer is XML but not an Atom feed.");
	}
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
