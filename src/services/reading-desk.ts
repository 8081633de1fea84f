import type { Paper } from '../corpus/paper.js';
import { buildPollMessage, type PollMessage, type ProposedPaper } from '../messages/reading-messages.js';
import { openReadingList, type Proposal, type ProposeOutcome, type ReadingList, type ReadingPoll } from '../store/reading-list.js';
import { nextPollTime } from '../schedule/reading-scheduler.js';
import { pollProposals } from '../schedule/reading-vote.js';
import type { GuildSettings } from '../store/settings.js';
import type { State } from '../store/state.js';
import { nextDigestTime } from '../schedule/time.js';
import type { Library } from '../search/library.js';
import { getPaper } from '../search/paper-index.js';

/**
 * The next poll as it would be sent, and when; `entries` holds fewer than two when there would be
 * no poll. While polls are off (`on` false) there is no time, and `message` is the poll they would send.
 */
export interface PollPreview {
	on: boolean;
	at: Date | null;
	entries: ProposedPaper[];
	message: PollMessage | null;
}

/** The reading list as the commands use it, on Discord, at the console and in the CLI, over the one state file. */
export interface ReadingDesk {
	/** The server the console and the CLI work on (DISCORD_GUILD_ID, or a local list); absent on Discord, where the asker's server counts. */
	readonly localGuildId?: string;
	propose(guildId: string, paper: Paper, proposer: { id: string; name: string }, note: string | null): ProposeOutcome;
	/** The server's proposals with their papers, oldest first. */
	proposals(guildId: string): ProposedPaper[];
	/** One proposal, or null when the paper is not on the list. */
	proposal(guildId: string, paperId: string): Proposal | null;
	/** Takes a paper off the list; false when it was not on it. */
	withdraw(guildId: string, paperId: string): boolean;
	/** The next poll of a server with these settings, as it would be sent now. */
	preview(settings: GuildSettings): PollPreview;
	/** Whether the server's polls are on, when the next one is (null when off or never), in which time zone. */
	pollSchedule(guildId: string): { on: boolean; next: Date | null; timezone: string };
	/** The server's poll that is in Discord and whose pick is not posted yet, or null. */
	openPoll(guildId: string): ReadingPoll | null;
}

export interface ReadingDeskOptions {
	state: State;
	library: Pick<Library, 'current'>;
	/** A server's settings in force: saved ones, else the environment's or the defaults. */
	settingsFor(guildId: string): GuildSettings;
	now?: () => Date;
	localGuildId?: string;
}

/** Proposals paired with the papers the corpus in service has for them. */
export function withPapers(library: Pick<Library, 'current'>, proposals: readonly Proposal[]): ProposedPaper[] {
	const index = library.current();
	return proposals.map((proposal) => ({ proposal, paper: getPaper(index, proposal.paperId) ?? null }));
}

/** The reading desk over the state database and the corpus in service. */
export function openReadingDesk({ state, library, settingsFor, now = () => new Date(), localGuildId }: ReadingDeskOptions): ReadingDesk {
	const list: ReadingList = openReadingList(state);
	return {
		...(localGuildId ? { localGuildId } : {}),
		propose: (guildId, paper, proposer, note) => list.propose(guildId, paper.id, proposer, note, now()),
		proposals: (guildId) => withPapers(library, list.list(guildId)),
		proposal: (guildId, paperId) => list.get(guildId, paperId),
		withdraw: (guildId, paperId) => list.withdraw(guildId, paperId),
		preview(settings) {
			// While polls are off there is no poll time; the poll is shown as it would be sent now.
			const on = settings.reading_channel_id !== null;
			const at = on ? nextDigestTime(settings.reading_cron, settings.timezone, now()) : null;
			const proposals = list.list(settings.guild_id);
			const entries = withPapers(library, pollProposals(proposals));
			const slot = at ?? (on ? null : now());
			if (entries.length < 2 || !slot) return { on, at, entries, message: null };
			const endsAt = new Date(slot.getTime() + settings.reading_hours * 3_600_000);
			const notOffered = proposals.length - entries.length;
			return {
				on,
				at,
				entries,
				message: buildPollMessage(entries, slot.toISOString(), settings.reading_hours, settings.timezone, endsAt, notOffered),
			};
		},
		pollSchedule(guildId) {
			const settings = settingsFor(guildId);
			return { on: settings.reading_channel_id !== null, next: nextPollTime(settings, now()), timezone: settings.timezone };
		},
		openPoll: (guildId) => list.openPolls(guildId).at(-1) ?? null,
	};
}

/** The list the console and the CLI use when no DISCORD_GUILD_ID names the lab's server. */
export const LOCAL_READING_LIST = 'local';

/**
 * A reading desk that opens the state database on first use, so the console and the CLI touch
 * the state file only when a reading-list command is asked. `close` closes it if it was opened.
 */
export function lazyReadingDesk(open: () => { desk: ReadingDesk; close(): void }, localGuildId: string): ReadingDesk & { close(): void } {
	let opened: { desk: ReadingDesk; close(): void } | null = null;
	const desk = () => {
		opened ??= open();
		return opened.desk;
	};
	return {
		localGuildId,
		propose: (...args) => desk().propose(...args),
		proposals: (guildId) => desk().proposals(guildId),
		proposal: (guildId, paperId) => desk().proposal(guildId, paperId),
		withdraw: (guildId, paperId) => desk().withdraw(guildId, paperId),
		preview: (settings) => desk().preview(settings),
		pollSchedule: (guildId) => desk().pollSchedule(guildId),
		openPoll: (guildId) => desk().openPoll(guildId),
		close: () => opened?.close(),
	};
}
