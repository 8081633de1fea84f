import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ArxivError } from './error.js';

/** One parsed XML element: child elements by tag name, attributes as `@_name`, text as `#text`. */
export type XmlNode = Record<string, unknown>;

const REPEATABLE_TAGS = new Set(['entry', 'author', 'category', 'link']);

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	// ids like 2305.00054 and titles like "1984" must stay text, not become numbers
	parseTagValue: false,
	parseAttributeValue: false,
	isArray: (tagName) => REPEATABLE_TAGS.has(tagName),
});

export const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null;

/** An element's text, whether it came as a bare string or beside attributes (`xmlns:arxiv`). */
export function textOf(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
	return null;
}

/** Folds runs of whitespace (arXiv wraps titles and abstracts at ~80 columns) into single spaces. */
export const foldWhitespace = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

export const attributeOf = (value: unknown, name: string): string | null =>
	isNode(value) && typeof value[`@_${name}`] === 'string' ? (value[`@_${name}`] as string) : null;

export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The `YYYY-MM-DD` an Atom date starts with, as written (its own time zone's date), or null. */
export function dateOf(value: unknown): string | null {
	const match = /^\d{4}-\d{2}-\d{2}/.exec(textOf(value)?.trim() ?? '');
	return match ? match[0] : null;
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
 * The `<feed>` element of an Atom document arXiv sent. Throws an `ArxivError` ('malformed-feed')
 * when the text is empty, a web page, not well-formed XML, or not an Atom feed.
 */
export function readAtomFeed(xml: string): XmlNode {
	if (xml.trim() === '') throw new ArxivError('malformed-feed', "arXiv's answer was empty.");
	// An error or maintenance page is HTML, often not well-formed XML: say what it is, not where the XML parser stopped.
	if (/^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE html|<html[\s>])/i.test(xml)) {
		const title = foldWhitespace(/<title[^>]*>([^<]*)<\/title>/i.exec(xml)?.[1] ?? null);
		throw new ArxivError('malformed-feed', `arXiv answered a web page, not a feed${title ? ` ("${title}")` : ''}.`);
	}
	const validity = XMLValidator.validate(xml);
	if (validity !== true) {
		throw new ArxivError('malformed-feed', `arXiv's answer is not well-formed XML (${describeXmlFault(validity.err)}).`);
	}
	const document: unknown = parser.parse(xml);
	const feed = isNode(document) ? document.feed : undefined;
	if (!isNode(feed)) {
		throw new ArxivError('malformed-feed', "arXiv's answer is XML but not an Atom feed.");
	}
	return feed;
}
