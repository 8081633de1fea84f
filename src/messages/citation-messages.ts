import { EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { markdownLink } from '../cards/paper-card.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { doiUrl } from '../corpus/paper.js';
import type { CitingWork } from '../library/openalex-citations.js';
import { postMarker, type PostMessage } from './post-messages.js';

/** A cited lab paper as an alert names it: its title (or label) and where it lives. */
export interface CitedPaper {
	title: string;
	url: string | null;
}

/** Most authors an alert names before "et al.". */
const AUTHORS_SHOWN = 6;

/** `A`, `A and B`, `A, B and C`. */
export function joinedWithAnd(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Where a citing work lives: its DOI's page, else its OpenAlex page. */
export const citingWorkUrl = (work: CitingWork) => (work.doi ? doiUrl(work.doi) : `https://openalex.org/${work.id}`);

/**
 * One citation alert: the citing work's title linking to it, "Cites *A* and *B*" naming every lab
 * paper it newly cites, its authors, venue and date, marked with its slot. Pings no one.
 */
export function buildCitationMessage(work: CitingWork, cited: readonly CitedPaper[], slot: string): PostMessage {
	const names = cited.map((paper) => markdownLink(`*${markdownSafe(plainLine(paper.title))}*`, paper.url, true));
	const authors =
		work.authors.length > AUTHORS_SHOWN
			? `${work.authors.slice(0, AUTHORS_SHOWN).map(plainLine).join(', ')} et al.`
			: work.authors.map(plainLine).join(', ');
	const details = [work.venue ? plainLine(work.venue) : null, work.published].filter(Boolean).join(' · ');
	const lines = [`Cites ${joinedWithAnd(names)}`, authors ? markdownSafe(authors) : null, details ? markdownSafe(details) : null];
	return {
		embeds: [
			{
				title: truncateAtWord(plainLine(work.title ?? work.id) || work.id, EMBED_LIMITS.title),
				url: citingWorkUrl(work),
				description: truncateAtWord(lines.filter(Boolean).join('\n'), EMBED_LIMITS.description),
				footer: { text: `New citation of the lab's work · ${postMarker('citation', slot)}` },
			},
		],
		components: [],
		mentionedUserIds: [],
	};
}

/** The first look's one line: the citations already there are recorded, not posted. */
export function buildCitationSummary(counts: { pairs: number; papers: number }, slot: string): PostMessage {
	const citations = `${counts.pairs} earlier ${counts.pairs === 1 ? 'citation' : 'citations'}`;
	const papers = `${counts.papers} lab ${counts.papers === 1 ? 'paper' : 'papers'}`;
	return {
		embeds: [
			{ description: `${citations} of ${papers} recorded; new ones will be posted here.`, footer: { text: postMarker('citation', slot) } },
		],
		components: [],
		mentionedUserIds: [],
	};
}
