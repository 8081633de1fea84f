import type { Paper } from '../corpus/paper.js';
import { planDigest } from '../schedule/digest.js';
import { openPostLog } from '../store/post-log.js';
import { paperOfTheDay } from '../schedule/rotation.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { localDate, nextPotdTime } from '../schedule/time.js';
import type { Library } from '../search/library.js';
import { savedSearchMatcher } from '../search/match.js';
import { getPaper, paperIds } from '../search/paper-index.js';
import { buildDigestMessages, buildEmptyDigestMessage, buildPotdMessage, type PostMessage } from '../messages/post-messages.js';

/** What the paper of the day and digests post, over the state and the corpus in service. */
export interface PostContent {
	/** The guild's paper of the day for a local date; throws when the corpus has none to give. */
	potdPaper(guildId: string, date: string): Paper;
	/** The digest due at `asOf` as messages, or the short note when nothing is new. */
	digestMessages(guildId: string, slot: string, asOf: Date): PostMessage[];
	/** Today's paper-of-the-day post until it is out, then the next day's. */
	potdPreview(settings: GuildSettings, at: Date): PostMessage;
}

/** The post content over `state` and the library's current corpus. */
export function createPostContent(state: State, library: Pick<Library, 'current'>): PostContent {
	const posts = openPostLog(state);
	function potdPaper(guildId: string, date: string): Paper {
		const index = library.current();
		const paperId = paperOfTheDay(state, guildId, date, paperIds(index));
		const paper = paperId === null ? null : getPaper(index, paperId);
		if (!paper)
			throw new Error(
				`schedule/service: no paper of the day for ${date}: ${paperId ? `${paperId} is no longer in the corpus` : 'the corpus is empty'}`,
			);
		return paper;
	}
	return {
		potdPaper,
		digestMessages(guildId, slot, asOf) {
			const index = library.current();
			const plan = planDigest(state, guildId, asOf, savedSearchMatcher(index));
			const papers = new Map(
				plan.paperIds.flatMap((id) => {
					const paper = getPaper(index, id);
					return paper ? [[id, paper] as const] : [];
				}),
			);
			const intro = `**New papers** since the last digest: ${papers.size}`;
			const messages = buildDigestMessages(plan, papers, slot, intro);
			return messages.length > 0 ? messages : [buildEmptyDigestMessage(slot)];
		},
		potdPreview(settings, at) {
			const today = localDate(at, settings.timezone);
			const sentToday = posts.get(settings.guild_id, 'potd', today)?.status === 'sent';
			const date = sentToday ? localDate(nextPotdTime(settings.potd_time, settings.timezone, at), settings.timezone) : today;
			return buildPotdMessage(potdPaper(settings.guild_id, date), date);
		},
	};
}
