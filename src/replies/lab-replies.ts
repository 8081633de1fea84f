import { countOf } from '../cards/counts.js';
import { displayTitle } from '../cards/index.js';
import { markdownSafe } from '../cards/safe-text.js';
import { paperLabel } from '../corpus/paper.js';
import type { LabPaper } from '../feed/lab-papers.js';
import { privateText, UserError, type Reply } from '../interaction/reply.js';
import { nextPotdTime } from '../schedule/time.js';
import { formatLocalTime } from '../messages/schedule-status.js';
import type { LabDesk } from '../services/lab-desk.js';
import type { ScheduleService } from '../services/schedule-service.js';
import { ScheduleSettingError } from '../store/setting-values.js';

/** Most lab papers `/paperbot ours list` names in one message. */
const LISTED = 40;

/** Why a paper is the lab's, in words. */
export function labReasonText(lab: LabPaper): string {
	return lab.reason.kind === 'marked' ? 'marked by hand' : `by ${lab.reason.name}`;
}

/** What `/paperbot ours` asks. */
export type OursRequest = { action: 'list' } | { action: 'add' | 'remove'; id: string };

/** Lists the lab's papers, or marks one as the lab's or not, privately. */
export function oursReply(desk: LabDesk, request: OursRequest): Reply {
	if (request.action === 'list') {
		const papers = desk.papers();
		const authors = desk.authors.length ? `\`LAB_AUTHORS\`: ${markdownSafe(desk.authors.join('; '))}.` : '`LAB_AUTHORS` is not set.';
		if (papers.length === 0)
			return privateText(`${authors} No corpus paper is the lab's yet; mark one with \`/paperbot ours add id:<arXiv id or DOI>\`.`);
		const lines = papers
			.slice(0, LISTED)
			.map((lab) => `• ${markdownSafe(displayTitle(lab.paper))} (${paperLabel(lab.paper.id)}), ${markdownSafe(labReasonText(lab))}`);
		const more = papers.length > LISTED ? [`… and ${papers.length - LISTED} more (\`paperbot ours\` lists them all).`] : [];
		return privateText([`${authors} The lab's ${countOf(papers.length, 'paper')}, newest first:`, ...lines, ...more].join('\n'));
	}
	const outcome = request.action === 'add' ? desk.add(request.id) : desk.remove(request.id);
	if (!outcome) throw new UserError(`No paper "${request.id}" in the corpus; add it first with \`/paper add\`.`);
	const title = `“${markdownSafe(displayTitle(outcome.paper))}”`;
	if (request.action === 'add')
		return privateText(outcome.changed ? `${title} is now one of the lab's papers.` : `${title} was already one of the lab's papers.`);
	return privateText(outcome.changed ? `${title} is no longer one of the lab's papers.` : `${title} was not one of the lab's papers.`);
}

/** Saves a guild's citation alerts' channel and time (default: the feed's first look) and says when the first look is. */
export function configureCitationsReply(
	schedule: ScheduleService,
	guildId: string,
	request: { channelId: string; time: string | undefined },
): Reply {
	try {
		const current = schedule.settingsFor(guildId);
		const saved = schedule.configure(guildId, {
			citations_channel_id: request.channelId,
			citations_time: request.time ?? current.feed_time,
		});
		const next = nextPotdTime(saved.citations_time, saved.timezone, schedule.now());
		return privateText(
			`Citation alerts: <#${saved.citations_channel_id}>, looking daily at ${saved.citations_time} ${saved.timezone} for works newly citing the lab's ${countOf(schedule.lab.papers().length, 'paper')}. The first look records the citations already there and posts one line. Next look: ${formatLocalTime(next, saved.timezone)}.`,
		);
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(`${error.message}\nNothing was saved.`);
		throw error;
	}
}

/** Turns a guild's citation alerts off; what they posted and recorded is kept. */
export function citationsOffReply(schedule: ScheduleService, guildId: string): Reply {
	schedule.configure(guildId, { citations_channel_id: null });
	return privateText('Citation alerts: off.');
}
