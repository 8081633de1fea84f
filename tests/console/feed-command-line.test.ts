import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { announcementXml, startFeedStandIn } from '../arxiv/feed-stand-in.js';
import { FEED_DATE, FEED_DAY, OFF_TOPIC, ON_TOPIC } from '../feed/feed-day.js';
import { type Run, runCliHere } from '../run-entry.js';

let feed: Awaited<ReturnType<typeof startFeedStandIn>>;
let corpus: string;
beforeAll(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-feed-cli-'));
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
	feed = await startFeedStandIn({
		'cs.NE+cs.LG': { body: announcementXml('cs.NE+cs.LG', FEED_DATE, FEED_DAY) },
		'cs.NE': { status: 503 },
		'cs.RO': { body: announcementXml('cs.RO', FEED_DATE, OFF_TOPIC) },
		'cs.AI': { body: '<!DOCTYPE html><html><head><title>arXiv</title></head><body>Service notice</body></html>' },
	});
});
afterAll(async () => {
	await feed.close();
	await rm(corpus, { recursive: true, force: true });
});

/** Answers `npm run paperbot -- …` against the shipped corpus and the feed stand-in. */
const paperbot = (args: string[]): Promise<Run> => runCliHere(args, corpus, { env: { ARXIV_FEED_URL: feed.feedUrl } });

// Each test waits on the feed stand-in, so they run side by side.
describe.concurrent('npm run paperbot -- feed', () => {
	it('prints what would be posted now, ranked, with the reasons', async ({ expect }) => {
		const result = await paperbot(['feed', 'cs.NE', 'cs.LG']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		expect(lines[0]).toBe(
			`arXiv feed ${FEED_DATE} for cs.NE cs.LG: 2 of 8 new papers would be posted; 2 stand out from the day's papers as close to the corpus.`,
		);
		expect(lines[1]).toBe(`1. ${ON_TOPIC[1]!.title} (arXiv:${ON_TOPIC[1]!.id})`);
		expect(lines[3]).toBe('   by Jiayu Zhou, author of “Revisiting Data-Free Knowledge Distillation with Poisoned Teachers”');
		expect(lines[4]).toBe(`2. ${ON_TOPIC[0]!.title} (arXiv:${ON_TOPIC[0]!.id})`);
		expect(lines[6]).toBe(
			"   close to “Dive into the Power of Neuronal Heterogeneity”, shares “heterogeneity”, “neuronal”, “neurons”, closer to the lab than all of today's other papers",
		);
	});

	it('says in words why nothing would be posted', async ({ expect }) => {
		const result = await paperbot(['feed', 'cs.RO']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(
			`None of the ${OFF_TOPIC.length} new papers of ${FEED_DATE} stands out from the day's papers as close to the corpus: their closeness to it is much the same.\n`,
		);
	});

	it('prints with --json the document --help describes, the empty reason included', async ({ expect }) => {
		const full = JSON.parse((await paperbot(['feed', 'cs.NE', 'cs.LG', '--json'])).stdout);
		expect(Object.keys(full)).toEqual(['date', 'categories', 'newCount', 'picks', 'emptyReason']);
		expect(full).toMatchObject({ date: FEED_DATE, categories: ['cs.NE', 'cs.LG'], newCount: 8, emptyReason: null });
		expect(Object.keys(full.picks[0])).toEqual(['id', 'title', 'standing', 'reason']);
		const empty = JSON.parse((await paperbot(['feed', 'cs.RO', '--json'])).stdout);
		expect(empty).toMatchObject({ picks: [], newCount: OFF_TOPIC.length, emptyReason: expect.stringMatching(/^None of the /) });
	});

	it('says that arXiv answered a web page, not a feed, with {"error"} under --json', async ({ expect }) => {
		const result = await paperbot(['feed', 'cs.AI', '--json']);
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout).error).toMatch(/^The arXiv feed could not be read: arXiv answered a web page, not a feed/);
	});

	it('says why the feed could not be read, and exits 1', async ({ expect }) => {
		const result = await paperbot(['feed', 'cs.NE']);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			'The arXiv feed could not be read: arXiv answered HTTP 503 Service Unavailable instead of a feed; try again later.\n',
		);
	});

	it('names a category that is not one', async ({ expect }) => {
		const result = await paperbot(['feed', 'cs.NE', 'brain!']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'paperbot feed: categories must be arXiv categories separated by spaces or commas, e.g. "cs.NE q-bio.NC"; "brain!" is not one. usage: paperbot feed <arXiv categories>, e.g. paperbot feed cs.NE q-bio.NC\n',
		);
	});
});
