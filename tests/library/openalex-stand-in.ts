import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A work as the stand-in holds it; it answers in OpenAlex's own JSON shape. */
export interface StandInWork {
	/** Short id, `W…`. */
	id: string;
	/** Bare DOI, e.g. `10.1000/abc` or `10.48550/arxiv.2305.00054`. */
	doi?: string;
	title: string;
	publication_date: string;
	authors: string[];
	venue?: string;
	/** Short ids of the works it cites. */
	references?: string[];
}

/** A request the stand-in received: its path and its query, decoded. */
export interface OpenAlexRequest {
	path: string;
	query: Record<string, string>;
	status: number;
}

/** The most values OpenAlex takes OR-ed in one filter, and results on one page. */
const MOST_VALUES = 100;
const MOST_PER_PAGE = 100;

/** A work in OpenAlex's JSON, as `/works/…` and `/works?filter=…` return it (the fields paperbot reads, and some it does not). */
function workJson(work: StandInWork): Record<string, unknown> {
	return {
		id: `https://openalex.org/${work.id}`,
		doi: work.doi ? `https://doi.org/${work.doi}` : null,
		title: work.title,
		display_name: work.title,
		publication_year: Number(work.publication_date.slice(0, 4)),
		publication_date: work.publication_date,
		type: 'article',
		authorships: work.authors.map((name, position) => ({
			author_position: position === 0 ? 'first' : 'middle',
			author: { id: `https://openalex.org/A${1000 + position}`, display_name: name, orcid: null },
			institutions: [],
			raw_author_name: name,
		})),
		primary_location: work.venue
			? { is_oa: false, landing_page_url: null, source: { id: 'https://openalex.org/S1', display_name: work.venue, type: 'journal' } }
			: { is_oa: true, landing_page_url: null, source: null },
		referenced_works: (work.references ?? []).map((id) => `https://openalex.org/${id}`),
		cited_by_count: 0,
	};
}

/** Keeps only the `select`ed fields, as OpenAlex does. */
function selected(json: Record<string, unknown>, select: string | undefined): Record<string, unknown> {
	if (!select) return json;
	return Object.fromEntries(select.split(',').map((field) => [field, json[field]]));
}

const folded = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

/**
 * OpenAlex on 127.0.0.1 (random port): `/works/doi:<doi>`, `/works/W…`, and `/works?filter=` with
 * `cites:` (at most 100 ids OR-ed with `|`), `from_publication_date:` and `title.search:`, filters
 * joined by `,`; `per_page` (at most 100) and cursor paging (`cursor=*`, then `meta.next_cursor`,
 * null once a page comes back empty). An unknown filter is a 400, as OpenAlex answers. `works` may
 * change between requests; `rateLimit` makes the next requests 429s with that `Retry-After`.
 */
export async function startOpenAlexStandIn(works: StandInWork[], options: { pageSize?: number } = {}) {
	const received: OpenAlexRequest[] = [];
	const limits = { retryAfter: 0, times: 0, status: 429 };
	const answer = (status: number, body: unknown) => ({ status, body });

	function list(query: Record<string, string>) {
		const perPage = Number(query.per_page ?? '25');
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > MOST_PER_PAGE)
			return answer(400, { error: 'Invalid query parameters error.', message: `per_page must be between 1 and ${MOST_PER_PAGE}` });
		let matching = [...works];
		for (const filter of (query.filter ?? '').split(',').filter(Boolean)) {
			const colon = filter.indexOf(':');
			const [name, value] = [filter.slice(0, colon), filter.slice(colon + 1)];
			if (name === 'cites') {
				const ids = value.split('|');
				if (ids.length > MOST_VALUES)
					return answer(400, { error: 'Invalid query parameters error.', message: `too many values in cites (${ids.length})` });
				matching = matching.filter((work) => (work.references ?? []).some((cited) => ids.includes(cited)));
			} else if (name === 'from_publication_date') matching = matching.filter((work) => work.publication_date >= value);
			else if (name === 'title.search') {
				const words = folded(value).split(' ');
				matching = matching.filter((work) => words.every((word) => folded(work.title).split(' ').includes(word)));
			} else return answer(400, { error: 'Invalid query parameters error.', message: `${name} is not a valid field` });
		}
		matching.sort((a, b) => a.id.localeCompare(b.id));
		const size = Math.min(perPage, options.pageSize ?? perPage);
		const start = query.cursor && query.cursor !== '*' ? Number(Buffer.from(query.cursor, 'base64').toString()) : 0;
		const page = matching.slice(start, start + size);
		const next = page.length > 0 ? Buffer.from(String(start + size)).toString('base64') : null;
		return answer(200, {
			meta: {
				count: matching.length,
				db_response_time_ms: 3,
				page: query.cursor ? null : 1,
				per_page: perPage,
				next_cursor: query.cursor ? next : null,
			},
			results: page.map((work) => selected(workJson(work), query.select)),
			group_by: [],
		});
	}

	function single(id: string, query: Record<string, string>) {
		const doi = id.toLowerCase().startsWith('doi:') ? id.slice(4).toLowerCase() : null;
		const work = works.find((candidate) => (doi ? candidate.doi?.toLowerCase() === doi : candidate.id === id));
		return work ? answer(200, selected(workJson(work), query.select)) : answer(404, { error: 'Not found', message: `${id} not found` });
	}

	/** While set, citation lists (`cites:` filters) wait for its release before being answered. */
	let held: { arrived: () => void; released: Promise<void> } | null = null;

	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const query = Object.fromEntries(url.searchParams);
		const path = decodeURIComponent(url.pathname);
		if (held && query.filter?.startsWith('cites:')) {
			held.arrived();
			await held.released;
			if (response.destroyed) return;
		}
		let result: { status: number; body: unknown };
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (limits.times > 0) {
			headers['Retry-After'] = String(limits.retryAfter);
			limits.times -= 1;
			result = answer(limits.status, { error: 'Rate limit exceeded' });
		} else if (path === '/works') result = list(query);
		else if (path.startsWith('/works/')) result = single(path.slice('/works/'.length), query);
		else result = answer(404, { error: 'Not found' });
		received.push({ path, query, status: result.status });
		response.writeHead(result.status, headers);
		response.end(JSON.stringify(result.body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		apiUrl: `http://127.0.0.1:${port}`,
		works,
		received,
		/**
		 * Holds citation lists until `release` is called; `arrived` resolves when the first one is
		 * waiting, so a test can stop the asker between its question and the answer.
		 */
		hold() {
			let release: () => void = () => undefined;
			let arrived: () => void = () => undefined;
			const waiting = new Promise<void>((resolve) => (arrived = resolve));
			held = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
			return {
				arrived: waiting,
				release: () => {
					held = null;
					release();
				},
			};
		},
		/** The next `times` requests are answered `status` (429, or the 403 OpenAlex gives a client going too fast) with `Retry-After: <seconds>`. */
		rateLimit(seconds: number, times = 1, status = 429) {
			Object.assign(limits, { retryAfter: seconds, times, status });
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type OpenAlexStandIn = Awaited<ReturnType<typeof startOpenAlexStandIn>>;
