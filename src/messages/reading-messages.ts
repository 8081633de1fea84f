import type { APIEmbed } from 'discord-api-types/v10';
import { buildPaperCard, cardComponents, COMPONENT_LIMITS, displayTitle, EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { keyUrl, type Paper, paperLabel } from '../corpus/paper.js';
import { markdownLink } from '../cards/paper-card.js';
import type { Proposal, ReadingPoll } from '../store/reading-list.js';
import type { GuildSettings } from '../store/settings.js';
import type { ReadingOutcome } from '../schedule/reading-vote.js';
import { paperMenu, postMarker, type PostMessage } from './post-messages.js';
import { formatLocalTime } from './schedule-status.js';

/** Discord's limits on a poll: its question and each answer. */
export const POLL_LIMITS = { question: 300, answer: 55 } as const;
/** Discord's limit on a message's content. */
const CONTENT_MAX = 2000;
const LIST_TITLE_MAX = 80;
const NAME_MAX = 32;

/** A proposal with its paper as the corpus has it now (null when the paper left the corpus). */
export interface ProposedPaper {
	proposal: Proposal;
	paper: Paper | null;
}

/** A native Discord poll message, as Discord's create-message `poll` field takes it, with the text above it. */
export interface PollMessage {
	content: string;
	poll: {
		question: { text: string };
		answers: { poll_media: { text: string } }[];
		/** Hours the poll stays open. */
		duration: number;
		allow_multiselect: false;
		layout_type: 1;
	};
}

const titleOf = ({ proposal, paper }: ProposedPaper) => (paper ? displayTitle(paper) : paperLabel(proposal.paperId));
const nameOf = (proposal: Proposal) => markdownSafe(truncateAtWord(plainLine(proposal.proposerName), NAME_MAX));

/** `1. [Title](<link>) — proposed by Ada`: a link that unfurls nothing, a name that mentions nobody. */
function proposalLine(entry: ProposedPaper, index: number): string {
	const title = markdownSafe(truncateAtWord(titleOf(entry), LIST_TITLE_MAX));
	return `${index + 1}. ${markdownLink(title, keyUrl(entry.proposal.paperId), true)} — proposed by ${nameOf(entry.proposal)}`;
}

/** The week a poll belongs to, as its question names it: its local date. */
function weekOf(slot: string, timezone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(slot));
}

/**
 * The reading poll: one answer per proposed paper (its title cut at a word to fit Discord's 55
 * characters), oldest proposals first; the text above lists the same papers with links and who
 * proposed them, and carries the slot's marker so a restarted bot finds its own poll.
 */
export function buildPollMessage(
	entries: readonly ProposedPaper[],
	slot: string,
	hours: number,
	timezone: string,
	endsAt: Date,
): PollMessage {
	const lines = entries.map(proposalLine);
	const head = `**Reading group: vote for the next paper.** Open until <t:${Math.floor(endsAt.getTime() / 1000)}:f>; oldest proposals first.`;
	const content = [head, ...lines, `-# ${postMarker('reading_poll', slot)}`].join('\n');
	return {
		content:
			content.length <= CONTENT_MAX ? content : `${truncateAtWord(content, CONTENT_MAX - 80)}\n-# ${postMarker('reading_poll', slot)}`,
		poll: {
			question: { text: truncateAtWord(`Reading group, week of ${weekOf(slot, timezone)}: which paper next?`, POLL_LIMITS.question) },
			answers: entries.map((entry) => ({ poll_media: { text: truncateAtWord(titleOf(entry), POLL_LIMITS.answer) } })),
			duration: hours,
			allow_multiselect: false,
			layout_type: 1,
		},
	};
}

/** The reading group's pick: the winner's card, with the votes it won and who proposed it; a thread is started from it. */
export function buildPickMessage(
	paperId: string,
	paper: Paper | null,
	proposal: Proposal | null,
	outcome: ReadingOutcome,
	slot: string,
): PostMessage {
	const marker = postMarker('reading_result', slot);
	// A paper that left the corpus since it was proposed is still named, by its arXiv link.
	const card: APIEmbed = paper
		? buildPaperCard(paper, { heading: 'Reading group pick' })
		: { title: paperLabel(paperId), ...(keyUrl(paperId) && { url: keyUrl(paperId)! }), author: { name: 'Reading group pick' } };
	card.footer = { text: `${card.footer?.text ?? paperLabel(paperId)} · ${marker}` };
	const by = proposal ? ` Proposed by ${nameOf(proposal)}.` : '';
	const title = markdownSafe(truncateAtWord(paper ? displayTitle(paper) : paperLabel(paperId), LIST_TITLE_MAX));
	return {
		content: `**Next reading: ${title}** — ${outcome.votes} of ${outcome.total} vote${outcome.total === 1 ? '' : 's'}.${by} Discuss it in the thread.`,
		embeds: [card],
		components: paper ? [cardComponents(paper, { share: false, discuss: false })] : [],
		mentionedUserIds: [],
	};
}

/** What a poll nobody voted in leaves: a short note, the list kept for the next poll. */
export function buildNoVotesMessage(slot: string): PostMessage {
	return {
		embeds: [
			{
				description: 'Nobody voted in the reading poll, so there is no pick this time; every proposal stays on the list for the next poll.',
				footer: { text: postMarker('reading_result', slot) },
			},
		],
		components: [],
		mentionedUserIds: [],
	};
}

/** The reading list, compact, with a menu that opens any paper's card; oldest proposals first, as the poll takes them. */
export function buildProposalsMessage(
	entries: readonly ProposedPaper[],
	limit: number,
): { embeds: APIEmbed[]; components: PostMessage['components'] } {
	const lines = entries.map((entry, index) => {
		const when = entry.proposal.proposedAt.slice(0, 10);
		return `${proposalLine(entry, index)} on ${when}${entry.proposal.note ? ` — “${markdownSafe(truncateAtWord(plainLine(entry.proposal.note), 100))}”` : ''}`;
	});
	const description = truncateAtWord(lines.join('\n'), EMBED_LIMITS.description);
	const embed: APIEmbed = {
		title: `Reading list: ${entries.length} of ${limit}`,
		description,
		footer: { text: 'The next poll offers up to 10, oldest proposals first. /paper propose adds one; /paper withdraw takes one off.' },
	};
	const listed = entries.flatMap(({ paper }) => (paper ? [paper] : [])).slice(0, COMPONENT_LIMITS.selectOptions);
	const components: PostMessage['components'] =
		listed.length === 0
			? []
			: [
					paperMenu(
						listed.map((paper) => paper.id),
						new Map(listed.map((paper) => [paper.id, paper])),
					),
				];
	return { embeds: [embed], components };
}

/** What `/paperbot status` knows of a server's reading group. */
export interface ReadingStatus {
	settings: GuildSettings;
	proposals: number;
	/** The poll in Discord whose result is not out yet, if any. */
	openPoll: ReadingPoll | null;
	nextPoll: Date | null;
}

/** The reading group's lines in `/paperbot status`: where and when, the list's size, the open poll, the next poll. */
export function readingStatusLines({ settings, proposals, openPoll, nextPoll }: ReadingStatus): string[] {
	if (!settings.reading_channel_id) return ['off', `Reading list: ${proposals} proposal(s)`];
	const lines = [
		`<#${settings.reading_channel_id}> on \`${settings.reading_cron}\`, each poll open ${settings.reading_hours} h`,
		`Reading list: ${proposals} proposal(s)`,
	];
	if (openPoll?.messageId) {
		const link = `https://discord.com/channels/${settings.guild_id}/${openPoll.channelId}/${openPoll.messageId}`;
		lines.push(`Open poll: [vote](${link}), ends ${formatLocalTime(new Date(openPoll.endsAt), settings.timezone)}`);
	}
	if (nextPoll) {
		const next = `Next poll: ${formatLocalTime(nextPoll, settings.timezone)}`;
		lines.push(proposals < 2 ? `${next}; no poll unless at least two papers are proposed (${proposals} now)` : next);
	} else lines.push('Next poll: never (the schedule does not fire again)');
	return lines;
}

/** The next poll as the CLI prints it: when, the question, the answers, or why there would be none. */
export function pollPreviewText(
	{ at, entries, message }: { at: Date | null; entries: readonly ProposedPaper[]; message: PollMessage | null },
	timezone: string,
): string {
	const when = at ? formatLocalTime(at, timezone) : 'never (no reading schedule fires again)';
	if (!message) return `Next reading poll: ${when}. No poll then: it needs at least two proposals, and the list has ${entries.length}.`;
	const answers = message.poll.answers.map((answer, index) => `  ${index + 1}. ${answer.poll_media.text}`);
	const proposers = entries.map(
		({ proposal }, index) => `  ${index + 1}. ${paperLabel(proposal.paperId)}, proposed by ${plainLine(proposal.proposerName)}`,
	);
	return [
		`Next reading poll: ${when}, open ${message.poll.duration} h`,
		message.poll.question.text,
		...answers,
		'Proposed:',
		...proposers,
	].join('\n');
}
