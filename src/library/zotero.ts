import { createServiceClient, LibraryError, type ServiceAnswer } from './http.js';

/** A creator as the Web API gives it: a person split in two, or one name (an institution). */
export interface ZoteroCreator {
	creatorType?: string;
	firstName?: string;
	lastName?: string;
	name?: string;
}

/** The fields of an item paperbot reads; every field but the type may be missing. */
export interface ZoteroItemData {
	itemType: string;
	title?: string;
	creators?: ZoteroCreator[];
	abstractNote?: string;
	/** Free text, as the person typed it. */
	date?: string;
	DOI?: string;
	url?: string;
	/** One `Name: value` per line, where Zotero keeps what it has no field for (`arXiv: 2305.14174`, `DOI: 10.…`). */
	extra?: string;
	publicationTitle?: string;
	proceedingsTitle?: string;
	bookTitle?: string;
	/** On preprints, e.g. `arXiv:2305.14174`. */
	archiveID?: string;
	/** Keys of the collections the item is filed in. */
	collections?: string[];
	/** 1 (or true) when the item is in the trash. */
	deleted?: boolean | number;
}

/** An item as `format=json` gives it. */
export interface ZoteroItem {
	key: string;
	version: number;
	/** `parsedDate` is Zotero's own reading of `data.date` (`2023-05-12`, `2023-05`, `2023`), when it could read it. */
	meta?: { parsedDate?: string };
	data: ZoteroItemData;
}

/** A collection as `format=json` gives it. */
export interface ZoteroCollection {
	key: string;
	data: { key: string; name: string; parentCollection?: string | false };
}

/** How to reach one library. */
export interface ZoteroClientOptions {
	/** `ZOTERO_API_URL`, without a trailing slash. */
	apiUrl: string;
	/** `groups/<id>` or `users/<id>`. */
	library: string;
	/** `ZOTERO_API_KEY`; a public group library needs none. Sent in a header, never in an address or a message. */
	apiKey?: string;
	/** Names paperbot and its version. */
	userAgent: string;
	/** How to wait out `Retry-After` and `Backoff`; tests pass their own. */
	sleep?: (ms: number) => Promise<void>;
}

/** What a listing gave, and the library's version when it was read. */
export interface ZoteroListing<T> {
	objects: T[];
	/** The library's `Last-Modified-Version` at the listing's first page. */
	version: number;
}

/** Reads one Zotero library through the Web API v3. */
export interface ZoteroClient {
	readonly library: string;
	/** Every item (children and trashed items included) changed since the library version `since`; all of them from 0. */
	items(since: number): Promise<ZoteroListing<ZoteroItem>>;
	/** Keys of the items deleted for good since the library version `since`. */
	deletedItems(since: number): Promise<ZoteroListing<string>>;
	/** Every collection of the library. */
	collections(): Promise<ZoteroCollection[]>;
}

/** The most items the Web API gives in one page. */
export const ZOTERO_PAGE_SIZE = 100;

/** The `rel="next"` address of a `Link` header, or null on the last page. */
export function nextPageUrl(link: string | null): string | null {
	for (const part of link?.split(',') ?? []) {
		const match = /<([^>]+)>\s*;.*\brel="?next"?/.exec(part);
		if (match) return match[1]!;
	}
	return null;
}

/** A client of one library: 100 items a page, `Link` followed, one request at a time, the service's waits honoured. */
export function createZoteroClient(options: ZoteroClientOptions): ZoteroClient {
	const { apiUrl, library, apiKey } = options;
	const http = createServiceClient({
		name: 'Zotero',
		userAgent: options.userAgent,
		urlSetting: 'ZOTERO_API_URL',
		...(options.sleep ? { sleep: options.sleep } : {}),
	});
	const headers: Record<string, string> = { 'Zotero-API-Version': '3', ...(apiKey ? { 'Zotero-API-Key': apiKey } : {}) };
	const origin = new URL(apiUrl).origin;

	async function get(url: string): Promise<ServiceAnswer> {
		// The key goes only to the configured service, whatever a Link header says.
		if (new URL(url).origin !== origin)
			throw new LibraryError(null, `Zotero pointed the next page of ${library} away from ZOTERO_API_URL (${origin}).`);
		const answer = await http.get(url, headers, [403, 404]);
		if (answer.status === 403)
			throw new LibraryError(
				403,
				apiKey
					? `Zotero refused to let ZOTERO_API_KEY read ${library} (HTTP 403): the key cannot read this library; give it read access at zotero.org/settings/keys, or check ZOTERO_LIBRARY.`
					: `Zotero refused to let paperbot read ${library} without a key (HTTP 403): the library is not public; set ZOTERO_API_KEY to a key that may read it.`,
			);
		if (answer.status === 404) throw new LibraryError(404, `Zotero has no library ${library} (HTTP 404); check ZOTERO_LIBRARY.`);
		return answer;
	}

	function versionOf(answer: ServiceAnswer): number {
		const version = Number(answer.headers.get('last-modified-version'));
		if (!Number.isInteger(version) || version < 0)
			throw new LibraryError(answer.status, `Zotero's answer for ${library} carried no library version; check ZOTERO_API_URL (${origin}).`);
		return version;
	}

	function parse<T>(answer: ServiceAnswer): T {
		try {
			return JSON.parse(answer.body) as T;
		} catch {
			throw new LibraryError(
				answer.status,
				`Zotero answered for ${library} with something that is not JSON; check ZOTERO_API_URL (${origin}).`,
			);
		}
	}

	async function allPages<T>(first: string): Promise<ZoteroListing<T>> {
		const objects: T[] = [];
		let version: number | null = null;
		for (let url: string | null = first; url !== null; ) {
			const answer = await get(url);
			version ??= versionOf(answer);
			const page = parse<T[]>(answer);
			if (!Array.isArray(page)) throw new LibraryError(answer.status, `Zotero answered for ${library} with something that is not a list.`);
			objects.push(...page);
			url = nextPageUrl(answer.headers.get('link'));
		}
		return { objects, version: version as number };
	}

	const base = `${apiUrl}/${library}`;
	return {
		library,
		items: (since) => allPages<ZoteroItem>(`${base}/items?format=json&limit=${ZOTERO_PAGE_SIZE}&since=${since}&includeTrashed=1`),
		async deletedItems(since) {
			const answer = await get(`${base}/deleted?since=${since}`);
			const deleted = parse<{ items?: unknown }>(answer);
			const keys = Array.isArray(deleted.items) ? deleted.items.filter((key): key is string => typeof key === 'string') : [];
			return { objects: keys, version: versionOf(answer) };
		},
		collections: async () => (await allPages<ZoteroCollection>(`${base}/collections?format=json&limit=${ZOTERO_PAGE_SIZE}`)).objects,
	};
}
