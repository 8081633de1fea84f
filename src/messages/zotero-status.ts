import { markdownSafe, plainLine } from '../cards/safe-text.js';
import type { ZoteroSyncRecord } from '../store/zotero-sync.js';
import { formatLocalTime } from './schedule-status.js';

/** The sync as configured: which library, which collections, how often. */
export interface ZoteroSyncSetup {
	library: string;
	/** Collection keys or names; empty for the whole library. */
	collections: readonly string[];
	/** Cron pattern in the time zone status is read in. */
	cron: string;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** Whether the sync's last problem came after its last good sync, so it is a current problem. */
export function zoteroProblemIsCurrent(record: ZoteroSyncRecord | null): boolean {
	return Boolean(record?.problem && record.problem_at && (!record.synced_at || record.problem_at > record.synced_at));
}

/** `/paperbot status`'s Zotero lines: the library, the last sync and what it changed, the papers, the last problem. */
export function zoteroStatusLines(setup: ZoteroSyncSetup, record: ZoteroSyncRecord | null, timezone: string): string[] {
	const read = setup.collections.length
		? `collections ${setup.collections.map((entry) => `"${markdownSafe(plainLine(entry))}"`).join(', ')}`
		: 'the whole library';
	const lines = [`\`${setup.library}\`, ${read}; syncs on \`${setup.cron}\``];
	if (record?.synced_at && record.version !== null) {
		const changes = `${record.added} added, ${record.updated} updated, ${record.removed} removed, ${record.skipped} skipped`;
		lines.push(`Last sync: ${formatLocalTime(new Date(record.synced_at), timezone)}, library version ${record.version}: ${changes}`);
		lines.push(`Papers: ${plural(record.papers, 'paper')} from Zotero`);
	} else lines.push('Last sync: none yet');
	if (record?.problem && record.problem_at)
		lines.push(`Last problem (${formatLocalTime(new Date(record.problem_at), timezone)}): ${markdownSafe(plainLine(record.problem))}`);
	return lines;
}
