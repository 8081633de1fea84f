import { readFile } from 'node:fs/promises';
import { corpusFileFor, rewritePapers } from '../corpus/append.js';
import { type Paper, paperSchema } from '../corpus/paper.js';
import { LibraryError } from './http.js';
import type { ZoteroClient, ZoteroCollection, ZoteroItem } from './zotero.js';
import { zoteroItemToPaper } from './zotero-item.js';

/** The corpus file the synced papers are kept in, rewritten whole at each sync that changes something. */
export const ZOTERO_FILE_NAME = 'zotero.jsonl';

/** What one sync asks for. */
export interface ZoteroSyncOptions {
	client: ZoteroClient;
	/** `CORPUS_PATH`: `zotero.jsonl` is in its folder. */
	corpusPath: string;
	/** `ZOTERO_COLLECTIONS`: collection keys or names; empty reads the whole library. */
	collections: readonly string[];
	/** The last good sync of this library (its version and the collections it read); null for a first sync. */
	previous: { version: number; collections: readonly string[] } | null;
}

/** What one sync did. */
export interface ZoteroSyncResult {
	added: number;
	updated: number;
	removed: number;
	skipped: number;
	/** The skipped items by type (`note`, `attachment`, `webpage`…), for a person to read. */
	skippedTypes: Record<string, number>;
	/** The library's version the sync reached: the next sync asks for what changed since. */
	version: number;
	/** Papers in `zotero.jsonl` now. */
	papers: number;
	/** Whether every item was read (a first sync, changed collections, a missing file) rather than what changed. */
	full: boolean;
	/** Whether `zotero.jsonl` was rewritten. */
	written: boolean;
}

/** The synced papers of `library` in `zotero.jsonl`, by item key; null when the file is missing. */
async function readSyncedPapers(file: string, library: string): Promise<Map<string, Paper> | null> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	const papers = new Map<string, Paper>();
	const prefix = `${library}/`;
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		let record: unknown;
		try {
			record = JSON.parse(line);
		} catch {
			continue;
		}
		const parsed = paperSchema.safeParse(record);
		const key = parsed.success ? parsed.data.zotero_key : null;
		if (parsed.success && key?.startsWith(prefix)) papers.set(key.slice(prefix.length), parsed.data);
	}
	return papers;
}

/** The keys of the collections named by key or by name; a name no collection has is a LibraryError listing the names there are. */
export function resolveCollections(wanted: readonly string[], collections: readonly ZoteroCollection[], library: string): Set<string> {
	const keys = new Set<string>();
	for (const entry of wanted) {
		const byKey = collections.find((collection) => collection.key === entry);
		const exact = collections.filter((collection) => collection.data.name === entry);
		const folded = collections.filter((collection) => collection.data.name.toLowerCase() === entry.toLowerCase());
		const found = byKey ? [byKey] : exact.length ? exact : folded;
		if (found.length === 0) {
			const names = collections.map((collection) => `"${collection.data.name}"`).join(', ') || 'none';
			throw new LibraryError(
				null,
				`Zotero library ${library} has no collection "${entry}" (ZOTERO_COLLECTIONS); its collections: ${names}.`,
			);
		}
		for (const collection of found) keys.add(collection.key);
	}
	return keys;
}

const sameRecord = (a: Paper, b: Paper) => JSON.stringify(a) === JSON.stringify(b);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((entry, i) => entry === b[i]);

/**
 * Brings `zotero.jsonl` up to date with the Zotero library: after a first (full) sync, only the
 * items changed since the last version (trashed items come back marked, and are taken out) and
 * the items deleted since. Papers only: other items are skipped and counted. With collections
 * set, only items filed directly in them. The file is rewritten atomically (in item-key order),
 * and only when a paper changed.
 */
export async function syncZotero({ client, corpusPath, collections, previous }: ZoteroSyncOptions): Promise<ZoteroSyncResult> {
	const file = await corpusFileFor(corpusPath, ZOTERO_FILE_NAME);
	const synced = await readSyncedPapers(file, client.library);
	const before = synced ?? new Map<string, Paper>();
	const full = previous === null || synced === null || !sameList(previous.collections, collections);
	const wantedCollections = collections.length ? resolveCollections(collections, await client.collections(), client.library) : null;
	const listing = await client.items(full ? 0 : (previous?.version ?? 0));
	const after = full ? new Map<string, Paper>() : new Map(before);
	const skippedTypes: Record<string, number> = {};
	for (const item of listing.objects) {
		const outcome = readItem(item, client.library, wantedCollections);
		if (outcome === 'skipped') skippedTypes[item.data.itemType] = (skippedTypes[item.data.itemType] ?? 0) + 1;
		if (outcome === 'skipped' || outcome === 'outside') after.delete(item.key);
		else after.set(item.key, outcome);
	}
	if (!full) for (const key of (await client.deletedItems(previous?.version ?? 0)).objects) after.delete(key);

	let added = 0;
	let updated = 0;
	for (const [key, paper] of after) {
		const earlier = before.get(key);
		if (!earlier) added++;
		else if (!sameRecord(earlier, paper)) updated++;
	}
	const removed = [...before.keys()].filter((key) => !after.has(key)).length;
	const written = added + updated + removed > 0;
	// In item-key order, so the file reads the same whatever order Zotero listed the items in.
	const byKey = [...after.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, paper]) => paper);
	if (written) await rewritePapers(corpusPath, ZOTERO_FILE_NAME, byKey);
	const skipped = Object.values(skippedTypes).reduce((sum, count) => sum + count, 0);
	return { added, updated, removed, skipped, skippedTypes, version: listing.version, papers: after.size, full, written };
}

/** A paper, `skipped` for an item that is no paper, or `outside` for one trashed or outside the collections read. */
function readItem(item: ZoteroItem, library: string, collections: ReadonlySet<string> | null): Paper | 'skipped' | 'outside' {
	if (item.data.deleted) return 'outside';
	if (collections && !item.data.collections?.some((key) => collections.has(key))) return 'outside';
	return zoteroItemToPaper(item, library) ?? 'skipped';
}
