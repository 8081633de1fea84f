import { describe, expect, it } from 'vitest';
import { ArxivError } from '../../src/arxiv/error.js';
import type { Asker } from '../../src/interaction/command.js';
import type { PostMessage } from '../../src/messages/post-messages.js';
import { UserError, type Reply } from '../../src/interaction/reply.js';
import {
	configureDigestReply,
	configureFeedReply,
	configurePotdReply,
	feedOffReply,
	previewFeedReply,
	previewReply,
	requireGuildSchedule,
	subscriptionReply,
	topicReply,
} from '../../src/replies/schedule-replies.js';
import type { ScheduleService } from '../../src/services/schedule-service.js';
import type { FeedPreview } from '../../src/services/feed-service.js';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { formatLocalTime } from '../../src/messages/schedule-status.js';
import { openFollows } from '../../src/store/follows.js';
import { openSubscriptions, openTopics } from '../../src/store/saved-searches.js';
import { checkGuildSettings, DEFAULT_SETTINGS, getGuildSettings, saveGuildSettings } from '../../src/store/settings.js';
import type { State } from '../../src/store/state.js';
import { ScheduleSettingError } from '../../src/store/setting-values.js';
import { useTempState } from '../schedule/temp-state.js';
import { openLabDesk } from '../../src/services/lab-desk.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import { citationsOffReply, configureCitationsReply } from '../../src/replies/lab-replies.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';
const ASKER: Asker = { user: { id: '300000000000000001', name: 'ada' }, guildId: GUILD };
/** Midnight in New York on spring-forward day: 02:00–02:59 does not exist there today. */
const NO_PAPERS = buildSearchIndex([]);
const SPRING_FORWARD_MIDNIGHT = new Date('2024-03-10T05:00:00Z');

let state: State;
useTempState((opened) => {
	state = opened;
});

interface ServiceDouble {
	now?: Date;
	preview?: PostMessage[];
	previewFeed?: () => Promise<FeedPreview>;
}

/**
 * The service over a real state database: settings are checked and saved as the running service
 * saves them (minus the channel-permission check, which needs Discord); previews are what the test gives.
 */
function service({
	now = SPRING_FORWARD_MIDNIGHT,
	preview = [],
	previewFeed = async (): Promise<FeedPreview> => ({ kind: 'preview', messages: [] }),
}: ServiceDouble = {}): ScheduleService {
	const settingsFor = (guildId: string) =>
		getGuildSettings(state, guildId) ??
		checkGuildSettings({ guild_id: guildId, potd_channel_id: null, digest_channel_id: null, ...DEFAULT_SETTINGS });
	const unused = () => {
		throw new Error('not used by schedule replies');
	};
	return {
		subscriptions: openSubscriptions(state),
		topics: openTopics(state),
		follows: openFollows(state),
		lab: openLabDesk({ state, library: { current: () => NO_PAPERS }, authors: [] }),
		now: () => now,
		settingsFor,
		configure: (guildId, changes) => saveGuildSettings(state, { ...settingsFor(guildId), ...changes, guild_id: guildId }),
		channelWarning: () => null,
		todaysPaper: unused,
		preview: () => preview,
		previewFeed: () => previewFeed(),
		feedPaper: unused,
		teachFeed: unused,
		markNotForUs: unused,
		previewPoll: unused,
		closePoll: unused,
		openPoll: unused,
		status: unused,
		stop: async () => undefined,
	};
}

/** The UserError `answer` throws. */
async function userErrorOf(answer: () => Reply | Promise<Reply>): Promise<string> {
	const error = await Promise.resolve()
		.then(answer)
		.then(
			() => null,
			(caught: unknown) => caught,
		);
	expect(error).toBeInstanceOf(UserError);
	return (error as UserError).message;
}

const isPrivateAndPingsNobody = (reply: Reply) =>
	reply.message.flags === 64 && reply.message.allowed_mentions.parse.length === 0 && reply.message.allowed_mentions.users === undefined;

const message = (title: string, extra: Partial<PostMessage> = {}): PostMessage => ({
	embeds: [{ title }],
	components: [],
	mentionedUserIds: [],
	...extra,
});

describe('requireGuildSchedule', () => {
	it('gives the schedule and the guild asked from', () => {
		const schedule = service();
		expect(requireGuildSchedule(schedule, ASKER)).toEqual({ schedule, guildId: GUILD });
	});

	it('refuses outside a server, and where the schedule is not running', async () => {
		const expected = 'This works only in a Discord server where paperbot is running.';
		expect(await userErrorOf(() => subscriptionReply(service(), { user: ASKER.user }, { action: 'list' }))).toBe(expected);
		expect(await userErrorOf(() => subscriptionReply(undefined, ASKER, { action: 'list' }))).toBe(expected);
	});
});

describe('subscriptionReply', () => {
	it('shows a query in a code span that a backtick in it cannot end, spaces folded as saved', () => {
		const reply = subscriptionReply(service(), ASKER, { action: 'subscribe', query: '  spiking `gan`\n nets ' });
		expect(reply.message.content).toBe(
			"Subscribed to `spiking 'gan' nets`: the digest will mention you beside new papers that match every word of it.",
		);
		expect(
			openSubscriptions(state)
				.list(GUILD, ASKER.user.id)
				.map((subscription) => subscription.query),
		).toEqual(['spiking `gan` nets']);
	});

	it('answers privately and pings nobody, whatever the query holds', () => {
		expect(
			isPrivateAndPingsNobody(subscriptionReply(service(), ASKER, { action: 'subscribe', query: '@everyone <@300000000000000002>' })),
		).toBe(true);
	});

	it("lists only the asker's subscriptions, alphabetically, and says how to add one when there are none", () => {
		const schedule = service();
		const other: Asker = { ...ASKER, user: { id: '300000000000000002', name: 'bo' } };
		subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'spiking' });
		subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'diffusion' });
		expect(subscriptionReply(schedule, ASKER, { action: 'list' }).message.content).toBe('Your subscriptions:\n• `diffusion`\n• `spiking`');
		expect(subscriptionReply(schedule, other, { action: 'list' }).message.content).toBe(
			'You have no subscriptions here. Add one with `/paper subscribe query:<words>`.',
		);
	});

	it('removes one subscription and keeps the rest', () => {
		const schedule = service();
		subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'spiking' });
		subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'diffusion' });
		expect(subscriptionReply(schedule, ASKER, { action: 'unsubscribe', query: ' spiking ' }).message.content).toBe(
			'Unsubscribed from `spiking`.',
		);
		expect(
			openSubscriptions(state)
				.list(GUILD, ASKER.user.id)
				.map((subscription) => subscription.query),
		).toEqual(['diffusion']);
	});

	it('refuses to remove all subscriptions when there are none', async () => {
		expect(await userErrorOf(() => subscriptionReply(service(), ASKER, { action: 'unsubscribe', query: undefined }))).toBe(
			'You have no subscriptions here.',
		);
	});

	it('refuses an over-long query with the expected form', async () => {
		expect(await userErrorOf(() => subscriptionReply(service(), ASKER, { action: 'subscribe', query: 'x'.repeat(101) }))).toBe(
			'query must be 1–100 characters, e.g. "diffusion models"',
		);
	});
});

describe('saved-search limits', () => {
	/** A query of exactly 100 characters, unique by `n`, sorting by `n`. */
	const longQuery = (n: number) => `q${String(n).padStart(2, '0')} ${'wasserstein '.repeat(9)}`.padEnd(100, 'x').slice(0, 100);

	it("refuses a member's 26th subscription, naming the cap and how to remove one, and keeps the 25", async () => {
		const schedule = service();
		for (let n = 1; n <= 25; n += 1) subscriptionReply(schedule, ASKER, { action: 'subscribe', query: `topic ${n}` });
		const refusal = await userErrorOf(() => subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'topic 26' }));
		expect(refusal).toBe(
			'You already have 25 subscriptions here, the most paperbot keeps for one member. Remove one first with `/paper unsubscribe query:<words>` (`/paper subscriptions` lists them); `topic 26` was not saved.',
		);
		expect(openSubscriptions(state).list(GUILD, ASKER.user.id)).toHaveLength(25);
		expect(subscriptionReply(schedule, ASKER, { action: 'subscribe', query: 'topic 7' }).message.content).toBe(
			'You are already subscribed to `topic 7`.',
		);
		const other: Asker = { ...ASKER, user: { id: '300000000000000002', name: 'bo' } };
		expect(subscriptionReply(schedule, other, { action: 'subscribe', query: 'topic 26' }).message.content).toContain('Subscribed to');
	});

	it("refuses a server's 26th digest topic, naming the cap and how to remove one", async () => {
		const schedule = service();
		for (let n = 1; n <= 25; n += 1) topicReply(schedule, GUILD, { action: 'add', query: `topic ${n}` });
		expect(await userErrorOf(() => topicReply(schedule, GUILD, { action: 'add', query: 'topic 26' }))).toBe(
			'This server already has 25 digest topics, the most paperbot keeps. Remove one first with `/paperbot topic remove query:<words>` (`/paperbot topic list` lists them).',
		);
		expect(openTopics(state).list(GUILD)).toHaveLength(25);
	});

	it('lists 25 searches of 100 characters within 2,000 characters, each recognisable by its start', () => {
		const schedule = service();
		for (let n = 1; n <= 25; n += 1) {
			subscriptionReply(schedule, ASKER, { action: 'subscribe', query: longQuery(n) });
			topicReply(schedule, GUILD, { action: 'add', query: longQuery(n) });
		}
		for (const content of [
			subscriptionReply(schedule, ASKER, { action: 'list' }).message.content ?? '',
			topicReply(schedule, GUILD, { action: 'list' }).message.content ?? '',
		]) {
			expect(content.length).toBeLessThanOrEqual(2000);
			const lines = content.split('\n').slice(1);
			expect(lines).toHaveLength(25);
			for (const [index, line] of lines.entries())
				expect(line).toMatch(new RegExp(`^• \`q${String(index + 1).padStart(2, '0')} wasserstein .*…\`$`));
		}
	});
});

describe('topicReply', () => {
	it('says a topic saved twice was already saved, and lists it once', () => {
		const schedule = service();
		expect(topicReply(schedule, GUILD, { action: 'add', query: 'spiking' }).message.content).toBe('Topic `spiking` saved.');
		expect(topicReply(schedule, GUILD, { action: 'add', query: ' spiking ' }).message.content).toBe('Topic `spiking` was already saved.');
		expect(openTopics(state).list(GUILD)).toEqual(['spiking']);
	});

	it('says how to add a topic when there is none', () => {
		expect(topicReply(service(), GUILD, { action: 'list' }).message.content).toBe(
			'No digest topics yet; add one with `/paperbot topic add query:<words>`.',
		);
	});

	it('refuses an empty topic with the expected form and says nothing was saved', async () => {
		expect(await userErrorOf(() => topicReply(service(), GUILD, { action: 'add', query: '  ' }))).toBe(
			'query must be 1–100 characters, e.g. "diffusion models"\nNothing was saved.',
		);
	});
});

describe('configurePotdReply', () => {
	it('saves the settings and gives the next post in local time, moved to 03:00 on spring-forward day', () => {
		const reply = configurePotdReply(service(), GUILD, { channelId: CHANNEL, time: '2:30', timezone: 'america/new_york', thread: true });
		expect(reply.message.content).toBe(
			`Paper of the day: <#${CHANNEL}> at 02:30 America/New_York, with a discussion thread. Next: 2024-03-10 03:00 (America/New_York).`,
		);
		expect(getGuildSettings(state, GUILD)).toMatchObject({
			potd_channel_id: CHANNEL,
			potd_time: '02:30',
			timezone: 'America/New_York',
			potd_thread: true,
		});
	});

	it('keeps the current thread choice when the request leaves it out', () => {
		const schedule = service({ now: new Date('2024-03-11T12:00:00Z') });
		configurePotdReply(schedule, GUILD, { channelId: CHANNEL, time: '09:00', timezone: 'UTC', thread: false });
		const reply = configurePotdReply(schedule, GUILD, { channelId: CHANNEL, time: '10:00', timezone: 'UTC', thread: undefined });
		expect(reply.message.content).toBe(`Paper of the day: <#${CHANNEL}> at 10:00 UTC. Next: 2024-03-12 10:00 (UTC).`);
		expect(getGuildSettings(state, GUILD)?.potd_thread).toBe(false);
	});

	it('refuses an unknown time zone and a bad time together, and saves nothing', async () => {
		const refusal = await userErrorOf(() =>
			configurePotdReply(service(), GUILD, { channelId: CHANNEL, time: '25:00', timezone: 'Mars/Olympus', thread: undefined }),
		);
		expect(refusal).toBe(
			'time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one\ntimezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one\nNothing was saved.',
		);
		expect(getGuildSettings(state, GUILD)).toBeNull();
	});
});

describe('configureDigestReply', () => {
	it('saves the cron with its spacing folded and gives the next digest in the guild time zone', () => {
		const schedule = service({ now: new Date('2024-03-11T12:00:00Z') });
		configurePotdReply(schedule, GUILD, { channelId: CHANNEL, time: '09:00', timezone: 'Asia/Tokyo', thread: undefined });
		const reply = configureDigestReply(schedule, GUILD, { channelId: '200000000000000002', cron: ' 0  9 * * 1 ' });
		expect(reply.message.content).toBe('Digests: <#200000000000000002> on `0 9 * * 1` (Asia/Tokyo). Next: 2024-03-18 09:00 (Asia/Tokyo).');
	});

	it('refuses a cron with seconds and saves nothing', async () => {
		const refusal = await userErrorOf(() => configureDigestReply(service(), GUILD, { channelId: CHANNEL, cron: '0 0 9 * * 1' }));
		expect(refusal).toMatch(/^schedule must be a cron pattern .*"0 0 9 \* \* 1" is not one\nNothing was saved\.$/);
		expect(getGuildSettings(state, GUILD)).toBeNull();
	});
});

describe('previewReply', () => {
	it('shows the first message privately under a note that nothing was posted, counting the parts', () => {
		const schedule = service({
			preview: [
				message('Digest', { content: 'For <@300000000000000002>', mentionedUserIds: ['300000000000000002'] }),
				message('Digest, part 2'),
				message('Digest, part 3'),
			],
		});
		const reply = previewReply(schedule, GUILD, 'digest');
		expect(reply.message.content).toBe('Preview only: not posted, and the slot stays free. Part 1 of 3.\nFor <@300000000000000002>');
		expect(reply.message.embeds).toEqual([{ title: 'Digest' }]);
		expect(isPrivateAndPingsNobody(reply)).toBe(true);
	});

	it('gives a single message without a content line only the note', () => {
		expect(previewReply(service({ preview: [message('Paper of the day')] }), GUILD, 'potd').message.content).toBe(
			'Preview only: not posted, and the slot stays free.',
		);
	});

	it('says there is nothing to preview when there is no message', async () => {
		expect(await userErrorOf(() => previewReply(service(), GUILD, 'digest'))).toBe('There is nothing to preview.');
	});
});

describe('configureFeedReply', () => {
	it('saves the categories without repeats and keeps the default time, size and cross-lists', () => {
		const reply = configureFeedReply(service(), GUILD, {
			channelId: CHANNEL,
			categories: 'cs.NE, q-bio.NC cs.NE',
			time: undefined,
			max: undefined,
			cross: undefined,
		});
		expect(reply.message.content).toBe(
			`arXiv feed: <#${CHANNEL}>, cs.NE q-bio.NC with cross-lists, up to 10 papers, first look at 09:00 UTC. Next feed time: 2024-03-10 09:00 (UTC).`,
		);
		expect(getGuildSettings(state, GUILD)).toMatchObject({
			feed_channel_id: CHANNEL,
			feed_categories: ['cs.NE', 'q-bio.NC'],
			feed_time: '09:00',
			feed_max: 10,
			feed_cross: true,
		});
	});

	it('keeps what the guild chose before for the options it leaves out', () => {
		const schedule = service();
		configureFeedReply(schedule, GUILD, { channelId: CHANNEL, categories: 'cs.NE', time: '7:30', max: 5, cross: false });
		const reply = configureFeedReply(schedule, GUILD, {
			channelId: CHANNEL,
			categories: 'cs.LG',
			time: undefined,
			max: undefined,
			cross: undefined,
		});
		expect(reply.message.content).toBe(
			`arXiv feed: <#${CHANNEL}>, cs.LG, up to 5 papers, first look at 07:30 UTC. Next feed time: 2024-03-10 07:30 (UTC).`,
		);
	});

	it('refuses a category that is not an arXiv one and saves nothing', async () => {
		const refusal = await userErrorOf(() =>
			configureFeedReply(service(), GUILD, {
				channelId: CHANNEL,
				categories: 'cs.NE neuro!',
				time: undefined,
				max: undefined,
				cross: undefined,
			}),
		);
		expect(refusal).toBe(
			'categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "neuro!" is not one\nNothing was saved.',
		);
		expect(getGuildSettings(state, GUILD)).toBeNull();
	});

	it('refuses more papers per post than a menu holds', async () => {
		const refusal = await userErrorOf(() =>
			configureFeedReply(service(), GUILD, { channelId: CHANNEL, categories: 'cs.NE', time: undefined, max: 26, cross: undefined }),
		);
		expect(refusal).toBe('max must be a whole number from 1 to 25, e.g. 10\nNothing was saved.');
	});
});

describe('configureCitationsReply', () => {
	it("looks at the server's feed time unless told another, and refuses a bad time saving nothing", async () => {
		const schedule = service();
		configureFeedReply(schedule, GUILD, { channelId: CHANNEL, categories: 'cs.NE', time: '7:15', max: undefined, cross: undefined });
		expect(configureCitationsReply(schedule, GUILD, { channelId: CHANNEL, time: undefined }).message.content).toBe(
			`Citation alerts: <#${CHANNEL}>, looking daily at 07:15 UTC for works newly citing the lab's 0 papers. The first look records the citations already there and posts one line. Next look: 2024-03-10 07:15 (UTC).`,
		);
		expect(configureCitationsReply(schedule, GUILD, { channelId: CHANNEL, time: '6:00' }).message.content).toContain('daily at 06:00 UTC');
		expect(await userErrorOf(() => configureCitationsReply(schedule, GUILD, { channelId: '200000000000000009', time: '25:00' }))).toBe(
			'time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one\nNothing was saved.',
		);
		expect(getGuildSettings(state, GUILD)).toMatchObject({ citations_channel_id: CHANNEL, citations_time: '06:00' });
		expect(citationsOffReply(schedule, GUILD).message.content).toBe('Citation alerts: off.');
		expect(getGuildSettings(state, GUILD)?.citations_channel_id).toBeNull();
	});
});

describe('feedOffReply', () => {
	it('turns the feed off and keeps its categories for next time', () => {
		const schedule = service();
		configureFeedReply(schedule, GUILD, { channelId: CHANNEL, categories: 'cs.NE', time: undefined, max: undefined, cross: undefined });
		expect(feedOffReply(schedule, GUILD).message.content).toBe('arXiv feed: off.');
		expect(getGuildSettings(state, GUILD)).toMatchObject({ feed_channel_id: null, feed_categories: ['cs.NE'] });
	});
});

describe('previewFeedReply', () => {
	it('shows the first feed message privately under the note, without its mention line, counting the parts', async () => {
		const first = message('New on arXiv in cs.NE', { content: 'For <@300000000000000002>', mentionedUserIds: ['300000000000000002'] });
		const reply = await previewFeedReply(
			service({ previewFeed: async () => ({ kind: 'preview', messages: [first, message('part 2')] }) }),
			GUILD,
		);
		expect(reply.message.content).toBe('Preview only: not posted, and the slot stays free. Part 1 of 2.');
		expect(reply.message.embeds).toEqual(first.embeds);
		expect(isPrivateAndPingsNobody(reply)).toBe(true);
	});

	it('says the feed of the announcement arXiv holds now is posted, with its link, its papers and the next look, instead of a preview', async () => {
		const paper = paperSchema.parse({ id: '2603.01001', title: 'Temporal Heterogeneity in Spiking Networks', abstract: 'Spikes.' });
		const posted = (messageId: string | null, papers: Paper[], hoursAgo = 0): FeedPreview => ({
			kind: 'posted',
			date: '2026-03-08',
			channelId: '200000000000000001',
			messageId,
			sentAt: new Date(SPRING_FORWARD_MIDNIGHT.getTime() - hoursAgo * 3_600_000),
			papers,
			nextLook: new Date(SPRING_FORWARD_MIDNIGHT.getTime() + 9 * 3_600_000),
		});
		const reply = await previewFeedReply(service({ previewFeed: async () => posted('200000000000000009', [paper]) }), GUILD);
		const { timezone } = service().settingsFor(GUILD);
		expect(reply.message.content?.split('\n')).toEqual([
			`Today’s arXiv feed is posted: https://discord.com/channels/${GUILD}/200000000000000001/200000000000000009 (the announcement of 2026-03-08, which is what arXiv’s feed holds now), 1 paper:`,
			'• [Temporal Heterogeneity in Spiking Networks](https://arxiv.org/abs/2603.01001)',
			`Next look: ${formatLocalTime(new Date(SPRING_FORWARD_MIDNIGHT.getTime() + 9 * 3_600_000), timezone)}, for the next announcement.`,
		]);
		expect(isPrivateAndPingsNobody(reply)).toBe(true);
		const yesterday = new Date(SPRING_FORWARD_MIDNIGHT.getTime() - 6 * 3_600_000);
		const empty = await previewFeedReply(service({ previewFeed: async () => posted(null, [], 6) }), GUILD);
		expect(empty.message.content).toContain(
			`The arXiv feed was posted ${formatLocalTime(yesterday, timezone)} (the announcement of 2026-03-08`,
		);
		expect(empty.message.content).toMatch(
			/none of its new papers stood out from the day’s papers as close to the corpus, so nothing was listed\. Next look: /,
		);
	});

	it('says so when nothing in the feed would be posted', async () => {
		expect((await previewFeedReply(service(), GUILD)).message.content).toMatch(
			/^Preview only: nothing in the arXiv feed now would be posted/,
		);
	});

	it("turns a refused setting into the user's mistake, starting with a capital", async () => {
		const schedule = service({ previewFeed: () => Promise.reject(new ScheduleSettingError('the arXiv feed is off here')) });
		expect(await userErrorOf(() => previewFeedReply(schedule, GUILD))).toBe('The arXiv feed is off here');
	});

	it("names arXiv's failure as the reason the feed could not be read", async () => {
		const schedule = service({ previewFeed: () => Promise.reject(new ArxivError('timeout', 'arXiv did not answer within 10 s.')) });
		expect(await userErrorOf(() => previewFeedReply(schedule, GUILD))).toBe(
			'The arXiv feed could not be read: arXiv did not answer within 10 s.',
		);
	});

	it('lets any other fault through as it is', async () => {
		const fault = new Error('database is locked');
		await expect(previewFeedReply(service({ previewFeed: () => Promise.reject(fault) }), GUILD)).rejects.toBe(fault);
	});
});
