import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { announcementXml } from '../arxiv/feed-stand-in.js';
import { FEED_DATE, FEED_DAY, IN_CORPUS, OFF_TOPIC, ON_TOPIC, REPLACED } from '../feed/feed-day.js';
import { CROSS_LISTED_SPIKING, NEW_SPIKING, SPIKING_DAY, SPIKING_DAY_DATE } from '../feed/spiking-day.js';
import { startBotForTest, startFeedBot, type BotProcess } from './bot-process.js';
import { button, selectMenu, slashCommand, type InteractionInput, type OptionValue } from './discord-standin.js';
import { MEMBER_PERMISSIONS, ADMIN_PERMISSIONS } from './standin/world.js';

const CATEGORIES = 'cs.NE+cs.LG';

/** A `/paperbot` or `/paper` interaction, with an optional subcommand group, as Discord sends it. */
function command(name: string, path: string[], options: Record<string, OptionValue>, permissions = ADMIN_PERMISSIONS): InteractionInput {
	const values = Object.entries(options).map(([option, value]) => ({
		name: option,
		type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
		value,
	}));
	const nested = path.reduceRight<unknown[]>(
		(inner, part, index) => [{ name: part, type: index === 0 && path.length === 2 ? 2 : 1, options: inner }],
		values,
	);
	return { type: 2, data: { name, type: 1, options: nested }, permissions };
}

const footers = (message: APIMessage) => (message.embeds as APIEmbed[]).map((embed) => embed.footer?.text ?? '');
const text = (message: APIMessage) =>
	[message.content, ...(message.embeds as APIEmbed[]).map((embed) => embed.description ?? '')].join('\n');

describe('the arXiv feed through the real bot', () => {
	it('posts the day’s on-topic papers once, pings only the matching subscriber, and lets a curator add one', async () => {
		const started = await startFeedBot('day', {
			[CATEGORIES]: { body: announcementXml(CATEGORIES, FEED_DATE, FEED_DAY), etag: '"day-1"' },
		});
		const { standin, feed, folder, corpusPath, env } = started;
		let bot: BotProcess = started.bot;

		const subscribed = await standin.sendInteraction(command('paper', ['subscribe'], { query: 'poisoned teachers' }, MEMBER_PERMISSIONS));
		expect((await subscribed.waitForAnswer()).content).toContain('Subscribed to `poisoned teachers`');

		const bad = await standin.sendInteraction(
			command('paperbot', ['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE neuro/bio' }),
		);
		expect((await bad.waitForAnswer()).content).toBe(
			'categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "neuro/bio" is not one\nNothing was saved.',
		);

		// The feed time has passed today, so turning the feed on looks at once.
		const on = await standin.sendInteraction(
			command('paperbot', ['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE cs.LG', time: '00:00' }),
		);
		expect((await on.waitForAnswer()).content).toContain('arXiv feed: <#');
		await bot.waitForLog((record) => record.msg === 'feed: posted', 15_000);

		const posts = () =>
			standin.messages().filter((message) => footers(message).some((footer) => footer.includes(`arXiv feed · ${FEED_DATE}`)));
		const [post, ...more] = posts();
		expect(more).toEqual([]);
		const listed = text(post!);
		// The paper by an author of a corpus paper comes first, then the paper close to the corpus.
		const positions = [ON_TOPIC[1]!, ON_TOPIC[0]!].map((entry) => listed.indexOf(`https://arxiv.org/abs/${entry.id}`));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		for (const absent of [...REPLACED, IN_CORPUS, ...OFF_TOPIC]) expect(listed).not.toContain(`abs/${absent.id})`);
		expect(listed).toContain('André Müller');
		expect(listed).toContain('close to “');

		const member = `<@${standin.memberUser.id}>`;
		const mentionLines = listed.split('\n').filter((line) => line.includes(member));
		expect(mentionLines).toHaveLength(2);
		expect(mentionLines[0]).toContain('For ');
		expect(mentionLines[1]).toContain('by *Jiayu Zhou*, author of “Revisiting Data-Free Knowledge Distillation with Poisoned Teachers”');
		const request = standin.requests.find(
			(recorded) => recorded.method === 'POST' && JSON.stringify(recorded.body ?? '').includes('arXiv feed ·'),
		);
		expect((request!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [standin.memberUser.id] });
		expect(feed.received[0]?.headers['user-agent']).toMatch(/^paperbot\//);

		const opened = await standin.sendInteraction({ ...selectMenu('feed', [ON_TOPIC[1]!.id], post), permissions: ADMIN_PERMISSIONS });
		const card = await opened.waitForAnswer();
		expect(card.embeds[0]?.title).toBe(ON_TOPIC[1]!.title);
		expect(JSON.stringify(card.components)).toContain(`"add:${ON_TOPIC[1]!.id}"`);
		const added = await standin.sendInteraction({ ...button(`add:${ON_TOPIC[1]!.id}`, card), permissions: ADMIN_PERMISSIONS });
		await added.waitForAnswer(10_000);
		const search = await standin.sendInteraction(slashCommand('paper', 'search', { query: 'detecting poisoned teachers' }));
		expect((await search.waitForAnswer()).embeds[0]?.title).toBe(ON_TOPIC[1]!.title);

		const other = await standin.sendInteraction(selectMenu('feed', [ON_TOPIC[0]!.id], post));
		const otherCard = await other.waitForAnswer();
		expect(JSON.stringify(otherCard.components)).not.toContain('"add:');
		const discussed = await standin.sendInteraction(button(`feed-discuss:${ON_TOPIC[0]!.id}`, otherCard));
		expect((await discussed.waitForAnswer()).content).toBe(`Discussion started by <@${standin.memberUser.id}>`);
		await bot.waitForLog(() => standin.threads().some((thread) => thread.name === ON_TOPIC[0]!.title), 5_000);

		// The feed still holds the announcement posted today: the answer is that post, not a preview of what is left of the day.
		const preview = await standin.sendInteraction(command('paperbot', ['post'], { kind: 'feed' }));
		const [posted, ...papers] = (await preview.waitForAnswer(10_000)).content.split('\n');
		expect(posted).toBe(
			`Today’s arXiv feed is posted: https://discord.com/channels/${standin.guildId}/${standin.channelId}/${post!.id} (the announcement of ${FEED_DATE}, which is what arXiv’s feed holds now), 2 papers:`,
		);
		expect(papers.slice(0, 2)).toEqual(
			[ON_TOPIC[1]!, ON_TOPIC[0]!].map((entry) => `• [${entry.title}](https://arxiv.org/abs/${entry.id})`),
		);
		expect(papers[2]).toMatch(/^Next look: \d{4}-\d\d-\d\d 00:00 \(UTC\), for the next announcement\.$/);
		expect(posts()).toHaveLength(1);

		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env });
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(posts()).toHaveLength(1);
		// A paper outside the corpus still opens from the post: the feed's papers are kept in the state database.
		const reopened = await standin.sendInteraction(selectMenu('feed', [ON_TOPIC[0]!.id], post));
		expect((await reopened.waitForAnswer()).embeds[0]?.title).toBe(ON_TOPIC[0]!.title);

		const status = await standin.sendInteraction(command('paperbot', ['status'], {}));
		const statusText = JSON.stringify((await status.waitForAnswer()).embeds);
		expect(statusText).toContain(`Last feed: ${FEED_DATE}, ${ON_TOPIC.length + OFF_TOPIC.length} new, ${ON_TOPIC.length} posted`);
	}, 120_000);

	it('posts the three new spiking-network papers and the cross-listed one first on a real cs.NE + cs.RO day', async () => {
		const path = 'cs.NE+cs.RO';
		const { standin, bot } = await startFeedBot('spiking', {
			[path]: { body: announcementXml(path, SPIKING_DAY_DATE, SPIKING_DAY), etag: '"day-2"' },
		});

		const on = await standin.sendInteraction(
			command('paperbot', ['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE cs.RO', time: '00:00' }),
		);
		expect((await on.waitForAnswer()).content).toContain('arXiv feed: <#');
		await bot.waitForLog((record) => record.msg === 'feed: posted', 15_000);

		const [post] = standin
			.messages()
			.filter((message) => footers(message).some((footer) => footer.includes(`arXiv feed · ${SPIKING_DAY_DATE}`)));
		const listed = [...text(post!).matchAll(/\(https:\/\/arxiv\.org\/abs\/([\d.]+)\)/g)].map((match) => match[1]);
		expect(new Set(listed.slice(0, 4))).toEqual(new Set([...NEW_SPIKING, CROSS_LISTED_SPIKING].map((entry) => entry.id)));
		expect(text(post!)).toContain("closer to the lab than all of today's other papers");

		// The lab teaches the feed from a paper's card: Not for us (each member's own mark), Discuss and Share.
		const other = { id: '100000000000000777', username: 'bea', global_name: 'Bea' };
		const cardFor = async (user?: typeof other) =>
			(await standin.sendInteraction({ ...selectMenu('feed', [CROSS_LISTED_SPIKING.id], post), ...(user && { user }) })).waitForAnswer();
		const [card, othersCard] = [await cardFor(), await cardFor(other)];
		const notForUs = async (on: APIMessage, user?: typeof other) =>
			(
				await (
					await standin.sendInteraction({ ...button(`feed-dismiss:${CROSS_LISTED_SPIKING.id}`, on), ...(user && { user }) })
				).waitForAnswer()
			).content;
		const marked = (members: string) =>
			`Marked Not for us: ${members} now, and papers like it rank lower in later feeds, the more so the more members mark it. Press again to take your mark back.`;
		expect(await notForUs(card)).toBe(marked('1 member marks it'));
		expect(await notForUs(othersCard, other)).toBe(marked('2 members mark it'));
		expect(await notForUs(card)).toBe('Your Not for us mark is taken back; 1 member marks it still, so papers like it still rank lower.');
		expect(await notForUs(othersCard, other)).toBe(
			'Your Not for us mark is taken back; no member marks it now, so papers like it rank as before.',
		);
		expect(await notForUs(card)).toBe(marked('1 member marks it'));
		const otherPaper = await (await standin.sendInteraction(selectMenu('feed', [NEW_SPIKING[0]!.id], post))).waitForAnswer();
		await (await standin.sendInteraction(button(`feed-discuss:${NEW_SPIKING[0]!.id}`, otherPaper))).waitForAnswer();
		const status = await standin.sendInteraction(command('paperbot', ['status'], {}));
		expect(JSON.stringify((await status.waitForAnswer()).embeds)).toContain(
			"Taught: 1 taken up from feed posts (ranked as the lab's own), 1 marked Not for us",
		);

		const third = await (await standin.sendInteraction(selectMenu('feed', [NEW_SPIKING[1]!.id], post))).waitForAnswer();
		const sharing = await standin.sendInteraction(button(`feed-share:${NEW_SPIKING[1]!.id}`, third));
		const shared = await sharing.waitForAnswer();
		expect(shared.content).toBe(`Shared by <@${standin.memberUser.id}>`);
		expect(shared.embeds[0]?.url).toBe(`https://arxiv.org/abs/${NEW_SPIKING[1]!.id}`);
		expect(sharing.callback.data).toMatchObject({ allowed_mentions: { parse: [] } });
		expect({ mentions: shared.mentions, everyone: shared.mention_everyone }).toEqual({ mentions: [], everyone: false });
		expect(standin.messages().map((message) => message.id)).toContain(shared.id);
		const after = await standin.sendInteraction(command('paperbot', ['status'], {}));
		expect(JSON.stringify((await after.waitForAnswer()).embeds)).toContain(
			"Taught: 2 taken up from feed posts (ranked as the lab's own), 1 marked Not for us",
		);
	}, 60_000);

	it('makes one post per paper however many members press Discuss or Share, at once or again, and points every other press to it', async () => {
		const path = 'cs.NE+cs.RO';
		const { standin, bot } = await startFeedBot('once', {
			[path]: { body: announcementXml(path, SPIKING_DAY_DATE, SPIKING_DAY), etag: '"day-3"' },
		});
		const on = await standin.sendInteraction(
			command('paperbot', ['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE cs.RO', time: '00:00' }),
		);
		await on.waitForAnswer();
		await bot.waitForLog((record) => record.msg === 'feed: posted', 15_000);
		const [post] = standin
			.messages()
			.filter((message) => footers(message).some((footer) => footer.includes(`arXiv feed · ${SPIKING_DAY_DATE}`)));
		const bea = { id: '100000000000000777', username: 'bea', global_name: 'Bea' };
		const cardOf = async (id: string, user?: typeof bea) =>
			(await standin.sendInteraction({ ...selectMenu('feed', [id], post), ...(user && { user }) })).waitForAnswer();
		const press = (customId: string, card: APIMessage, user?: typeof bea) =>
			standin.sendInteraction({ ...button(customId, card), ...(user && { user }) });
		const publicPostsOf = (id: string) =>
			standin.messages().filter((message) => (message.embeds as APIEmbed[]).some((embed) => embed.url === `https://arxiv.org/abs/${id}`));

		// Two members press Discuss on the same paper at the same moment: one card, one thread.
		const discussed = NEW_SPIKING[0]!;
		const [mine, beas] = [await cardOf(discussed.id), await cardOf(discussed.id, bea)];
		const answers = await Promise.all([press(`feed-discuss:${discussed.id}`, mine), press(`feed-discuss:${discussed.id}`, beas, bea)]);
		const texts = await Promise.all(answers.map(async (answer) => (await answer.waitForAnswer()).content));
		await bot.waitForLog(() => standin.threads().some((thread) => thread.name === discussed.title), 5_000);
		const [card, ...moreCards] = publicPostsOf(discussed.id);
		expect(moreCards).toEqual([]);
		expect(standin.threads().filter((thread) => thread.name === discussed.title)).toHaveLength(1);
		expect(texts.filter((text) => text.startsWith('Discussion started by <@'))).toHaveLength(1);
		expect(texts.filter((text) => text === `The discussion is already here: <#${card!.id}>`)).toHaveLength(1);
		// Later, Share or Discuss again by either member posts nothing and points to the thread.
		expect((await (await press(`feed-share:${discussed.id}`, mine)).waitForAnswer()).content).toBe(
			`The discussion is already here: <#${card!.id}>`,
		);
		expect((await (await press(`feed-discuss:${discussed.id}`, beas, bea)).waitForAnswer()).content).toBe(
			`The discussion is already here: <#${card!.id}>`,
		);

		// One member pressing Share twice shares once; the second press links the card, whose Discuss starts its thread.
		const shared = NEW_SPIKING[1]!;
		const shareCard = await cardOf(shared.id);
		expect((await (await press(`feed-share:${shared.id}`, shareCard)).waitForAnswer()).content).toBe(
			`Shared by <@${standin.memberUser.id}>`,
		);
		const [sharedPost] = publicPostsOf(shared.id);
		const link = `https://discord.com/channels/${standin.guildId}/${standin.channelId}/${sharedPost!.id}`;
		expect((await (await press(`feed-share:${shared.id}`, shareCard)).waitForAnswer()).content).toBe(
			`It is already shared here: ${link}; **Discuss** on it starts its thread.`,
		);
		await (await press(`discuss:${shared.id}`, sharedPost!)).waitForAnswer();
		expect((await (await press(`feed-discuss:${shared.id}`, await cardOf(shared.id, bea), bea)).waitForAnswer()).content).toBe(
			`The discussion is already here: <#${sharedPost!.id}>`,
		);
		expect(publicPostsOf(shared.id)).toHaveLength(1);
		expect(standin.threads().filter((thread) => thread.name === shared.title)).toHaveLength(1);

		// A post a moderator deleted is posted anew by the next press.
		standin.deleteMessage(card!.id);
		expect((await (await press(`feed-share:${discussed.id}`, mine)).waitForAnswer()).content).toBe(`Shared by <@${standin.memberUser.id}>`);
		expect(publicPostsOf(discussed.id)).toHaveLength(1);
		expect(publicPostsOf(discussed.id)[0]!.id).not.toBe(card!.id);
	}, 60_000);

	it('posts nothing while arXiv answers 503, says so in the status, and keeps answering', async () => {
		const { standin, feed, bot } = await startFeedBot('down', { [CATEGORIES]: { status: 503 } });

		const on = await standin.sendInteraction(
			command('paperbot', ['feed', 'on'], { channel: standin.channelId, categories: 'cs.NE cs.LG', time: '00:00' }),
		);
		expect((await on.waitForAnswer()).content).toContain('arXiv feed: <#');
		const failed = await bot.waitForLog((record) => record.msg === 'feed: look failed; will retry', 15_000);
		expect(failed).toMatchObject({ failures: 1, reason: expect.stringContaining('503') });
		// The first retry is a minute later (then 5, 15, 30 and 60 minutes), never sooner.
		expect(Date.parse(failed.retryAt as string) - (failed.time as number)).toBeGreaterThanOrEqual(59_000);

		const status = await standin.sendInteraction(command('paperbot', ['status'], {}));
		const fields = ((await status.waitForAnswer()).embeds as APIEmbed[])[0]?.fields ?? [];
		// As Discord shows it, markdown escapes read as the characters they escape.
		const shown = (name: string) => fields.find((field) => field.name === name)?.value.replace(/\\(.)/g, '$1');
		expect(shown('Problems')).toBe(
			'• arXiv feed: 1 failed look in a row, last: arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.',
		);
		expect(shown('arXiv feed')).toContain('Last look: the feed was empty or unreadable');
		const search = await standin.sendInteraction(slashCommand('paper', 'search', { query: 'spiking gan' }));
		expect((await search.waitForAnswer()).embeds[0]?.title).toBe('Spiking Generative Adversarial Network with Attention Scoring Decoding');
		expect(standin.messages().filter((message) => footers(message).some((footer) => footer.includes('arXiv feed ·')))).toEqual([]);
		expect(feed.received).toHaveLength(1);
	}, 60_000);
});
