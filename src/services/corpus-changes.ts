import type { Announcement } from '../arxiv/announcements.js';
import { isWithdrawn } from '../arxiv/feed.js';
import { fetchArxivVersions, type ArxivVersion, type VersionCheckOptions } from '../arxiv/versions.js';
import { writeOverlays } from '../corpus/append.js';
import { isArxivKey } from '../corpus/paper.js';
import { findChange, overlayOf, seenOf, type ChangeOverlay, type FoundChange } from '../feed/changes.js';
import { buildChangeMessages } from '../messages/follow-messages.js';
import { getPaper, type PaperIndex, paperIds } from '../search/paper-index.js';
import { openChanges, type SeenVersion } from '../store/corpus-changes.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { postOnce, type PostOnceContext } from './post-once.js';

/** Changes found this many days back are still posted in a guild that was not told yet (a weekend, a failed post). */
const CHANGE_POST_DAYS = 7;
const DAY_MS = 86_400_000;

/** What comparing arXiv's records with the corpus found: the changes, the overlays to write, and the baselines to keep. */
export interface VersionComparison {
	changes: FoundChange[];
	overlays: ChangeOverlay[];
	seen: SeenVersion[];
}

/** The day's announced replacements of corpus papers, as arXiv's records of them. */
export function announcedReplacements(index: PaperIndex, announcement: Announcement): ArxivVersion[] {
	return announcement.entries
		.filter(({ announceType, paper }) => announceType.startsWith('replace') && index.numbers.has(paper.id))
		.map(({ paper }) => ({
			id: paper.id,
			version: paper.version,
			title: paper.title,
			journal_ref: paper.journal_ref,
			doi: paper.doi,
			comment: null,
			withdrawn: isWithdrawn('', paper.abstract ?? ''),
		}));
}

/** Compares arXiv's records with the corpus and with what was seen before (see findChange); records nothing. */
export function compareVersions(
	index: PaperIndex,
	found: readonly ArxivVersion[],
	seenBefore: (id: string) => SeenVersion | null,
	replaced: ReadonlySet<string>,
): VersionComparison {
	const result: VersionComparison = { changes: [], overlays: [], seen: [] };
	for (const record of found) {
		const paper = getPaper(index, record.id);
		if (!paper) continue;
		const seen = seenBefore(record.id);
		const change = findChange(paper, seen, record, replaced.has(record.id));
		if (change) result.changes.push(change);
		const overlay = overlayOf(paper, record);
		if (overlay) result.overlays.push(overlay);
		result.seen.push(seenOf(record, seen));
	}
	return result;
}

/** The corpus's arXiv ids in a stable order, for the daily check's cursor. */
export const corpusArxivIds = (index: PaperIndex) => paperIds(index).filter(isArxivKey).sort();

/** The ids of the day's share of the check: `count` from the cursor on, wrapping round the corpus. */
export function dailyShare(ids: readonly string[], next: number, count: number): string[] {
	if (ids.length === 0) return [];
	const start = next % ids.length;
	const share = ids.slice(start, start + count);
	return share.length < count && start > 0 ? [...share, ...ids.slice(0, Math.min(start, count - share.length))] : share;
}

export interface ChangeCheckContext {
	state: State;
	index: PaperIndex;
	arxiv: VersionCheckOptions;
	/** Where `changes.jsonl` is written. */
	corpusPath: string;
	dailyChecks: number;
	now: () => Date;
	/** Reads the corpus again after the overlay changed. */
	reload: () => Promise<unknown>;
}

/**
 * The day's look for changes in the corpus: the announcement's replacements of corpus papers,
 * and, once a day, the next share of the corpus's arXiv papers by `id_list`. Each change is
 * recorded once (before the overlay is written, so a crash in between loses no change), and
 * `changes.jsonl` brings the records up to arXiv's. Returns the changes found.
 */
export async function checkCorpusChanges(context: ChangeCheckContext, day: string, announcement?: Announcement): Promise<FoundChange[]> {
	const { state, index } = context;
	const store = openChanges(state);
	const found = announcement ? announcedReplacements(index, announcement) : [];
	const replaced = new Set(found.map((record) => record.id));
	const cursor = store.cursor();
	let next = cursor.next;
	if (cursor.day !== day) {
		const ids = corpusArxivIds(index);
		// The cursor counts through the whole corpus; papers the announcement replaced are left out of
		// the day's share after it is taken, so no other paper is checked twice or skipped for them.
		const share = dailyShare(ids, cursor.next, context.dailyChecks);
		found.push(
			...(await fetchArxivVersions(
				share.filter((id) => !replaced.has(id)),
				context.arxiv,
			)),
		);
		next = ids.length === 0 ? 0 : (cursor.next + share.length) % ids.length;
	}
	const comparison = compareVersions(index, found, (id) => store.seen(id), replaced);
	const now = context.now();
	const changes = comparison.seen.flatMap((seen) => {
		const change = comparison.changes.find((candidate) => candidate.paper_id === seen.paper_id) ?? null;
		const kept = store.record(seen, change, now);
		return kept ? [kept] : [];
	});
	store.setCursor({ day, next });
	if (comparison.overlays.length > 0) {
		await writeOverlays(context.corpusPath, comparison.overlays);
		await context.reload();
	}
	return changes;
}

/** Posts the changes found in the last days that the guild was not told of, one line each, once: the slot is the announcement date. */
export async function postCorpusChanges(context: PostOnceContext & { state: State }, guild: GuildSettings, date: string): Promise<void> {
	const store = openChanges(context.state);
	const unposted = store.unposted(guild.guild_id, new Date(context.now().getTime() - CHANGE_POST_DAYS * DAY_MS));
	if (unposted.length === 0) return;
	const where = { guildId: guild.guild_id, channelId: guild.feed_channel_id as string, kind: 'changes' as const, slot: date };
	await postOnce(context, where, buildChangeMessages(date, unposted), () =>
		store.markPosted(
			guild.guild_id,
			unposted.map((change) => change.change_id),
		),
	);
}
