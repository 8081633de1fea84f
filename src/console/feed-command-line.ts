import { ArxivError } from '../arxiv/error.js';
import type { FeedClient } from '../arxiv/feed-client.js';
import { displayTitle } from '../cards/index.js';
import { shortAuthors } from '../cards/paper-card.js';
import { planFeedPost, type FeedPlan } from '../feed/plan.js';
import { standingText } from '../feed/rank.js';
import { parseCategories } from '../schedule/settings.js';
import { ScheduleSettingError } from '../schedule/time.js';
import type { PaperIndex } from '../search/paper-index.js';
import { cliUsage } from './cli-arguments.js';

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

const FEED_USAGE = `usage: ${cliUsage('feed')}`;

/** The ranked list as a terminal shows it: one paper per entry, with its reason. */
function renderFeedPlan(plan: FeedPlan, categories: readonly string[]): string {
	if (!plan.date) return `The arXiv feed for ${categories.join(' ')} is empty now: nothing would be posted.`;
	const heading = `arXiv feed ${plan.date} for ${categories.join(' ')}: ${plan.picks.length} of ${plan.newCount} new papers would be posted; ${plan.standingOut} stand out from the day's papers as close to the corpus.`;
	const entries = plan.picks.map((pick, position) => {
		const reason =
			pick.reason.kind === 'corpus'
				? `close to “${displayTitle(pick.reason.paper)}”, ${standingText(pick)}`
				: `matches topic "${pick.reason.topic}"`;
		const details = [shortAuthors(pick.paper.authors), pick.paper.categories?.join(', ')].filter(Boolean).join(' · ');
		return `${position + 1}. ${displayTitle(pick.paper)} (arXiv:${pick.paper.id})\n   ${details}\n   ${reason}`;
	});
	return [heading, ...entries].join('\n');
}

/**
 * `paperbot feed <categories>`: reads arXiv's announcement feed now and prints what the feed post
 * would list, ranked with reasons, by the same planning as the bot (without a server's topics,
 * subscriptions or earlier posts). Returns the exit code.
 */
export async function runFeedCommandLine(
	args: readonly string[],
	options: FeedCommandLineOptions,
	output: FeedCommandLineOutput,
): Promise<number> {
	let categories: string[];
	try {
		categories = parseCategories(args.join(' '));
		if (categories.length === 0) throw new ScheduleSettingError(FEED_USAGE);
	} catch (error) {
		if (!(error instanceof ScheduleSettingError)) throw error;
		output.stderr.write(`${error.message}\n`);
		return 1;
	}
	try {
		const announcement = await options.client.read(categories);
		const plan = await planFeedPost(
			options.index,
			{ ...announcement, date: announcement.date ?? '' },
			{
				cross: options.cross,
				max: options.max,
				alreadyPosted: () => new Set(),
				topics: [],
				subscriptions: [],
			},
		);
		const picks = plan.picks.map((pick) => ({
			id: pick.paper.id,
			title: pick.paper.title,
			standing: pick.standing,
			reason: pick.reason.kind === 'corpus' ? { closestTo: pick.reason.paper.id } : { topic: pick.reason.topic },
		}));
		output.stdout.write(
			options.json
				? `${JSON.stringify({ date: announcement.date, newCount: plan.newCount, picks }, null, 2)}\n`
				: `${renderFeedPlan(plan, categories)}\n`,
		);
		return 0;
	} catch (error) {
		if (!(error instanceof ArxivError)) throw error;
		output.stderr.write(`The arXiv feed could not be read: ${error.message}\n`);
		return 1;
	}
}
