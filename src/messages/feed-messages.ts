import type {
	APIActionRowComponent,
	APIButtonComponent,
	APIEmbed,
	APISelectMenuOption,
	APIStringSelectComponent,
} from 'discord-api-types/v10';
import { buildPaperCard, COMPONENT_LIMITS, displayTitle, EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { ACTION_ROW, BUTTON, cardButtons, PRIMARY, SECONDARY, shortAuthors, STRING_SELECT } from '../cards/paper-card.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { abstractUrl, type Paper } from '../corpus/paper.js';
import type { FeedPlan } from '../feed/plan.js';
import { type FeedPick, standingText } from '../feed/rank.js';
import { encodeCustomId } from '../interaction/custom-ids.js';
import { postMarker, type PostMessage } from './post-messages.js';
import { privateReply, type Reply } from '../interaction/reply.js';

const LIST_TITLE_MAX = 150;
const REASON_TITLE_MAX = 80;
// Room kept in each message for the footer added once the part count is known.
const FOOTER_ROOM = 120;

function reasonText(pick: FeedPick): string {
	if (pick.reason.kind === 'topic') return `matches topic \`${pick.reason.topic.replace(/`/g, "'")}\``;
	if (pick.reason.kind === 'author') {
		const title = markdownSafe(truncateAtWord(plainLine(displayTitle(pick.reason.paper)), REASON_TITLE_MAX));
		return `by *${markdownSafe(plainLine(pick.reason.name))}*, author of “${title}”`;
	}
	const close = `close to “${markdownSafe(truncateAtWord(plainLine(displayTitle(pick.reason.paper)), REASON_TITLE_MAX))}”`;
	const { shared } = pick.reason;
	const shares = shared.length ? `shares ${shared.map((term) => `*${markdownSafe(term)}*`).join(', ')}` : '';
	return [close, shares, standingText(pick)].filter(Boolean).join(' · ');
}

/** One listed paper: linked title, authors and categories, the reason, and the subscribers it is for. */
function feedLine(pick: FeedPick, position: number, userIds: readonly string[]): string {
	const { paper } = pick;
	const title = markdownSafe(truncateAtWord(plainLine(displayTitle(paper)), LIST_TITLE_MAX));
	const details = [shortAuthors(paper.authors), paper.categories?.join(', ')]
		.filter((detail): detail is string => Boolean(detail))
		.map((detail) => markdownSafe(truncateAtWord(plainLine(detail), 80)))
		.join(' · ');
	const mentions = userIds.length > 0 ? ` · ${userIds.map((id) => `<@${id}>`).join(' ')}` : '';
	return `**${position}.** [${title}](${abstractUrl(paper.id)})${details ? ` — ${details}` : ''}\n↳ ${reasonText(pick)}${mentions}`;
}

function menuOption(paper: Paper): APISelectMenuOption {
	return {
		label: truncateAtWord(plainLine(displayTitle(paper)), COMPONENT_LIMITS.optionLabel),
		value: paper.id,
		description: truncateAtWord(
			[shortAuthors(paper.authors), `arXiv:${paper.id}`].filter(Boolean).join(' · '),
			COMPONENT_LIMITS.optionDescription,
		),
	};
}

/** The menu under a post of arXiv papers: choosing one opens its card privately, whether or not it is in the corpus. */
export function feedPaperMenu(papers: readonly Paper[]): APIActionRowComponent<APIStringSelectComponent> {
	return {
		type: ACTION_ROW,
		components: [
			{
				type: STRING_SELECT,
				custom_id: encodeCustomId({ kind: 'feed' }),
				placeholder: 'Show a paper…',
				min_values: 1,
				max_values: 1,
				options: papers.map(menuOption),
			},
		],
	};
}

interface Part {
	embeds: APIEmbed[];
	picks: FeedPick[];
}

const partSize = (part: Part) => part.embeds.reduce((sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0), 0);

/** Splits the lines over embeds (4,096 characters each) and messages (6,000 characters, one 25-option menu). */
function splitIntoParts(plan: FeedPlan, title: string): Part[] {
	const parts: Part[] = [];
	let part: Part = { embeds: [{ title, description: '' }], picks: [] };
	plan.picks.forEach((pick, position) => {
		const line = feedLine(pick, position + 1, plan.mentions[pick.paper.id] ?? []);
		const fitsMessage =
			partSize(part) + line.length + 1 + FOOTER_ROOM <= EMBED_LIMITS.total && part.picks.length < COMPONENT_LIMITS.selectOptions;
		if (!fitsMessage) {
			parts.push(part);
			part = { embeds: [], picks: [] };
		}
		const embed = part.embeds.at(-1);
		if (embed && (embed.description?.length ?? 0) + line.length + 1 <= EMBED_LIMITS.description) {
			embed.description = embed.description ? `${embed.description}\n${line}` : line;
		} else {
			part.embeds.push({ description: line });
		}
		part.picks.push(pick);
	});
	if (part.picks.length > 0) parts.push(part);
	return parts;
}

/**
 * A feed post as compact list messages within Discord's limits: each paper's title linked to its
 * abstract page, its authors, categories and reason; subscribers mentioned beside the papers
 * their saved searches match, each message allowed to ping exactly those; a menu opening any
 * listed paper's card privately. Empty when no paper stood out from the day.
 */
export function buildFeedMessages(plan: FeedPlan, categories: readonly string[]): PostMessage[] {
	const title = truncateAtWord(
		`New on arXiv in ${categories.join(', ')}: ${plan.picks.length} of ${plan.newCount} closest to the lab`,
		EMBED_LIMITS.title,
	);
	const parts = splitIntoParts(plan, title);
	return parts.map((part, index) => {
		const marker = postMarker('feed', plan.date);
		(part.embeds.at(-1) as APIEmbed).footer = { text: parts.length > 1 ? `${marker} · part ${index + 1} of ${parts.length}` : marker };
		const userIds = [...new Set(part.picks.flatMap((pick) => plan.mentions[pick.paper.id] ?? []))];
		return {
			...(userIds.length > 0 ? { content: `For ${userIds.map((id) => `<@${id}>`).join(' ')}` } : {}),
			embeds: part.embeds,
			components: [feedPaperMenu(part.picks.map((pick) => pick.paper))],
			mentionedUserIds: userIds,
		};
	});
}

/**
 * A feed paper's card, privately, with **Add to corpus** (when it is not in the corpus and the
 * asker may add), **Share** (its card posted in the channel), **Discuss** (its card posted with a
 * thread named after it) and **Not for us**: five buttons at most, one action row.
 */
export function feedCardReply(paper: Paper, options: { inCorpus: boolean; mayAdd: boolean }): Reply {
	const buttons: APIButtonComponent[] = [];
	if (!options.inCorpus && options.mayAdd) {
		buttons.push({ type: BUTTON, style: SECONDARY, label: 'Add to corpus', custom_id: encodeCustomId({ kind: 'add', id: paper.id }) });
	}
	buttons.push({ type: BUTTON, style: PRIMARY, label: 'Share', custom_id: encodeCustomId({ kind: 'feed-share', id: paper.id }) });
	buttons.push({ type: BUTTON, style: SECONDARY, label: 'Discuss', custom_id: encodeCustomId({ kind: 'feed-discuss', id: paper.id }) });
	buttons.push({ type: BUTTON, style: SECONDARY, label: 'Not for us', custom_id: encodeCustomId({ kind: 'feed-dismiss', id: paper.id }) });
	buttons.push(...cardButtons(paper, { share: false, discuss: false }));
	const row: APIActionRowComponent<APIButtonComponent> = { type: ACTION_ROW, components: buttons };
	return privateReply({
		embeds: [buildPaperCard(paper, { heading: options.inCorpus ? undefined : 'From the arXiv feed' })],
		components: [row],
	});
}
