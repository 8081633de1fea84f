import { DiscordAPIError, RESTJSONErrorCodes, type Client, type GuildTextBasedChannel } from 'discord.js';
import { refusing } from './refusals.js';
import type { Poster } from '../services/poster.js';

/** The reading group's part of the poster: native polls sent, ended early and counted through discord.js. */
export function createPollPoster(
	client: Client<true>,
	fetchChannel: (guildId: string, channelId: string) => Promise<GuildTextBasedChannel>,
): Pick<Poster, 'sendPoll' | 'endPoll' | 'pollResults'> {
	const fetchPoll = async (guildId: string, channelId: string, messageId: string) => {
		const channel = await fetchChannel(guildId, channelId);
		const message = await channel.messages.fetch({ message: messageId, force: true, cache: false });
		if (!message.poll) throw new Error(`schedule/polls: message ${messageId} in channel ${channelId} has no poll`);
		return { message, poll: message.poll };
	};
	return {
		async sendPoll(guildId, channelId, { content, poll }) {
			const channel = await fetchChannel(guildId, channelId);
			const held = channel.permissionsFor(client.user)?.bitfield;
			const sent = await refusing(
				() =>
					channel.send({
						content,
						poll: {
							question: poll.question,
							answers: poll.answers.map((answer) => ({ text: answer.poll_media.text })),
							duration: poll.duration,
							allowMultiselect: poll.allow_multiselect,
							layoutType: poll.layout_type,
						},
						allowedMentions: { parse: [] },
					}),
				{ action: 'post a poll', channelId, held },
			);
			return sent.id;
		},
		async endPoll(guildId, channelId, messageId) {
			const channel = await fetchChannel(guildId, channelId);
			// The manager's call, not Poll#end, whose own expiry check would trust this machine's clock over Discord's.
			await channel.messages.endPoll(messageId).catch((error: unknown) => {
				// Ending a poll that has ended already is refused; the poll is over either way.
				if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.PollExpired)) throw error;
			});
		},
		async pollResults(guildId, channelId, messageId) {
			const { poll } = await fetchPoll(guildId, channelId, messageId);
			const answers = [...poll.answers.values()].sort((a, b) => a.id - b.id);
			return { finalized: poll.resultsFinalized, counts: answers.map((answer) => ('voteCount' in answer ? answer.voteCount : 0)) };
		},
	};
}
