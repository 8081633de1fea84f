import { ArxivError } from '../arxiv/error.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { displayTitle } from '../cards/index.js';
import { shortAuthors } from '../cards/paper-card.js';
import { planFeedPost, type FeedPlan } from '../feed/plan.js';
import { CLOSENESS_FLOOR } from '../feed/rank.js';
import type { PaperIndex } from '../search/paper-index.js';
import { EXIT } from './cli-arguments.js';

/** Where `paperbot feed` writes: the ranked list on `stdout`, problems on `stderr`. */
export interface FeedCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

/** What `paperbot feed` reads with: the corpus, the feed client, and the environment's feed settings. */
export interface FeedCommandLineOptions {
	index: PaperIndex;
	client: FeedClient;
	max: number;
	cross: boolean;
	json: boolean;
}

const CLOSENESS_MEANING = `closeness: how near a paper's words are to the corpus's closest papers, where 1.00 is as near as the corpus's own papers are to each other; below ${CLOSENESS_FLOOR.toFixed(2)} a paper is not posted`;

/** Why a plan lists nothing, in words; null when it lists papers. */
function emptyReason(plan: FeedPlan | null, categories: readonly string[], cross: boolean): string | null {
	if (!plan)
		return `arXiv's feed for ${categories.join(' ')} holds no announcement now (it is empty between announcements and on some holidays).`;
	if (plan.picks.length) return null;
	if (plan.newCount === 0)
		return `The announcement of ${plan.date} has no new paper to post: every paper in it is a replacement${cross ? '' : ', a cross-list (ARXIV_FEED_CROSS is off)'} or already in the corpus.`;
	return `None of the ${plan.newCount} new papers of ${plan.date} is close enough to the corpus: each has a closeness below ${CLOSENESS_FLOOR.toFixed(2)} (1.00 is as near as the corpus's own papers are to each other).`;
}

/** The ranked list as a terminal shows it: one paper per entry, with its reason. */
function renderFeedPlan(plan: FeedPlan, categories: readonly string[]): string {
	const heading = `arXiv feed ${plan.date} for ${categories.join(' ')}: ${plan.picks.length} of ${plan.newCount} new papers would be posted.`;
	const entries = plan.picks.map((pick, position) => {
		const reason = pick.reason.kind === 'corpus' ? `close to “${displayTitle(pick.reason.paper)}”` : `matches topic "${pick.reason.topic}"`;
		const details = [shortAuthors(pick.paper.authors), pick.paper.categories?.join(', ')].filter(Boolean).join(' · ');
		return `${position + 1}. ${displayTitle(pick.paper)} (arXiv:${pick.paper.id}, closeness ${pick.score.toFixed(2)})\n   ${details}\n   ${reason}`;
	});
	return [heading, ...entries, `(${CLOSENESS_MEANING}.)`].join('\n');
}

/**
 * `paperbot feed <categories>`: reads arXiv's announcement feed now and prints what the feed post
 * would list, ranked with reasons, by the same planning as the bot (without a server's topics,
 * subscriptions or earlier posts), or why it would list nothing. With `json`, one JSON document
 * as `paperbot --help` describes it. Returns the exit code: an empty post is an answer.
 */
export async function runFeedCommandLine(
	categories: readonly string[],
	options: FeedCommandLineOptions,
	output: FeedCommandLineOutput,
): Promise<number> {
	let plan: FeedPlan | null;
	try {
		const announcement = await options.client.read(categories);
		plan = announcement.date
			? planFeedPost(
					options.index,
					{ ...announcement, date: announcement.date },
					{ cross: options.cross, max: options.max, alreadyPosted: () => new Set(), topics: [], subscriptions: [] },
				)
			: null;
	} catch (error) {
		if (!(error instanceof ArxivError)) throw error;
		const message = `The arXiv feed could not be read: ${error.message}`;
		output.stderr.write(`${message}\n`);
		if (options.json) output.stdout.write(`${JSON.stringify({ error: message })}\n`);
		return EXIT.noAnswer;
	}
	const why = emptyReason(plan, categories, options.cross);
	if (options.json) {
		const picks = (plan?.picks ?? []).map((pick) => ({
			id: pick.paper.id,
			title: pick.paper.title,
			closeness: Number(pick.score.toFixed(4)),
			reason: pick.reason.kind === 'corpus' ? { closestTo: pick.reason.paper.id } : { topic: pick.reason.topic },
		}));
		const document = { date: plan?.date ?? null, categories, newCount: plan?.newCount ?? 0, picks, emptyReason: why };
		output.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
	} else output.stdout.write(`${plan && !why ? renderFeedPlan(plan, categories) : why}\n`);
	return EXIT.answer;
}
