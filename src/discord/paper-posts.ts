import { DiscordAPIError, RESTJSONErrorCodes, type MessageComponentInteraction, type RepliableInteraction } from 'discord.js';
import { privateText, type Reply } from '../interaction/reply.js';
import type { PaperPost, PaperPostStore } from '../store/paper-posts.js';

/** Sends a reply, calling `onPosted` with the public message once it is posted and again once its thread is started. */
export type SendReply = (
	interaction: RepliableInteraction,
	reply: Reply,
	onPosted?: (messageId: string, withThread: boolean) => void,
) => Promise<boolean>;

/** How long a press waits for a post another press is making, within Discord's 3 s for an answer. */
const WAIT_FOR_POST_MS = 1_500;
const WAIT_STEP_MS = 100;

/** What a press of Share or Discuss on a paper already posted in the server answers, pointing to the post. */
function alreadyPostedText(post: PaperPost): string {
	if (post.messageId === null) return `It is being posted in <#${post.channelId}> right now, by another press.`;
	if (post.withThread) return `The discussion is already here: <#${post.messageId}>`;
	const link = `https://discord.com/channels/${post.guildId}/${post.channelId}/${post.messageId}`;
	return `It is already shared here: ${link}; **Discuss** on it starts its thread.`;
}

/** The post another press is making, once it has its message, or as it is after {@link WAIT_FOR_POST_MS}. */
async function postOnceMade(posts: PaperPostStore, existing: PaperPost): Promise<PaperPost> {
	let post = existing;
	for (let waited = 0; post.messageId === null && waited < WAIT_FOR_POST_MS; waited += WAIT_STEP_MS) {
		await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
		post = posts.get(existing.guildId, existing.paperId) ?? post;
	}
	return post;
}

/** Discord's codes for a message or channel that is no longer there. */
const GONE = new Set([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel]);

/** Whether a paper's post is still in Discord: false only when Discord says it is gone (a moderator deleted it). */
async function stillThere(interaction: MessageComponentInteraction, post: PaperPost): Promise<boolean> {
	if (post.messageId === null) return true;
	try {
		const channel = await interaction.client.channels.fetch(post.channelId);
		if (channel?.isTextBased()) await channel.messages.fetch({ message: post.messageId, cache: false, force: true });
		return true;
	} catch (error) {
		return !(error instanceof DiscordAPIError && GONE.has(error.code as RESTJSONErrorCodes));
	}
}

/**
 * Posts a paper's one public post in the server (`reply.paperPost`): the press that claims it
 * posts, and every other press, at once or later, by the same member or another, points to that
 * post instead, unless it was deleted, when the press posts it anew. A post that fails before
 * anything is in the channel gives its claim up.
 */
export async function postOncePerPaper(
	interaction: MessageComponentInteraction<'cached' | 'raw'> & RepliableInteraction,
	reply: Reply & { paperPost: string },
	posts: PaperPostStore,
	send: SendReply,
): Promise<string> {
	const { guildId, channelId } = interaction;
	const paperId = reply.paperPost;
	let claim = posts.claim(guildId, paperId, channelId, new Date());
	if (!claim.claimed) {
		let existing = await postOnceMade(posts, claim.existing);
		if (existing.messageId !== null && !(await stillThere(interaction, existing))) {
			posts.forget(guildId, paperId, existing.messageId);
			claim = posts.claim(guildId, paperId, channelId, new Date());
			if (!claim.claimed) existing = claim.existing;
		}
		if (!claim.claimed) {
			await send(interaction, privateText(alreadyPostedText(existing)));
			return 'already posted';
		}
	}
	let posted = false;
	const onPosted = (messageId: string, withThread: boolean) => {
		posted = true;
		posts.record(guildId, paperId, messageId, withThread);
	};
	try {
		return (await send(interaction, reply, onPosted)) ? 'answered' : 'refused';
	} finally {
		if (!posted) posts.release(guildId, paperId);
	}
}
