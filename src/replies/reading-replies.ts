import type { Curation } from '../arxiv/curation.js';
import { COMPONENT_LIMITS, displayTitle, truncateAtWord } from '../cards/index.js';
import { markdownLink } from '../cards/paper-card.js';

/** Discord's limit on an autocomplete choice's value. */
const CHOICE_VALUE_MAX = 100;
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { keyUrl, normalisePaperKey, type Paper, paperLabel } from '../corpus/paper.js';
import type { Asker } from '../interaction/command.js';
import { mayManageServer } from '../interaction/permissions.js';
import { privateReply, privateText, publicReply, UserError, type Reply } from '../interaction/reply.js';
import { buildProposalsMessage, POLLS_OFF } from '../messages/reading-messages.js';
import { formatLocalTime } from '../messages/schedule-status.js';
import { MAX_PROPOSALS, type Proposal } from '../store/reading-list.js';
import { nextPollTime } from '../schedule/reading-scheduler.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { getPaper } from '../search/paper-index.js';
import { termsOf } from '../search/text.js';
import { paperChoice } from '../cards/choice.js';
import type { ReadingDesk } from '../services/reading-desk.js';
import type { ScheduleService } from '../services/schedule-service.js';
import { warningLine } from '../messages/channel-permissions.js';
import { requirePaper, type PaperContext } from './paper-replies.js';

/** The reading desk and the server whose list the asker works on, or a UserError saying where the list lives. */
export function requireReadingList(desk: ReadingDesk | undefined, asker: Asker): { desk: ReadingDesk; guildId: string } {
	const guildId = asker.guildId ?? desk?.localGuildId;
	if (!desk || !guildId)
		throw new UserError('The reading list lives in a Discord server: use this there, or where paperbot keeps its state.');
	return { desk, guildId };
}

const linkedTitle = (paper: Paper | null, id: string) =>
	markdownLink(markdownSafe(truncateAtWord(paper ? displayTitle(paper) : paperLabel(id), 120)), keyUrl(id), true);
const nameOf = (proposal: Proposal) => markdownSafe(plainLine(proposal.proposerName));
const dayOf = (proposal: Proposal) => proposal.proposedAt.slice(0, 10);

/** What proposing needs beyond the list: the corpus, and adding from arXiv or by DOI for curators. */
export interface ProposeContext extends PaperContext {
	readonly curation?: Curation | undefined;
}

/** The paper `text` names: in the corpus, or added (from arXiv or by DOI) first when the asker may add papers. */
async function paperToPropose(text: string, asker: Asker, context: ProposeContext): Promise<Paper> {
	const known = getPaper(context.index, text);
	const key = normalisePaperKey(text);
	if (known || key === null || !key.match(/^(doi:|[^:]+$)/)) return known ?? requirePaper(context, text);
	if (!context.curation?.mayAdd(asker))
		throw new UserError(
			`${paperLabel(key)} is not in the corpus; only members with Manage Server or the curator role can add it, so ask one of them to /paper add it first.`,
		);
	const { added, present, failed } = await context.curation.addPapers([text]);
	if (failed[0]) throw new UserError(failed[0].reason);
	const paper = added[0] ?? getPaper(context.index, present[0] ?? text);
	if (!paper) throw new UserError(`${paperLabel(present[0] ?? text)} could not be read back from the corpus; try again.`);
	return paper;
}

/** Adds a paper to the asker's server's reading list, privately saying what happened. */
export async function proposeReply(
	readingDesk: ReadingDesk | undefined,
	asker: Asker,
	text: string,
	note: string | undefined,
	context: ProposeContext,
): Promise<Reply> {
	const { desk, guildId } = requireReadingList(readingDesk, asker);
	const paper = await paperToPropose(text, asker, context);
	const outcome = desk.propose(guildId, paper, asker.user, note?.trim() ? note.trim() : null);
	const title = linkedTitle(paper, paper.id);
	switch (outcome.status) {
		case 'added': {
			const { on, next, timezone } = desk.pollSchedule(guildId);
			const when = !on
				? `No poll will offer it yet: ${POLLS_OFF}.`
				: next
					? `The next poll is ${formatLocalTime(next, timezone)}.`
					: 'The reading schedule does not fire again, so no poll will offer it.';
			return privateText(`Proposed ${title} for the reading group: ${outcome.count} of ${MAX_PROPOSALS} on the list. ${when}`);
		}
		case 'present':
			return privateText(`${title} is already on the reading list: proposed by ${nameOf(outcome.proposal)} on ${dayOf(outcome.proposal)}.`);
		case 'full': {
			const mine = outcome.proposals.filter((proposal) => proposal.proposerId === asker.user.id);
			const candidates = (mine.length > 0 ? mine : outcome.proposals).slice(0, 5);
			const lines = candidates.map((proposal) => `• \`${proposal.paperId}\` (${nameOf(proposal)}, ${dayOf(proposal)})`);
			throw new UserError(
				`The reading list is full (${MAX_PROPOSALS} proposals). Withdraw one first with /paper withdraw id:<paper>; ${
					mine.length > 0 ? 'yours are' : 'the oldest are (their proposer or an admin can withdraw them)'
				}:\n${lines.join('\n')}`,
			);
		}
	}
}

/** The asker's server's reading list, for everyone, with a menu to open any card. */
export function proposalsReply(readingDesk: ReadingDesk | undefined, asker: Asker): Reply {
	const { desk, guildId } = requireReadingList(readingDesk, asker);
	const entries = desk.proposals(guildId);
	if (entries.length === 0)
		return privateText('The reading list is empty. Propose a paper with /paper propose id:<paper>; a poll needs at least two.');
	return publicReply(buildProposalsMessage(entries, MAX_PROPOSALS));
}

/** Takes a paper off the reading list: its proposer may, and so may a server admin (or whoever runs the console). */
export function withdrawReply(readingDesk: ReadingDesk | undefined, asker: Asker, text: string, context: PaperContext): Reply {
	const { desk, guildId } = requireReadingList(readingDesk, asker);
	const paperId = getPaper(context.index, text)?.id ?? normalisePaperKey(text) ?? text.trim();
	const proposal = desk.proposal(guildId, paperId);
	if (!proposal)
		throw new UserError(`${markdownSafe(plainLine(paperLabel(paperId).slice(0, 100)))} is not on the reading list; see /paper proposals.`);
	const mayWithdraw = proposal.proposerId === asker.user.id || !asker.guildId || mayManageServer(asker.memberPermissions);
	if (!mayWithdraw) throw new UserError(`Only ${nameOf(proposal)}, who proposed it, or a member with Manage Server can withdraw it.`);
	// A paper a poll offers stays until the pick, so that it cannot win with nobody named as its proposer.
	if (desk.openPoll(guildId)?.paperIds.includes(paperId))
		throw new UserError(
			`${linkedTitle(getPaper(context.index, paperId), paperId)} is in the reading poll that is open now, so it stays on the list until the poll's pick is posted; withdraw it then, if it is not the pick.`,
		);
	desk.withdraw(guildId, paperId);
	return privateText(`Withdrew ${linkedTitle(getPaper(context.index, paperId), paperId)} from the reading list.`);
}

/**
 * `/paper withdraw`'s choices as the member types: the reading list's papers whose title or id
 * holds what is typed, the member's own proposals first, then the oldest.
 */
export function withdrawChoices(
	readingDesk: ReadingDesk | undefined,
	asker: Asker,
	typed: string,
): APIApplicationCommandOptionChoice<string>[] {
	const guildId = asker.guildId ?? readingDesk?.localGuildId;
	if (!readingDesk || !guildId) return [];
	const wanted = termsOf(typed);
	const entries = readingDesk.proposals(guildId).filter(({ proposal, paper }) => {
		const words = termsOf(`${paper ? displayTitle(paper) : ''} ${proposal.paperId}`);
		return wanted.every((typedWord) => words.some((word) => word.startsWith(typedWord)));
	});
	const mine = entries.filter(({ proposal }) => proposal.proposerId === asker.user.id);
	const others = entries.filter(({ proposal }) => proposal.proposerId !== asker.user.id);
	// A paper gone from the corpus is offered by its key, unless the key is too long for a choice's value.
	return [...mine, ...others]
		.filter(({ proposal, paper }) => paper || proposal.paperId.length <= CHOICE_VALUE_MAX)
		.slice(0, COMPONENT_LIMITS.selectOptions)
		.map(({ proposal, paper }) => (paper ? paperChoice(paper) : { name: paperLabel(proposal.paperId), value: proposal.paperId }));
}

/** What `/paperbot reading set` saves; absent options keep the current (or default) choice. */
export interface ReadingRequest {
	channelId: string;
	cron: string | undefined;
	hours: number | undefined;
}

function refusing(answer: () => Reply): Reply {
	try {
		return answer();
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(`${error.message}\nNothing was saved.`);
		throw error;
	}
}

/** Saves a server's reading polls: where, on which schedule, open how long; says when the next poll is. */
export function configureReadingReply(schedule: ScheduleService, guildId: string, request: ReadingRequest): Reply {
	return refusing(() => {
		const current = schedule.settingsFor(guildId);
		const saved = schedule.configure(guildId, {
			reading_channel_id: request.channelId,
			reading_cron: request.cron ?? current.reading_cron,
			reading_hours: request.hours ?? current.reading_hours,
		});
		const next = nextPollTime(saved, schedule.now());
		return privateText(
			`Reading polls: <#${saved.reading_channel_id}> on \`${saved.reading_cron}\` (${saved.timezone}), each open ${saved.reading_hours} h. ${
				next ? `Next poll: ${formatLocalTime(next, saved.timezone)}.` : 'The schedule never fires again.'
			}${warningLine(schedule.channelWarning(guildId, 'reading'))}`,
		);
	});
}

/** Stops a server's reading polls; the list and an open poll's result stay. */
export function readingOffReply(schedule: ScheduleService, guildId: string): Reply {
	return refusing(() => {
		const { timezone } = schedule.configure(guildId, { reading_channel_id: null });
		const open = schedule.openPoll(guildId);
		const poll = open
			? ` The poll open now stays open until ${formatLocalTime(new Date(open.endsAt), timezone)}, and its pick is posted then.`
			: '';
		return privateText(`Reading polls: off. The reading list is kept.${poll}`);
	});
}

/** Ends the open poll early through Discord and says whether its result is posted, and what went wrong with it. */
export async function closePollReply(schedule: ScheduleService, guildId: string): Promise<Reply> {
	const closed = await schedule.closePoll(guildId);
	if (!closed) throw new UserError('No reading poll is open here.');
	if (!closed.posted) return privateText('The reading poll is closed; its result is posted as soon as Discord has the final count.');
	if (!closed.problem) return privateText('The reading poll is closed and its result is posted.');
	return privateText(`The reading poll is closed and its result is posted, but not all of it went out. ${closed.problem}`);
}

/** The next reading poll privately, without posting it. */
export function previewPollReply(schedule: ScheduleService, guildId: string): Reply {
	const { on, at, entries, message } = schedule.previewPoll(guildId);
	const settings = schedule.settingsFor(guildId);
	const when = at ? formatLocalTime(at, settings.timezone) : 'never';
	const off = `Preview only: no poll is coming, since ${POLLS_OFF}.`;
	if (!message)
		return privateText(
			on
				? `Preview only: the next poll (${when}) would not be posted: it needs at least two proposals, and the list has ${entries.length}.`
				: `${off} A poll also needs at least two proposals, and the list has ${entries.length}.`,
		);
	const answers = message.poll.answers.map((answer, index) => `${index + 1}. ${markdownSafe(answer.poll_media.text)}`).join('\n');
	// While polls are off the poll's text is left out: it names times no poll will keep.
	const content = on
		? `Preview only: the poll at ${when} would ask “${message.poll.question.text}” with these answers:\n${answers}\n\n${message.content}`
		: `${off} Once they are on, a poll would offer these answers:\n${answers}`;
	return privateReply({
		content: content.slice(0, 2000),
		embeds: [],
		components: [],
	});
}
