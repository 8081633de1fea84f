import { latexToUnicode } from '../corpus/latex.js';
import { arxivVersionOf, normaliseArxivId, paperSchema, type Paper } from '../corpus/paper.js';
import { asList, attributeOf, dateOf, foldWhitespace, isNode, readAtomFeed, textOf, type XmlNode } from './atom.js';
import { ArxivError } from './error.js';

/** How arXiv announces an entry: `new` and `cross` are new papers; `replace`s are later versions. */
const ANNOUNCE_TYPES = ['new', 'cross', 'replace', 'replace-cross'] as const;
export type AnnounceType = (typeof ANNOUNCE_TYPES)[number];

/** One entry of an announcement feed. */
export interface AnnouncedPaper {
	paper: Paper;
	announceType: AnnounceType;
}

/** One day's announcement, as arXiv's feed (`rss.arxiv.org/atom/<cat>+<cat>`) serves it. */
export interface Announcement {
	/** The announcement date (`YYYY-MM-DD`, US Eastern) from the entries' `<published>`; null for an empty feed. */
	date: string | null;
	entries: AnnouncedPaper[];
	/** One line per entry that could not be read, naming it; such entries are left out. */
	skipped: string[];
}

const ABSTRACT_MARKER = /^[\s\S]*?\bAbstract:\s*/;

/** `dc:creator` lists every author in one string: `A, B, and C` or `A and B`. */
function splitAuthors(creators: string): string[] {
	return foldWhitespace(latexToUnicode(creators))
		.split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
		.map((name) => name.trim())
		.filter(Boolean);
}

function announceTypeOf(entry: XmlNode, summary: string): AnnounceType | null {
	const stated = foldWhitespace(textOf(entry['arxiv:announce_type'])) || (/Announce Type:\s*(\S+)/.exec(summary)?.[1] ?? '');
	return (ANNOUNCE_TYPES as readonly string[]).includes(stated) ? (stated as AnnounceType) : null;
}

function readEntry(entry: XmlNode, position: number): AnnouncedPaper | string {
	const rawId = foldWhitespace(textOf(entry.id));
	const versioned = rawId.replace(/^oai:arXiv\.org:/i, '');
	const id = normaliseArxivId(versioned);
	if (id === null) return `entry ${position}: "${rawId}" is not an arXiv id`;
	const summary = textOf(entry.summary) ?? '';
	const announceType = announceTypeOf(entry, summary);
	if (announceType === null) return `${id}: unknown announce type`;
	const record = paperSchema.safeParse({
		id,
		title: foldWhitespace(textOf(entry.title)),
		authors: splitAuthors(textOf(entry['dc:creator']) ?? ''),
		abstract: foldWhitespace(summary.replace(ABSTRACT_MARKER, '')),
		categories: asList(entry.category).map((category) => attributeOf(category, 'term') ?? ''),
		journal_ref: foldWhitespace(textOf(entry['arxiv:journal_reference'])),
		doi: foldWhitespace(textOf(entry['arxiv:DOI'])),
		published: dateOf(entry.published),
		version: arxivVersionOf(versioned),
	});
	if (!record.success) {
		const issue = record.error.issues[0];
		const field = issue?.path.join('.');
		return field ? `${id}: ${field}: ${issue?.message}` : `${id}: ${issue?.message}`;
	}
	return { paper: record.data, announceType };
}

/**
 * Reads arXiv's announcement feed (Atom, as `rss.arxiv.org` serves it) into papers: versionless
 * id, title and abstract as written (LaTeX kept, whitespace folded; the abstract is what follows
 * `Abstract: ` in the summary), authors from `dc:creator` with TeX accents made Unicode,
 * categories primary first, journal reference and DOI, and the entry's announce type. The
 * announcement date is the first readable entry's `<published>` date. An empty feed is no fault.
 * Throws an `ArxivError` ('malformed-feed') when the text is not well-formed XML or not a feed.
 */
export function parseAnnouncementFeed(xml: string): Announcement {
	const feed = readAtomFeed(xml);
	const announcement: Announcement = { date: null, entries: [], skipped: [] };
	asList(feed.entry).forEach((entry, index) => {
		const node = isNode(entry) ? entry : {};
		const reading = readEntry(node, index + 1);
		if (typeof reading === 'string') {
			announcement.skipped.push(reading);
			return;
		}
		announcement.entries.push(reading);
		announcement.date ??= dateOf(node.published);
	});
	if (announcement.entries.length > 0 && announcement.date === null) {
		throw new ArxivError('malformed-feed', "arXiv's feed has entries but no announcement date (<published>).");
	}
	return announcement;
}

/** The announcement's new papers: `new` entries, and `cross` ones when `cross` is on; never replacements. */
export function newlyAnnounced(announcement: Announcement, options: { cross: boolean }): Paper[] {
	return announcement.entries
		.filter(({ announceType }) => announceType === 'new' || (options.cross && announceType === 'cross'))
		.map(({ paper }) => paper);
}
