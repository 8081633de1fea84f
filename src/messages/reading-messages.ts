import type { APIEmbed } from 'discord-api-types/v10';
import { buildPaperCard, cardComponents, COMPONENT_LIMITS, displayTitle, EMBED_LIMITS, truncateAtWord } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { keyUrl, type Paper, paperLabel } from '../corpus/paper.js';
import { markdownLink } from '../cards/paper-card.js';
import type { Proposal, ReadingPoll } from '../store/reading-list.js';
import type { GuildSettings } from '../store/settings.js';
import type { ReadingOutcome } from '../schedule/reading-vote.js';
import { countOf } from '../cards/counts.js';
import { discordTime, paperMenu, readingMarker, type PostMessage } from './post-messages.js';
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

/** The proposer's note, quoted as written: ` — “short and clear”`, or nothing. */
function noteOf(proposal: Proposal, max: number): string {
	return proposal.note ? ` — “${markdownSafe(truncateAtWord(plainLine(proposal.note), max))}”` : '';
}

/**
 * The poll's answers: each title cut at a word to fit Discord's 55 characters, and kept distinct
 * when titles share their start ("…Part 1", "…Part 2"): a cut title that another answer shares
 * keeps its last words after the cut, then, if still shared, its place in the poll.
 */
export function pollAnswers(titles: readonly string[]): string[] {
	const cut = titles.map((title) => truncateAtWord(title, POLL_LIMITS.answer));
	const shared = (answers: readonly string[], index: number) => answers.some((other, at) => at !== index && other === answers[index]);
	const withEnds = cut.map((answer, index) => {
		if (!shared(cut, index)) return answer;
		const title = titles[index] as string;
		const end = truncateAtWord(title.split(/\s+/).slice(-2).join(' '), 20).replace(/…$/, '');
		return `${truncateAtWord(title, POLL_LIMITS.answer - end.length - 2).replace(/…$/, '')}… ${end}`;
	});
	return withEnds.map((answer, index) => {
		if (!shared(withEnds, index)) return answer;
		const place = ` (${index + 1})`;
		return `${truncateAtWord(titles[index] as string, POLL_LIMITS.answer - place.length)}${place}`;
	});
}

/** The week a poll belongs to, as its question names it: its local date. */
function weekOf(slot: string, timezone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(slot));
}

/**
 * The reading poll: one answer per proposed paper (its title cut at a word to fit Discord's 55
 * characters, kept distinct), oldest proposals first; the text above lists the same papers with
 * links, who proposed them and why, says how many proposals wait for a later poll, and carries the
 * slot's marker so a restarted bot finds its own poll.
 */
export function buildPollMessage(
	entries: readonly ProposedPaper[],
	slot: string,
	hours: number,
	timezone: string,
	endsAt: Date,
	notOffered = 0,
): PollMessage {
	const lines = entries.map((entry, index) => `${proposalLine(entry, index)}${noteOf(entry.proposal, 100)}`);
	const head = `**Reading group: vote for the next paper.** Open until ${discordTime(endsAt)}; oldest proposals first.`;
	const waiting =
		notOffered > 0
			? [`${countOf(notOffered, 'more proposal')} did not fit in this poll (at most ${entries.length}) and stay on the list for the next.`]
			: [];
	const marker = `-# ${readingMarker('reading_poll', slot)}`;
	const body = [head, ...lines, ...waiting].join('\n');
	return {
		content: `${body.length + marker.length < CONTENT_MAX ? body : truncateAtWord(body, CONTENT_MAX - marker.length - 1)}\n${marker}`,
		poll: {
			question: { text: truncateAtWord(`Reading group, week of ${weekOf(slot, timezone)}: which paper next?`, POLL_LIMITS.question) },
			answers: pollAnswers(entries.map(titleOf)).map((text) => ({ poll_media: { text } })),
			duration: hours,
			allow_multiselect: false,
			layout_type: 1,
		},
	};
}

/** A paper a poll offered: its id, the corpus's paper (null when it left the corpus) and its proposal (null when withdrawn). */
export interface PolledPaper {
	paperId: string;
	paper: Paper | null;
	proposal: Proposal | null;
}

const polledTitle = ({ paperId, paper }: PolledPaper) =>
	markdownSafe(truncateAtWord(paper ? displayTitle(paper) : paperLabel(paperId), LIST_TITLE_MAX));

/** ` Tied 1–1 with *X*; the earlier proposal goes first.`, or nothing when the winner had the most votes alone. */
function tieText(votes: number, tied: readonly PolledPaper[]): string {
	if (tied.length === 0) return '';
	const score = Array.from({ length: tied.length + 1 }, () => votes).join('–');
	const titles = tied.map((entry) => `*${polledTitle(entry)}*`);
	const others = titles.length === 1 ? titles[0] : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
	return ` Tied ${score} with ${others}; the ${tied.length === 1 ? 'earlier' : 'earliest'} proposal goes first.`;
}

/**
 * The reading group's pick: the winner's card, with the votes it won, the papers it tied with and
 * who proposed it; the poster starts a thread from it when it can, which Discord shows under it.
 */
export function buildPickMessage(winner: PolledPaper, tied: readonly PolledPaper[], outcome: ReadingOutcome, slot: string): PostMessage {
	const { paperId, paper, proposal } = winner;
	// A paper that left the corpus since it was proposed is still named, by its arXiv link.
	const card: APIEmbed = paper
		? buildPaperCard(paper, { heading: 'Reading group pick' })
		: { title: paperLabel(paperId), ...(keyUrl(paperId) && { url: keyUrl(paperId)! }), author: { name: 'Reading group pick' } };
	card.footer = { text: `${card.footer?.text ?? paperLabel(paperId)} · ${readingMarker('reading_result', slot)}` };
	card.timestamp = slot;
	const by = proposal ? ` Proposed by ${nameOf(proposal)}.` : '';
	return {
		content: `**Next reading: ${polledTitle(winner)}** — ${outcome.votes} of ${countOf(outcome.total, 'vote')}.${tieText(outcome.votes, tied)}${by}`,
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
				footer: { text: readingMarker('reading_result', slot) },
				timestamp: slot,
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
		return `${proposalLine(entry, index)} on ${when}${noteOf(entry.proposal, 100)}`;
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

/**
 * The reading group's lines in `/paperbot status`: where and when, the list's size, the open poll
 * (shown until its pick is out, also after polls are turned off), the next poll.
 */
export function readingStatusLines({ settings, proposals, openPoll, nextPoll }: ReadingStatus): string[] {
	const open = openPoll?.messageId
		? [
				`Open poll: [vote](https://discord.com/channels/${settings.guild_id}/${openPoll.channelId}/${openPoll.messageId}), ends ${formatLocalTime(new Date(openPoll.endsAt), settings.timezone)}; its pick is posted then`,
			]
		: [];
	const listed = `Reading list: ${countOf(proposals, 'proposal')}`;
	if (!settings.reading_channel_id) return ['off', listed, ...open];
	const lines = [
		`<#${settings.reading_channel_id}> on \`${settings.reading_cron}\`, each poll open ${settings.reading_hours} h`,
		listed,
		...open,
	];
	if (nextPoll) {
		const next = `Next poll: ${formatLocalTime(nextPoll, settings.timezone)}`;
		lines.push(proposals < 2 ? `${next}; no poll unless at least two papers are proposed (${proposals} now)` : next);
	} else lines.push('Next poll: never (the schedule does not fire again)');
	return lines;
}

/** Who may turn the reading polls on, and how: said wherever the polls are off. */
export const POLLS_OFF = 'reading polls are off here (a member with Manage Server turns them on with /paperbot reading set)';

/** The next poll as the CLI prints it: when, the question, the answers, or why there would be none. */
export function pollPreviewText(
	{ on, at, entries, message }: { on: boolean; at: Date | null; entries: readonly ProposedPaper[]; message: PollMessage | null },
	timezone: string,
): string {
	const when = at ? formatLocalTime(at, timezone) : 'never (no reading schedule fires again)';
	const heading = on ? `Next reading poll: ${when}` : `No reading poll is coming: ${POLLS_OFF}`;
	if (!message)
		return on
			? `${heading}. No poll then: it needs at least two proposals, and the list has ${entries.length}.`
			: `${heading}. A poll also needs at least two proposals, and the list has ${entries.length}.`;
	const answers = message.poll.answers.map((answer, index) => `  ${index + 1}. ${answer.poll_media.text}`);
	const proposers = entries.map(
		({ proposal }, index) => `  ${index + 1}. ${paperLabel(proposal.paperId)}, proposed by ${plainLine(proposal.proposerName)}`,
	);
	return [
		...(on
			? [`${heading}, open ${message.poll.duration} h`, message.poll.question.text]
			: [`${heading}. Once they are on, a poll open ${message.poll.duration} h would offer:`]),
		...answers,
		'Proposed:',
		...proposers,
	].join('\n');
}
