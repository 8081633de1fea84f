import type { Curation } from '../arxiv/curation.js';
import { displayTitle, truncateAtWord } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import { abstractUrl, normaliseArxivId, type Paper } from '../corpus/paper.js';
import type { Asker } from '../interaction/command.js';
import { mayManageServer } from '../interaction/permissions.js';
import { privateReply, privateText, publicReply, UserError, type Reply } from '../interaction/reply.js';
import { buildProposalsMessage } from '../messages/reading-messages.js';
import { formatLocalTime } from '../messages/schedule-status.js';
import { MAX_PROPOSALS, type Proposal } from '../store/reading-list.js';
import { nextPollTime } from '../schedule/reading-scheduler.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { getPaper } from '../search/paper-index.js';
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
	`[${markdownSafe(truncateAtWord(paper ? displayTitle(paper) : `arXiv:${id}`, 120))}](<${abstractUrl(id)}>)`;
const nameOf = (proposal: Proposal) => markdownSafe(plainLine(proposal.proposerName));
const dayOf = (proposal: Proposal) => proposal.proposedAt.slice(0, 10);

/** What proposing needs beyond the list: the corpus, and adding from arXiv for curators. */
export interface ProposeContext extends PaperContext {
	readonly curation?: Curation | undefined;
}

/** The paper `text` names: in the corpus, or added from arXiv first when the asker may add papers. */
async function paperToPropose(text: string, asker: Asker, context: ProposeContext): Promise<Paper> {
	const known = getPaper(context.index, text);
	if (known || normaliseArxivId(text) === null) return known ?? requirePaper(context, text);
	if (!context.curation?.mayAdd(asker))
		throw new UserError(
			`arXiv:${normaliseArxivId(text)} is not in the corpus; only members with Manage Server or the curator role can add it, so ask one of them to /paper add it first.`,
		);
	const { added, present, failed } = await context.curation.addPapers([text]);
	if (failed[0]) throw new UserError(failed[0].reason);
	const paper = added[0] ?? getPaper(context.index, present[0] ?? text);
	if (!paper) throw new UserError(`arXiv:${present[0] ?? text} could not be read back from the corpus; try again.`);
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
		case 'added':
			return privateText(`Proposed ${title} for the reading group: ${outcome.count} of ${MAX_PROPOSALS} on the list.`);
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
	const paperId = getPaper(context.index, text)?.id ?? normaliseArxivId(text) ?? text.trim();
	const proposal = desk.proposal(guildId, paperId);
	if (!proposal)
		throw new UserError(`arXiv:${markdownSafe(plainLine(paperId.slice(0, 100)))} is not on the reading list; see /paper proposals.`);
	const mayWithdraw = proposal.proposerId === asker.user.id || !asker.guildId || mayManageServer(asker.memberPermissions);
	if (!mayWithdraw) throw new UserError(`Only ${nameOf(proposal)}, who proposed it, or a member with Manage Server can withdraw it.`);
	desk.withdraw(guildId, paperId);
	return privateText(`Withdrew ${linkedTitle(getPaper(context.index, paperId), paperId)} from the reading list.`);
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
		schedule.configure(guildId, { reading_channel_id: null });
		return privateText('Reading polls: off. The reading list is kept.');
	});
}

/** Ends the open poll early through Discord and says whether its result is posted. */
export async function closePollReply(schedule: ScheduleService, guildId: string): Promise<Reply> {
	const closed = await schedule.closePoll(guildId);
	if (!closed) throw new UserError('No reading poll is open here.');
	return privateText(
		closed.posted
			? 'The reading poll is closed and its result is posted.'
			: 'The reading poll is closed; its result is posted as soon as Discord has the final count.',
	);
}

/** The next reading poll privately, without posting it. */
export function previewPollReply(schedule: ScheduleService, guildId: string): Reply {
	const { at, entries, message } = schedule.previewPoll(guildId);
	const settings = schedule.settingsFor(guildId);
	const when = at ? formatLocalTime(at, settings.timezone) : 'never';
	if (!message)
		return privateText(
			`Preview only: the next poll (${when}) would not be posted: it needs at least two proposals, and the list has ${entries.length}.`,
		);
	const answers = message.poll.answers.map((answer, index) => `${index + 1}. ${markdownSafe(answer.poll_media.text)}`).join('\n');
	return privateReply({
		content:
			`Preview only: the poll at ${when} would ask “${message.poll.question.text}” with these answers:\n${answers}\n\n${message.content}`.slice(
				0,
				2000,
			),
		embeds: [],
		components: [],
	});
}
