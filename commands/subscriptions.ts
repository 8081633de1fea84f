import { listSubscriptions, subscribe, unsubscribe } from '../src/schedule/digest.js';
import type { ScheduleService } from '../src/discord/schedule-service.js';
import { ScheduleSettingError } from '../src/schedule/time.js';
import { privateText, textOption, UserError } from './index.js';
import type { CommandContext, CommandInput, Reply } from './index.js';

/** The schedule and the guild, or a UserError saying these commands work only in a Discord server. */
export function requireGuildSchedule(input: CommandInput, context: CommandContext): { schedule: ScheduleService; guildId: string } {
	if (!context.schedule || !input.guildId) throw new UserError('This works only in a Discord server where paperbot is running.');
	return { schedule: context.schedule, guildId: input.guildId };
}


/** A saved query as it is stored, in a code span (a backtick would end the span early). */
export const quotedQuery = (query: string) => `\`${query.trim().replace(/\s+/g, ' ').replace(/`/g, "'")}\``;

/** Answers `/paper subscribe|unsubscribe|subscriptions` for the asker, privately. */
export function executeSubscription(input: CommandInput, context: CommandContext): Reply {
	const { schedule, guildId } = requireGuildSchedule(input, context);
	const query = textOption(input, 'query') || undefined;
	try {
		switch (input.subcommand) {
			case 'subscribe': {
				const added = subscribe(schedule.state, guildId, input.user.id, query ?? '');
				return privateText(added ? `Subscribed to ${quotedQuery(query ?? '')}: the digest will mention you beside new papers that match it.` : `You are already subscribed to ${quotedQuery(query ?? '')}.`);
			}
			case 'unsubscribe': {
				const removed = unsubscribe(schedule.state, guildId, input.user.id, query);
				if (removed === 0) throw new UserError(query === undefined ? 'You have no subscriptions here.' : `You have no subscription ${quotedQuery(query)}; see /paper subscriptions.`);
				return privateText(query === undefined ? `Removed all ${removed} of your subscriptions.` : `Unsubscribed from ${quotedQuery(query)}.`);
			}
			default: {
				const mine = listSubscriptions(schedule.state, guildId, input.user.id);
				if (mine.length === 0) return privateText('You have no subscriptions here. Add one with `/paper subscribe query:<words>`.');
				return privateText(`Your subscriptions:\n${mine.map((subscription) => `• ${quotedQuery(subscription.query)}`).join('\n')}`);
			}
		}
	} catch (error) {
		if (error instanceof ScheduleSettingError) throw new UserError(error.message);
		throw error;
	}
}
