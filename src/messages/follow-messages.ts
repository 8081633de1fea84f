import type { APIEmbed } from 'discord-api-types/v10';
import { COMPONENT_LIMITS, displayTitle, EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { shortAuthors } from '../cards/paper-card.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { abstractUrl, type Paper } from '../corpus/paper.js';
import { changeWords, type FoundChange } from '../feed/changes.js';
import { feedPaperMenu } from './feed-messages.js';
import { postMarker, type PostMessage } from './post-messages.js';

/** A followed author's new paper, with whom it is posted for and the followed names it matched. */
export interface FollowedPaper {
	paper: Paper;
	/** The followed names among its authors, as members typed them. */
	names: string[];
	/** The members following them. */
	userIds: string[];
}

const TITLE_MAX = 150;
/** Lines per message: few enough for one select menu and well inside one embed. */
const LINES_PER_MESSAGE = 10;

const safe = (text: string, max: number) => markdownSafe(truncateAtWord(plainLine(text), max));

function followLine({ paper, names, userIds }: FollowedPaper): string {
	const details = [shortAuthors(paper.authors), paper.categories?.join(', ')]
		.filter((detail): detail is string => Boolean(detail))
		.map((detail) => safe(detail, 80))
		.join(' · ');
	const by = names.map((name) => `*${safe(name, 60)}*`).join(', ');
	return `[${safe(displayTitle(paper), TITLE_MAX)}](${abstractUrl(paper.id)})${details ? ` — ${details}` : ''}\n↳ by ${by} · ${userIds.map((id) => `<@${id}>`).join(' ')}`;
}

function inGroups<T>(items: readonly T[], size: number): T[][] {
	const groups: T[][] = [];
	for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
	return groups;
}

/** Footers saying the slot, and the part when a post takes several messages. */
function marked(embed: APIEmbed, marker: string, index: number, parts: number): APIEmbed {
	return { ...embed, footer: { text: parts > 1 ? `${marker} · part ${index + 1} of ${parts}` : marker } };
}

/**
 * The post of followed authors' new papers on an announcement day: each paper linked, with the
 * followed names among its authors and their followers mentioned; each message may ping exactly
 * the followers of its papers; a menu opens any paper's card. Empty when there is no paper.
 */
export function buildFollowMessages(date: string, papers: readonly FollowedPaper[]): PostMessage[] {
	const groups = inGroups(papers, Math.min(LINES_PER_MESSAGE, COMPONENT_LIMITS.selectOptions));
	return groups.map((group, index) => {
		const userIds = [...new Set(group.flatMap((entry) => entry.userIds))];
		const embed: APIEmbed = {
			...(index === 0 && { title: `New on arXiv by authors followed here: ${papers.length}` }),
			description: group.map(followLine).join('\n'),
		};
		return {
			content: `For ${userIds.map((id) => `<@${id}>`).join(' ')}`,
			embeds: [marked(embed, postMarker('follow', date), index, groups.length)],
			components: [feedPaperMenu(group.map(({ paper }) => paper))],
			mentionedUserIds: userIds,
		};
	});
}

/** One change as posted: `*Title*: v3 — now *Accepted to NeurIPS 2025*`, linked to the paper. */
export function changeLine(change: FoundChange): string {
	const title = safe(change.title ?? `arXiv:${change.paper_id}`, TITLE_MAX);
	return `*${title}*: ${changeWords(change, (text) => safe(text, 200))} · [arXiv:${change.paper_id}](${abstractUrl(change.paper_id)})`;
}

/** The post of the corpus's changes: one line per change, as many messages as Discord's limits need; pings no one. */
export function buildChangeMessages(date: string, changes: readonly FoundChange[]): PostMessage[] {
	const lines = changes.map(changeLine);
	const groups: string[][] = [];
	for (const line of lines) {
		const group = groups.at(-1);
		if (group && group.join('\n').length + line.length + 1 <= EMBED_LIMITS.description - 200 && group.length < 20) group.push(line);
		else groups.push([line]);
	}
	return groups.map((group, index) => ({
		embeds: [
			marked(
				{ ...(index === 0 && { title: `Changed in the corpus: ${changes.length}` }), description: group.join('\n') },
				postMarker('changes', date),
				index,
				groups.length,
			),
		],
		components: [],
		mentionedUserIds: [],
	}));
}
