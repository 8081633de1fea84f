import { ArxivError } from '../arxiv/error.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { displayTitle } from '../cards/index.js';
import { shortAuthors } from '../cards/paper-card.js';
import { planFeedPost, type FeedPlan } from '../feed/plan.js';
import { standingText } from '../feed/rank.js';
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

/** Why a plan lists nothing, in words; null when it lists papers. */
function emptyReason(plan: FeedPlan | null, categories: readonly string[], cross: boolean): string | null {
	if (!plan)
		return `arXiv's feed for ${categories.join(' ')} holds no announcement now (it is empty between announcements and on some holidays).`;
	if (plan.picks.length) return null;
	if (plan.newCount === 0)
		return `The announcement of ${plan.date} has no new paper to post: every paper in it is a replacement${cross ? '' : ', a cross-list (ARXIV_FEED_CROSS is off)'} or already in the corpus.`;
	return `None of the ${plan.newCount} new papers of ${plan.date} stands out from the day's papers as close to the corpus: their closeness to it is much the same.`;
}

/** The ranked list as a terminal shows it: one paper per entry, with its reason. */
function renderFeedPlan(plan: FeedPlan, categories: readonly string[]): string {
	const heading = `arXiv feed ${plan.date} for ${categories.join(' ')}: ${plan.picks.length} of ${plan.newCount} new papers would be posted; ${plan.standingOut} stand out from the day's papers as close to the corpus.`;
	const entries = plan.picks.map((pick, position) => {
		const reason =
			pick.reason.kind === 'corpus'
				? [
						`close to “${displayTitle(pick.reason.paper)}”`,
						pick.reason.shared.length ? `shares ${pick.reason.shared.map((term) => `“${term}”`).join(', ')}` : '',
						standingText(pick),
					]
						.filter(Boolean)
						.join(', ')
				: pick.reason.kind === 'author'
					? `by ${pick.reason.name}, author of “${displayTitle(pick.reason.paper)}”`
					: `matches topic "${pick.reason.topic}"`;
		const details = [shortAuthors(pick.paper.authors), pick.paper.categories?.join(', ')].filter(Boolean).join(' · ');
		return `${position + 1}. ${displayTitle(pick.paper)} (arXiv:${pick.paper.id})\n   ${details}\n   ${reason}`;
	});
	return [heading, ...entries].join('\n');
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
			? await planFeedPost(
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
			standing: Number(pick.standing.toFixed(4)),
			reason:
				pick.reason.kind === 'corpus'
					? { closestTo: pick.reason.paper.id }
					: pick.reason.kind === 'author'
						? { author: pick.reason.name, of: pick.reason.paper.id }
						: { topic: pick.reason.topic },
		}));
		const document = { date: plan?.date ?? null, categories, newCount: plan?.newCount ?? 0, picks, emptyReason: why };
		output.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
	} else output.stdout.write(`${plan && !why ? renderFeedPlan(plan, categories) : why}\n`);
	return EXIT.answer;
}
