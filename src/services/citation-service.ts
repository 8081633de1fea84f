import { countOf } from '../cards/counts.js';
import { displayTitle } from '../cards/index.js';
import { paperUrl } from '../corpus/paper.js';
import type { LabPaper } from '../feed/lab-papers.js';
import type { Logger } from '../log.js';
import type { OpenAlexCitations } from '../library/openalex-citations.js';
import { buildCitationMessage, buildCitationSummary } from '../messages/citation-messages.js';
import { formatLocalTime } from '../messages/schedule-status.js';
import type { Citation } from '../schedule/citation-check.js';
import { createCitationScheduler, type CitationScheduler } from '../schedule/citations-scheduler.js';
import { citationCounts, getCitationCheck } from '../store/citation-log.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import type { LabDesk } from './lab-desk.js';
import type { Poster } from './poster.js';

/** Where the lab's papers are in OpenAlex: each found paper's work id, and the papers it could not find. */
export interface LabWorks {
	/** Lab paper keys by OpenAlex id. */
	keysByWork: Map<string, string[]>;
	/** Lab papers OpenAlex could not find, by key. */
	unresolved: string[];
}

/**
 * Finds the lab's papers in OpenAlex, asking only about those never asked before; with `remember`,
 * what it says is kept, so each paper is asked once. Without, nothing is written.
 */
export async function findLabWorks(desk: LabDesk, client: OpenAlexCitations, remember: boolean, now: Date): Promise<LabWorks> {
	const papers = desk.papers();
	const lookups = desk.store.lookups(papers.map((lab) => lab.paper.id));
	const keysByWork = new Map<string, string[]>();
	const unresolved: string[] = [];
	for (const { paper } of papers) {
		let openalexId = lookups.get(paper.id)?.openalexId;
		if (openalexId === undefined) {
			const found = await client.findWork(paper);
			openalexId = found?.openalexId ?? null;
			if (remember)
				desk.store.recordLookup({ paperId: paper.id, openalexId, foundBy: found?.foundBy ?? null, lookedAt: now.toISOString() });
		}
		if (openalexId === null) unresolved.push(paper.id);
		else keysByWork.set(openalexId, [...(keysByWork.get(openalexId) ?? []), paper.id]);
	}
	return { keysByWork, unresolved };
}

/** The works citing the lab's papers published on or after `since` (null: all), each with the lab paper keys it cites. */
export async function findCitations(works: LabWorks, client: OpenAlexCitations, since: string | null): Promise<Citation[]> {
	if (works.keysByWork.size === 0) return [];
	const citing = await client.citingWorks([...works.keysByWork.keys()], since);
	// The lab papers a work cites are named in the lab's order (newest first), whatever order its references list them in.
	const order = new Map([...works.keysByWork.values()].flat().map((key, position) => [key, position]));
	const labOrder = (keys: string[]) => [...new Set(keys)].sort((a, b) => order.get(a)! - order.get(b)!);
	return citing
		.map((work) => ({ work, cites: labOrder(work.cites.flatMap((id) => works.keysByWork.get(id) ?? [])) }))
		.filter((citation) => citation.cites.length > 0)
		.sort((a, b) => (a.work.published ?? '').localeCompare(b.work.published ?? '') || a.work.id.localeCompare(b.work.id));
}

/** Citation alerts as the schedule service runs them: their scheduler and what `/paperbot status` shows of them. */
export interface CitationService {
	readonly scheduler: CitationScheduler;
	/** What `/paperbot status` shows: where and when, the lab's papers, citations posted, papers OpenAlex could not find. */
	statusLines(guild: GuildSettings): string[];
	/** The guild's citation problem (the last look failed), or null. */
	problem(guild: GuildSettings): string | null;
}

export interface CitationServiceOptions {
	state: State;
	desk: LabDesk;
	client: OpenAlexCitations;
	poster: Poster;
	now: () => Date;
	log: Logger;
	/** This process in the post log (default `host:pid`). */
	claimant?: string;
}

/** Most unfound papers the status names. */
const UNRESOLVED_SHOWN = 10;

/** Runs the citation alerts over the schedule's state and poster. */
export function createCitationService({ state, desk, client, poster, now, log, claimant }: CitationServiceOptions): CitationService {
	const scheduler = createCitationScheduler({
		state,
		now,
		log,
		...(claimant ? { claimant } : {}),
		find: async (since) => findCitations(await findLabWorks(desk, client, true, now()), client, since),
		async sendAlert(guild, citation, slot) {
			const papers = new Map<string, LabPaper>(desk.papers().map((lab) => [lab.paper.id, lab]));
			const cited = citation.cites.map((key) => {
				const lab = papers.get(key);
				return lab ? { title: displayTitle(lab.paper), url: paperUrl(lab.paper) } : { title: key, url: null };
			});
			const message = buildCitationMessage(citation.work, cited, slot);
			return (await poster.send(guild.guild_id, guild.citations_channel_id as string, [message])).messageId;
		},
		async sendSummary(guild, counts, slot) {
			return (await poster.send(guild.guild_id, guild.citations_channel_id as string, [buildCitationSummary(counts, slot)])).messageId;
		},
		reconcile: (guild, slot) => poster.findPost(guild.guild_id, guild.citations_channel_id as string, 'citation', slot),
	});

	return {
		scheduler,
		statusLines(guild) {
			const papers = desk.papers();
			const lookups = desk.store.lookups(papers.map((lab) => lab.paper.id));
			const unresolved = papers.filter((lab) => lookups.get(lab.paper.id)?.openalexId === null).map((lab) => lab.paper.id);
			const found = papers.filter((lab) => lookups.get(lab.paper.id)?.openalexId).length;
			const { posted, known } = citationCounts(state, guild.guild_id);
			const where = guild.citations_channel_id ? `<#${guild.citations_channel_id}> at ${guild.citations_time}` : 'off';
			const check = getCitationCheck(state, guild.guild_id);
			const lines = [
				where,
				`Lab papers: ${papers.length} (${found} found in OpenAlex)`,
				`Citations posted: ${posted}; ${known} earlier ones recorded`,
			];
			if (check?.next_check && guild.citations_channel_id)
				lines.push(`Next look: ${formatLocalTime(new Date(check.next_check), guild.timezone)}`);
			if (unresolved.length > 0)
				lines.push(
					`Not found in OpenAlex: ${unresolved.slice(0, UNRESOLVED_SHOWN).join(', ')}${unresolved.length > UNRESOLVED_SHOWN ? ` and ${unresolved.length - UNRESOLVED_SHOWN} more` : ''}`,
				);
			return lines;
		},
		problem(guild) {
			const check = guild.citations_channel_id ? getCitationCheck(state, guild.guild_id) : null;
			return check?.last_error ? `Citation alerts: ${countOf(check.failures, 'failed look')} in a row, last: ${check.last_error}` : null;
		},
	};
}
