import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APISelectMenuOption } from 'discord-api-types/v10';
import {
	buildPaperCard,
	cardComponents,
	COMPONENT_LIMITS,
	displayTitle,
	EMBED_LIMITS,
	embedCharacterCount,
	truncateAtWord,
} from '../cards/index.js';
import { ACTION_ROW, markdownLink, shortAuthors, STRING_SELECT } from '../cards/paper-card.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { carriedPaperKey, encodeCustomId } from '../interaction/custom-ids.js';
import { type Paper, paperLabel, paperUrl } from '../corpus/paper.js';
import type { DigestPlan } from '../schedule/digest.js';
import { POST_NAMES, type PostKind } from '../store/post-log.js';

/** One scheduled message, ready for a channel: its pings are exactly `mentionedUserIds`. */
export interface PostMessage {
	content?: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIComponentInMessageActionRow>[];
	/** Users this message may ping; empty for every post but a digest with subscribers. */
	mentionedUserIds: string[];
}

/** The heading of a paper-of-the-day card. */
export const POTD_HEADING = 'Paper of the day';
const LIST_TITLE_MAX = 120;

/**
 * The text a post carries in its embed footer to say which slot it is, so a restarted bot can
 * find its own post among a channel's recent messages.
 */
export function postMarker(kind: PostKind, slot: string): string {
	return `${POST_NAMES[kind]} · ${slot}`;
}

/** Discord's timestamp markup for `at`: each reader sees the time in their own zone. */
export function discordTime(at: Date): string {
	return `<t:${Math.floor(at.getTime() / 1000)}:f>`;
}

/**
 * The reading group's markers, which show their slot (a time) as people read times: the poll's
 * text carries `Reading poll · <t:…:f>`, a Discord timestamp; a pick's footer carries
 * `Reading pick` alone, its slot being the embed's timestamp, which Discord shows beside it.
 */
export function readingMarker(kind: 'reading_poll' | 'reading_result', slot: string): string {
	return kind === 'reading_poll' ? `${POST_NAMES[kind]} · ${discordTime(new Date(slot))}` : POST_NAMES[kind];
}

/** A recent message of a channel as a reconcile reads it. */
export interface ChannelMessage {
	id: string;
	authorId: string;
	/** Its embeds' footer texts, in order. */
	footers: readonly string[];
	/** Its embeds' timestamps (ISO 8601), in the same order. */
	timestamps?: readonly (string | null)[];
	content?: string;
}

/** Whether a message carries the slot's marker; posts made before the reading markers showed times carry `postMarker`. */
function carriesMarker(message: ChannelMessage, kind: PostKind, slot: string): boolean {
	const marker = postMarker(kind, slot);
	if (message.footers.some((footer) => footer.includes(marker)) || message.content?.includes(marker)) return true;
	if (kind === 'reading_poll') return message.content?.includes(readingMarker(kind, slot)) ?? false;
	const at = new Date(slot).getTime();
	return (
		kind === 'reading_result' &&
		message.footers.some((footer, index) => {
			const timestamp = message.timestamps?.[index];
			return footer.endsWith(POST_NAMES[kind]) && typeof timestamp === 'string' && Date.parse(timestamp) === at;
		})
	);
}

/**
 * The message id of the first message in `messages` written by `authorId` that carries the slot's
 * marker in an embed footer or, for a poll (which has no embed), in its text; or null.
 */
export function findMarkedPost(messages: readonly ChannelMessage[], authorId: string, kind: PostKind, slot: string): string | null {
	return messages.find((message) => message.authorId === authorId && carriesMarker(message, kind, slot))?.id ?? null;
}

/** The paper-of-the-day post: the card headed "Paper of the day", marked with its date, with the Discuss button. */
export function buildPotdMessage(paper: Paper, slot: string): PostMessage {
	const card = buildPaperCard(paper, { heading: POTD_HEADING });
	card.footer = { text: `${card.footer?.text ?? paperLabel(paper.id)} · ${postMarker('potd', slot)}` };
	return { embeds: [card], components: [cardComponents(paper, { share: false, discuss: true })], mentionedUserIds: [] };
}

function digestLine(paper: Paper, userIds: readonly string[]): string {
	const title = truncateAtWord(displayTitle(paper), LIST_TITLE_MAX);
	const details = [shortAuthors(paper.authors), paper.published?.slice(0, 4), paper.categories?.[0]]
		.filter((detail): detail is string => Boolean(detail))
		.map((detail) => markdownSafe(truncateAtWord(plainLine(detail), 60)))
		.join(' · ');
	const mentions = userIds.map((id) => `<@${id}>`).join(' ');
	return `• ${markdownLink(markdownSafe(title), paperUrl(paper))}${details ? ` — ${details}` : ''}${mentions ? ` · ${mentions}` : ''}`;
}

function selectOption(paper: Paper): APISelectMenuOption {
	return {
		label: truncateAtWord(displayTitle(paper), COMPONENT_LIMITS.optionLabel),
		value: carriedPaperKey(paper.id),
		description: truncateAtWord(
			[shortAuthors(paper.authors), paperLabel(paper.id)].filter(Boolean).join(' · '),
			COMPONENT_LIMITS.optionDescription,
		),
	};
}

interface Draft {
	embeds: APIEmbed[];
	paperIds: string[];
	userIds: Set<string>;
}

// Room kept in each message for the footer that is added once the part count is known.
const FOOTER_ROOM = 120;

/**
 * A digest as compact list embeds, one titled embed per section ("Other" last), split over as
 * many messages as Discord's limits need: at most 10 embeds and 6,000 characters per message, and
 * at most 25 papers per message so its "Show" menu can open every one. Subscribers are mentioned
 * beside the papers their queries match, and each message's content pings exactly those users.
 */
export function buildDigestMessages(plan: DigestPlan, papers: ReadonlyMap<string, Paper>, slot: string, intro: string): PostMessage[] {
	const drafts = draftDigestParts(plan, papers);
	const marker = postMarker('digest', slot);
	return drafts.map((part, index) => {
		const footer = drafts.length > 1 ? `${marker} · part ${index + 1} of ${drafts.length}` : marker;
		(part.embeds[part.embeds.length - 1] as APIEmbed).footer = { text: footer };
		const userIds = [...part.userIds];
		const head = index === 0 ? intro : `${intro} (continued)`;
		return {
			content: userIds.length > 0 ? `${head} · for ${userIds.map((id) => `<@${id}>`).join(' ')}` : head,
			embeds: part.embeds,
			components: [paperMenu(part.paperIds, papers)],
			mentionedUserIds: userIds,
		};
	});
}

/** The digest's lines in section embeds, the embeds grouped into messages within Discord's limits, footers not yet added. */
function draftDigestParts(plan: DigestPlan, papers: ReadonlyMap<string, Paper>): Draft[] {
	const drafts: Draft[] = [];
	let draft: Draft = { embeds: [], paperIds: [], userIds: new Set() };
	const flush = () => {
		if (draft.embeds.length > 0) drafts.push(draft);
		draft = { embeds: [], paperIds: [], userIds: new Set() };
	};

	for (const section of plan.sections) {
		let embed: APIEmbed | null = null;
		for (const id of section.paperIds) {
			const paper = papers.get(id);
			if (!paper) continue;
			const users = plan.mentions[id] ?? [];
			const line = digestLine(paper, users);
			const isNewPaper = !draft.paperIds.includes(id);
			const fitsEmbed = embed !== null && (embed.description?.length ?? 0) + line.length + 1 <= EMBED_LIMITS.description;
			const fitsMessage = draftSize(draft) + line.length + 1 + FOOTER_ROOM <= EMBED_LIMITS.total;
			const fitsMenu = !isNewPaper || draft.paperIds.length < COMPONENT_LIMITS.selectOptions;
			if (embed === null || !fitsEmbed || !fitsMessage || !fitsMenu) {
				const title = truncateAtWord(markdownSafe(section.title), EMBED_LIMITS.title);
				const fresh: APIEmbed = { title, description: '' };
				const roomForNew =
					draft.embeds.length < EMBED_LIMITS.embedsPerMessage &&
					draftSize(draft) + title.length + line.length + FOOTER_ROOM <= EMBED_LIMITS.total;
				if (!fitsMenu || !roomForNew) flush();
				draft.embeds.push(fresh);
				embed = fresh;
			}
			embed.description = embed.description ? `${embed.description}\n${line}` : line;
			if (!draft.paperIds.includes(id)) draft.paperIds.push(id);
			for (const user of users) draft.userIds.add(user);
		}
	}
	flush();
	return drafts;
}

function draftSize(draft: Draft): number {
	return draft.embeds.reduce((sum, embed) => sum + embedCharacterCount(embed), 0);
}

/** The "Show a paper…" menu, which opens any of `paperIds` as a card. */
export function paperMenu(
	paperIds: readonly string[],
	papers: ReadonlyMap<string, Paper>,
): APIActionRowComponent<APIComponentInMessageActionRow> {
	return {
		type: ACTION_ROW,
		components: [
			{
				type: STRING_SELECT,
				custom_id: encodeCustomId({ kind: 'open' }),
				placeholder: 'Show a paper…',
				min_values: 1,
				max_values: 1,
				options: paperIds.flatMap((id) => {
					const paper = papers.get(id);
					return paper ? [selectOption(paper)] : [];
				}),
			},
		],
	};
}

/** The short digest note posted when nothing is new and DIGEST_EMPTY=note. */
export function buildEmptyDigestMessage(slot: string): PostMessage {
	return {
		embeds: [{ description: 'No new papers since the last digest.', footer: { text: postMarker('digest', slot) } }],
		components: [],
		mentionedUserIds: [],
	};
}
