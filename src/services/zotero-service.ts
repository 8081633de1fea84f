import { Cron } from 'croner';
import type { Logger } from '../log.js';
import { createZoteroClient } from '../library/zotero.js';
import { syncZotero, type ZoteroSyncResult } from '../library/zotero-sync.js';
import { type ZoteroSyncSetup, zoteroProblemIsCurrent, zoteroStatusLines } from '../messages/zotero-status.js';
import { createTimers } from '../schedule/timers.js';
import { nextDigestTime } from '../schedule/time.js';
import type { Library } from '../search/library.js';
import type { State } from '../store/state.js';
import { openZoteroSyncLog } from '../store/zotero-sync.js';

/** The Zotero sync as the environment sets it. */
export interface ZoteroSettings extends ZoteroSyncSetup {
	/** `ZOTERO_API_KEY`: a secret, sent to Zotero only. */
	apiKey?: string;
	/** `ZOTERO_API_URL`. */
	apiUrl: string;
	/** The time zone `cron` is read in (`TIMEZONE`). */
	timezone: string;
}

/** What one sync needs. */
export interface ZoteroSyncRun {
	settings: ZoteroSettings;
	state: State;
	/** `CORPUS_PATH`. */
	corpusPath: string;
	/** Names paperbot and its version. */
	userAgent: string;
	now?: () => Date;
	/** How to wait out Zotero's `Retry-After` and `Backoff`; tests pass their own. */
	sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs one sync of the library into `zotero.jsonl` and records it in the state database: the
 * version reached and what changed, or why it failed (and then throws that error).
 */
export async function runZoteroSync({
	settings,
	state,
	corpusPath,
	userAgent,
	now = () => new Date(),
	sleep,
}: ZoteroSyncRun): Promise<ZoteroSyncResult> {
	const syncLog = openZoteroSyncLog(state);
	const record = syncLog.get(settings.library);
	const client = createZoteroClient({
		apiUrl: settings.apiUrl,
		library: settings.library,
		userAgent,
		...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
		...(sleep ? { sleep } : {}),
	});
	const previous = record?.version != null ? { version: record.version, collections: record.collections } : null;
	try {
		const result = await syncZotero({ client, corpusPath, collections: settings.collections, previous });
		syncLog.recordSync(settings.library, {
			collections: settings.collections,
			version: result.version,
			at: now(),
			counts: result,
			papers: result.papers,
		});
		return result;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		syncLog.recordProblem(settings.library, settings.collections, message, now());
		throw error;
	}
}

/** The sync running in the bot. */
export interface ZoteroService {
	/** Syncs now, or joins the sync already running: never two at once. Resolves null when it failed (the failure is logged and kept). */
	syncNow(): Promise<ZoteroSyncResult | null>;
	/** `/paperbot status`'s Zotero lines, times in `timezone`. */
	statusLines(timezone: string): string[];
	/** Why the latest sync failed, when no good sync came after it; else null. */
	problem(): string | null;
	/** Stops the schedule; a sync running finishes. */
	stop(): Promise<void>;
}

/** What the bot's sync needs beyond one run's. */
export interface ZoteroServiceOptions extends Omit<ZoteroSyncRun, 'now'> {
	/** The corpus in service, reloaded (its index swapped whole) after a sync that changed `zotero.jsonl`. */
	library: Pick<Library, 'reload'>;
	log: Logger;
	now?: () => Date;
}

/**
 * Starts the scheduled sync: at each `cron` time in the time zone, one sync, then the corpus is
 * reloaded in the background when papers changed. A sync is due at once when the library was
 * never synced or a scheduled time passed while paperbot was down.
 */
export function startZoteroService(options: ZoteroServiceOptions): ZoteroService {
	const { settings, state, library, log } = options;
	const now = options.now ?? (() => new Date());
	const timers = createTimers(now);
	const syncLog = openZoteroSyncLog(state);
	let running: Promise<ZoteroSyncResult | null> | null = null;

	async function sync(): Promise<ZoteroSyncResult | null> {
		try {
			const result = await runZoteroSync({ ...options, now });
			const { added, updated, removed, skipped, version, papers } = result;
			log.info({ library: settings.library, added, updated, removed, skipped, version, papers }, 'zotero: synced');
			if (result.written) await library.reload();
			return result;
		} catch (error) {
			log.warn({ library: settings.library, reason: error instanceof Error ? error.message : String(error) }, 'zotero: sync failed');
			return null;
		}
	}

	function syncNow(): Promise<ZoteroSyncResult | null> {
		running ??= sync().finally(() => {
			running = null;
		});
		return running;
	}

	function arm(): void {
		const next = nextDigestTime(settings.cron, settings.timezone, now());
		if (next)
			timers.later('sync', next, () => {
				void syncNow();
				arm();
			});
	}

	const record = syncLog.get(settings.library);
	const [missed] = new Cron(settings.cron, { timezone: settings.timezone, paused: true }).previousRuns(1, now());
	if (!record?.synced_at || (missed && missed.toISOString() > record.synced_at)) timers.later('start', now(), () => void syncNow());
	arm();

	return {
		syncNow,
		statusLines: (timezone) => zoteroStatusLines(settings, syncLog.get(settings.library), timezone),
		problem() {
			const latest = syncLog.get(settings.library);
			return zoteroProblemIsCurrent(latest) ? (latest?.problem ?? null) : null;
		},
		async stop() {
			timers.stop();
			await running;
		},
	};
}
