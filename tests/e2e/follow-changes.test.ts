import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { apiFeedXml, startArxivStandIn, type ApiEntry } from '../arxiv/arxiv-stand-in.js';
import { announcementXml, type FeedEntry } from '../arxiv/feed-stand-in.js';
import { FEED_DATE, FEED_DAY, ON_TOPIC } from '../feed/feed-day.js';
import { startBotForTest, startFeedBot, type BotProcess } from './bot-process.js';
import { slashCommand } from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const CATEGORIES = 'cs.NE+cs.LG';
const NEXT_DATE = '2026-03-03';

/** A corpus paper arXiv announces again as its third version, now with a journal reference. */
const REPLACED_CORPUS_PAPER: FeedEntry = {
	id: '2305.00054',
	title: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
	creators: 'Hoang Anh Just, Feiyang Kang, Jiachen T. Wang, Yi Zeng, Myeongseob Ko, Ming Jin, Ruoxi Jia',
	abstract:
		'Traditionally, data valuation is posed as a problem of equitably splitting the validation performance of a learning algorithm among the training data.',
	categories: ['cs.LG'],
	type: 'replace',
	version: 3,
	journalRef: 'Neural Networks 178 (2024) 106423',
};

/** A followed author's paper in a category the feed does not read, first submitted three days before the announcement. */
const CROSS_CATEGORY: ApiEntry = {
	id: '2602.05555',
	title: 'Federated Unlearning for Hospital Imaging Archives',
	authors: ['J. Zhou', 'Mara Quist'],
	categories: ['q-bio.QM', 'eess.IV'],
	published: '2026-02-27',
};
/** The same author's paper of last year: not new. */
const OLD_PAPER: ApiEntry = { ...CROSS_CATEGORY, id: '2501.04444', title: 'An Older Paper on Unlearning', published: '2025-01-10' };
/** Someone else with the same surname: `Jiayi` is not `Jiayu`. */
const NAMESAKE: ApiEntry = { ...CROSS_CATEGORY, id: '2602.06666', title: 'Protein Folding by Someone Else', authors: ['Jiayi Zhou'] };
/** The feed's own paper by the followed author, as the API lists it too. */
const FEED_PAPER: ApiEntry = {
	id: ON_TOPIC[1]!.id,
	title: ON_TOPIC[1]!.title,
	authors: ['Jiayu Zhou', 'Junyuan Hong'],
	categories: ['cs.LG', 'cs.CR'],
	published: '2026-02-28',
};

/** What the API says of the corpus's papers on each day: the molecule paper withdrawn; the origin-attribution paper published on day two. */
function corpusRecords(day: 1 | 2): Record<string, Partial<ApiEntry>> {
	return {
		'2304.14548': { version: 2, comment: 'This paper has been withdrawn by the authors: the measured lifetime was wrong.' },
		'2306.02368': { journalRef: 'Proceedings of the 40th ICML, PMLR 202' },
		...(day === 2 && { '2305.18439': { journalRef: 'Advances in NeurIPS 36 (2023)' } }),
	};
}

const footers = (message: APIMessage) => (message.embeds as APIEmbed[]).map((embed) => embed.footer?.text ?? '');
const text = (message: APIMessage) =>
	[message.content, ...(message.embeds as APIEmbed[]).map((embed) => embed.description ?? '')].join('\n');

describe('followed authors and changes in the corpus, through the real bot', () => {
	it('posts a followed author’s cross-category paper for the follower only, mentions them on the feed’s own paper, and posts each change once across restarts', async () => {
		let day: 1 | 2 = 1;
		const api = await startArxivStandIn((url) => {
			const query = url.searchParams.get('search_query');
			if (query) return { body: apiFeedXml([FEED_PAPER, CROSS_CATEGORY, OLD_PAPER, NAMESAKE]) };
			const ids = (url.searchParams.get('id_list') ?? '').split(',');
			const records = corpusRecords(day);
			return {
				body: apiFeedXml(
					ids.map((id) => ({
						id,
						title: `Paper ${id}`,
						authors: ['A. Author'],
						categories: ['cs.LG'],
						published: '2023-05-01',
						...records[id],
					})),
				),
			};
		});
		onTestFinished(() => api.close());
		const started = await startFeedBot(
			'follow',
			{
				[CATEGORIES]: [
					{ body: announcementXml(CATEGORIES, FEED_DATE, [...FEED_DAY, REPLACED_CORPUS_PAPER]) },
					{ body: announcementXml(CATEGORIES, NEXT_DATE, [{ ...FEED_DAY.at(-1)!, id: '2603.09999', type: 'new' }]) },
				],
			},
			{ ARXIV_API_URL: api.apiUrl },
		);
		const { standin, folder, corpusPath, env } = started;
		let bot: BotProcess = started.bot;
		const member = standin.memberUser.id;

		const bad = await standin.sendInteraction(slashCommand('paper', 'follow', { author: 'Zhou' }));
		expect((await bad.waitForAnswer()).content).toContain("author must be a person's name");
		const followed = await standin.sendInteraction(slashCommand('paper', 'follow', { author: 'Jiayu Zhou' }));
		expect((await followed.waitForAnswer()).content).toContain('Following **Jiayu Zhou**');
		const listed = await standin.sendInteraction(slashCommand('paper', 'following'));
		expect((await listed.waitForAnswer()).content).toBe('You follow:\n• **Jiayu Zhou**');

		const on = await standin.sendInteraction({
			...slashCommand('paperbot', null, {}),
			data: {
				name: 'paperbot',
				type: 1,
				options: [
					{
						name: 'feed',
						type: 2,
						options: [
							{
								name: 'on',
								type: 1,
								options: [
									{ name: 'channel', type: 7, value: standin.channelId },
									{ name: 'categories', type: 3, value: 'cs.NE cs.LG' },
									{ name: 'time', type: 3, value: '00:00' },
								],
							},
						],
					},
				],
			},
			permissions: ADMIN_PERMISSIONS,
		});
		expect((await on.waitForAnswer()).content).toContain('arXiv feed: <#');
		await bot.waitForLog((record) => record.msg === 'changes: posted', 20_000);

		const posts = (kind: string) => standin.messages().filter((message) => footers(message).some((footer) => footer.includes(kind)));
		const [feedPost] = posts(`arXiv feed · ${FEED_DATE}`);
		// The feed's own paper by the followed author gains the follower's mention; no second post of it.
		const feedLine = text(feedPost!)
			.split('\n')
			.find((line) => line.includes('by *Jiayu Zhou*'));
		expect(feedLine).toContain(`<@${member}>`);
		const [followPost, ...moreFollowPosts] = posts(`Followed authors · ${FEED_DATE}`);
		expect(moreFollowPosts).toEqual([]);
		expect(text(followPost!)).toContain(`https://arxiv.org/abs/${CROSS_CATEGORY.id}`);
		expect(text(followPost!)).toContain('q-bio.QM');
		expect(text(followPost!)).toContain(`<@${member}>`);
		for (const absent of [FEED_PAPER, OLD_PAPER, NAMESAKE]) expect(text(followPost!)).not.toContain(`abs/${absent.id})`);
		const followRequest = standin.requests.find(
			(recorded) => recorded.method === 'POST' && JSON.stringify(recorded.body ?? '').includes('Followed authors ·'),
		);
		expect((followRequest!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [member] });
		const authorQuery = api.received.find((request) => request.searchQuery !== null);
		expect(authorQuery?.searchQuery).toBe('au:"jiayu zhou"');

		// One line per change: the replaced version with its journal reference, and the withdrawal; a journal reference seen the first time is not news.
		const [changesPost] = posts(`Corpus changes · ${FEED_DATE}`);
		const lines = (changesPost!.embeds as APIEmbed[])[0]!.description!.split('\n');
		expect(lines).toEqual([
			`*${REPLACED_CORPUS_PAPER.title}*: v3 — now *Neural Networks 178 \\(2024\\) 106423* · [arXiv:2305.00054](https://arxiv.org/abs/2305.00054)`,
			expect.stringMatching(/: withdrawn by its authors · \[arXiv:2304\.14548\]/),
		]);
		expect(changesPost!.mentions).toEqual([]);
		const overlay = (await readFile(join(corpusPath, 'changes.jsonl'), 'utf8'))
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(overlay).toContainEqual({ id: '2305.00054', version: 3, journal_ref: 'Neural Networks 178 (2024) 106423' });
		expect(overlay.find((record) => record.id === '2304.14548')).toMatchObject({
			version: 2,
			comment: expect.stringContaining('withdrawn'),
		});
		expect(overlay.every((record) => !('abstract' in record))).toBe(true);

		// The corpus is read again once changes.jsonl is written: the start's load, then the reload.
		await bot.waitForLog(() => bot.logs().filter((record) => record.msg === 'corpus loaded').length >= 2, 10_000);
		const card = await standin.sendInteraction(slashCommand('paper', 'show', { id: '2305.00054' }));
		const fields = (await card.waitForAnswer()).embeds[0]?.fields ?? [];
		expect(fields.find((field) => field.name === 'Published')?.value).toContain('v3');
		expect(fields.find((field) => field.name === 'Journal')?.value).toContain('Neural Networks 178');

		const status = await standin.sendInteraction({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS });
		expect(JSON.stringify((await status.waitForAnswer()).embeds)).toContain(
			'Followed: 1 author by 1 member · Corpus changes: 2 found, 2 posted here',
		);

		// A restart the same day posts nothing again.
		const counts = () => [posts('arXiv feed ·').length, posts('Followed authors ·').length, posts('Corpus changes ·').length];
		expect(counts()).toEqual([1, 1, 1]);
		process.kill(-bot.pid, 'SIGKILL');
		await bot.exited;
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env });
		await bot.waitForLog((record) => record.msg === 'schedule: started');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(counts()).toEqual([1, 1, 1]);

		// The next announcement day: only the new journal reference is posted; the followed paper and earlier changes are not again.
		day = 2;
		await bot.stop();
		bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env, clock: new Date(Date.now() + 86_400_000) });
		await bot.waitForLog((record) => record.msg === 'changes: posted', 20_000);
		expect(counts()).toEqual([2, 1, 2]);
		const [nextChanges] = posts(`Corpus changes · ${NEXT_DATE}`);
		expect((nextChanges!.embeds as APIEmbed[])[0]!.description!.split('\n')).toEqual([
			expect.stringMatching(
				/^\*Alteration-free and Model-agnostic Origin Attribution of Generated Images\*: now \*Advances in NeurIPS 36 \\\(2023\\\)\* · /,
			),
		]);
	}, 120_000);
});
