import type { Asker } from '../interaction/command.js';
import { privateText, UserError, type Reply } from '../interaction/reply.js';
import { bulletList } from '../messages/bullet-list.js';
import type { ScheduleService } from '../services/schedule-service.js';
import { FollowLimitError } from '../store/follows.js';
import { ScheduleSettingError } from '../store/setting-values.js';
import { requireGuildSchedule } from './schedule-replies.js';

/** What `/paper follow|unfollow|following` asks. */
export type FollowRequest =
	| { action: 'follow'; author: string }
	| { action: 'unfollow'; author: string | undefined }
	| { action: 'following' };

/** A name as a member typed it, in bold, markdown defused. */
const shownName = (name: string) =>
	`**${name
		.trim()
		.replace(/\s+/g, ' ')
		.replace(/[*_`~|\\<>@#]/g, '')}**`;

/** Answers a follow request for the asker, privately. */
export function followReply(service: ScheduleService | undefined, asker: Asker, request: FollowRequest): Reply {
	const { schedule, guildId } = requireGuildSchedule(service, asker);
	const userId = asker.user.id;
	try {
		switch (request.action) {
			case 'follow': {
				const added = schedule.follows.add(guildId, userId, request.author);
				return privateText(
					added
						? `Following ${shownName(request.author)}: each announcement day, their new arXiv papers in any category are posted in the arXiv feed's channel, mentioning you.`
						: `You already follow ${shownName(request.author)}.`,
				);
			}
			case 'unfollow': {
				const removed = schedule.follows.remove(guildId, userId, request.author);
				if (removed === 0)
					throw new UserError(
						request.author === undefined
							? 'You follow no one here.'
							: `You do not follow ${shownName(request.author)}; see /paper following.`,
					);
				return privateText(
					request.author === undefined ? `Stopped following all ${removed} authors.` : `Stopped following ${shownName(request.author)}.`,
				);
			}
			case 'following': {
				const mine = schedule.follows.list(guildId, userId);
				if (mine.length === 0) return privateText('You follow no one here. Follow an author with `/paper follow author:<name>`.');
				return privateText(
					bulletList(
						'You follow:',
						mine.map((follow) => follow.name),
						shownName,
					),
				);
			}
		}
	} catch (error) {
		if (error instanceof FollowLimitError)
			throw new UserError(
				`You already follow ${error.limit} authors here, the most paperbot keeps for one member. Stop following one first with \`/paper unfollow author:<name>\` (\`/paper following\` lists them).`,
			);
		if (error instanceof ScheduleSettingError) throw new UserError(error.message);
		throw error;
	}
}
