import { LibraryError } from '../library/http.js';
import type { ZoteroSyncResult } from '../library/zotero-sync.js';
import { runZoteroSync, type ZoteroSyncRun } from '../services/zotero-service.js';
import { EXIT } from './cli-arguments.js';

/** Where `paperbot zotero sync` writes: the outcome on `stdout`, problems on `stderr`. */
export interface ZoteroCommandLineOutput {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** The sync's outcome as a person reads it. */
export function zoteroSyncText(library: string, result: ZoteroSyncResult): string {
	const skippedTypes = Object.entries(result.skippedTypes)
		.sort(([, a], [, b]) => b - a)
		.map(([type, count]) => `${count} ${type}`)
		.join(', ');
	const skipped = result.skipped ? `${result.skipped} skipped (${skippedTypes})` : '0 skipped';
	const how = result.full ? 'every item read' : 'changes since the last sync';
	return [
		`Zotero ${library}, library version ${result.version} (${how}): ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${skipped}.`,
		`${plural(result.papers, 'paper')} from Zotero in the corpus.`,
	].join('\n');
}

/**
 * `paperbot zotero sync`: one sync of ZOTERO_LIBRARY now, recorded in STATE_PATH as the bot's are.
 * With `json`, prints `{"added", "updated", "removed", "skipped", "version"}`. Returns the exit code.
 */
export async function runZoteroCommandLine(run: ZoteroSyncRun | null, json: boolean, output: ZoteroCommandLineOutput): Promise<number> {
	const problem = (message: string) => {
		output.stderr.write(`${message}\n`);
		if (json) output.stdout.write(`${JSON.stringify({ error: message })}\n`);
		return EXIT.noAnswer;
	};
	if (!run)
		return problem('paperbot zotero sync: ZOTERO_LIBRARY is not set; set it in .env to groups/<id> or users/<id>, with ZOTERO_API_KEY.');
	let result: ZoteroSyncResult;
	try {
		result = await runZoteroSync(run);
	} catch (error) {
		if (error instanceof LibraryError) return problem(`paperbot zotero sync: ${error.message}`);
		throw error;
	}
	const { added, updated, removed, skipped, version } = result;
	output.stdout.write(
		`${json ? JSON.stringify({ added, updated, removed, skipped, version }) : zoteroSyncText(run.settings.library, result)}\n`,
	);
	return EXIT.answer;
}
