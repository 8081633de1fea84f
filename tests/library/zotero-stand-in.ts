import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZoteroItemData } from '../../src/library/zotero.js';

/** A key the stand-in accepts (Zotero's keys are 24 letters and digits). */
export const STAND_IN_KEY = 'P4p3rb0tT3stK3yAbCdEf012';

/** A request the stand-in received. */
export interface ZoteroRequest {
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

/** An answer the stand-in gives instead of the real one, for the next requests. */
export interface ForcedAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

interface StoredItem {
	key: string;
	version: number;
	data: ZoteroItemData & Record<string, unknown>;
	meta?: { parsedDate?: string };
}

/** Options of the stand-in library. */
export interface ZoteroStandInOptions {
	/** `groups/<id>` or `users/<id>`. Default `groups/4242`. */
	library?: string;
	/** Whether a request needs STAND_IN_KEY (a private library); default true. */
	private?: boolean;
}

/**
 * A Zotero Web API v3 stand-in on 127.0.0.1 holding one library: `<lib>/items` and
 * `<lib>/collections` (format=json, `limit` up to 100, `start`, `since`, `includeTrashed`, with
 * `Total-Results`, `Last-Modified-Version` and a `Link` header of `first`/`prev`/`next`/`last`),
 * and `<lib>/deleted?since=`. A private library answers 403 without the key; any other library
 * 403 too (the key may not read it). Every write bumps the library's version, as Zotero's do.
 */
export async function startZoteroStandIn(options: ZoteroStandInOptions = {}) {
	const library = options.library ?? 'groups/4242';
	const isPrivate = options.private ?? true;
	let version = 1;
	const items = new Map<string, StoredItem>();
	const deleted: { key: string; version: number }[] = [];
	const collections: { key: string; version: number; data: { key: string; name: string; parentCollection: string | false } }[] = [];
	const received: ZoteroRequest[] = [];
	const forced: ForcedAnswer[] = [];
	let backoffSeconds: number | null = null;

	function page<T>(url: URL, host: string, objects: T[]): { body: T[]; headers: Record<string, string> } {
		const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
		const start = Number(url.searchParams.get('start') ?? 0);
		const at = (offset: number) => {
			const next = new URL(url.pathname + url.search, `http://${host}`);
			next.searchParams.set('start', String(offset));
			return `<${next.href}>`;
		};
		const last = Math.max(0, Math.floor((objects.length - 1) / limit) * limit);
		const links = [`${at(0)}; rel="first"`];
		if (start > 0) links.push(`${at(Math.max(0, start - limit))}; rel="prev"`);
		if (start + limit < objects.length) links.push(`${at(start + limit)}; rel="next"`);
		links.push(`${at(last)}; rel="last"`);
		return { body: objects.slice(start, start + limit), headers: { 'Total-Results': String(objects.length), Link: links.join(', ') } };
	}

	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		received.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			const extra: Record<string, string> = backoffSeconds === null ? {} : { Backoff: String(backoffSeconds) };
			backoffSeconds = null;
			response.writeHead(status, { 'Content-Type': 'application/json', 'Zotero-API-Version': '3', ...extra, ...headers });
			response.end(typeof body === 'string' ? body : JSON.stringify(body));
		};
		const force = forced.shift();
		if (force) return send(force.status, force.body ?? '', force.headers);
		const prefix = `/${library}/`;
		const keyGiven = request.headers['zotero-api-key'];
		if (!url.pathname.startsWith(prefix) || (isPrivate && keyGiven !== STAND_IN_KEY)) return send(403, 'Forbidden');
		const route = url.pathname.slice(prefix.length);
		const since = Number(url.searchParams.get('since') ?? 0);
		const versionHeader = { 'Last-Modified-Version': String(version) };
		const host = request.headers.host ?? '127.0.0.1';
		if (route === 'items') {
			const trashed = url.searchParams.get('includeTrashed') === '1';
			const changed = [...items.values()]
				.filter((item) => item.version > since && (trashed || !item.data.deleted))
				.sort((a, b) => a.version - b.version || a.key.localeCompare(b.key))
				.map((item) => ({ key: item.key, version: item.version, library: { type: 'group' }, meta: item.meta ?? {}, data: item.data }));
			const { body, headers } = page(url, host, changed);
			return send(200, body, { ...headers, ...versionHeader });
		}
		if (route === 'collections') {
			const { body, headers } = page(url, host, collections);
			return send(200, body, { ...headers, ...versionHeader });
		}
		if (route === 'deleted') {
			const keys = deleted.filter((entry) => entry.version > since).map((entry) => entry.key);
			return send(200, { collections: [], searches: [], items: keys, tags: [], settings: [] }, versionHeader);
		}
		return send(404, 'Not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		apiUrl: `http://127.0.0.1:${port}`,
		library,
		received,
		/** The library's version now. */
		get version() {
			return version;
		},
		/** Creates or replaces items in one write (one new library version). */
		put(...written: { key: string; data: ZoteroItemData & Record<string, unknown>; meta?: { parsedDate?: string } }[]) {
			version++;
			for (const item of written) items.set(item.key, { ...item, data: { ...item.data, key: item.key }, version });
		},
		/** Moves an item to the trash. */
		trash(key: string) {
			const item = items.get(key);
			if (!item) throw new Error(`zotero stand-in: no item ${key}`);
			version++;
			items.set(key, { ...item, data: { ...item.data, deleted: 1 }, version });
		},
		/** Deletes items for good, as emptying the trash does. */
		remove(...keys: string[]) {
			version++;
			for (const key of keys) {
				items.delete(key);
				deleted.push({ key, version });
			}
		},
		addCollection(key: string, name: string) {
			version++;
			collections.push({ key, version, data: { key, name, parentCollection: false } });
		},
		/** The next requests get these answers instead, in order. */
		force(...answers: ForcedAnswer[]) {
			forced.push(...answers);
		},
		/** The next answer carries `Backoff: <seconds>`. */
		backoff(seconds: number) {
			backoffSeconds = seconds;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type ZoteroStandIn = Awaited<ReturnType<typeof startZoteroStandIn>>;

/** A journal article item with the fields most items carry; `data` overrides any. */
export function articleItem(key: string, data: Partial<ZoteroItemData> & Record<string, unknown> = {}) {
	return {
		key,
		data: {
			itemType: 'journalArticle',
			title: `A study of ${key.toLowerCase()}`,
			creators: [
				{ creatorType: 'author', firstName: 'Ada', lastName: 'Quill' },
				{ creatorType: 'author', firstName: 'Ben', lastName: 'Rowe' },
			],
			abstractNote: `We study ${key.toLowerCase()} and find it remarkable.`,
			date: '2023-05-12',
			publicationTitle: 'Journal of Quokka Studies',
			collections: [],
			...data,
		},
	};
}
