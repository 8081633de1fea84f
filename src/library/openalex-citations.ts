import { z } from 'zod';
import { doiOfKey, isArxivKey, type Paper, stripDoiPrefix } from '../corpus/paper.js';
import { termsOf } from '../search/text.js';
import { createServiceClient, LibraryError, type ServiceClient } from './http.js';

/** How paperbot asks OpenAlex about the works citing the lab's papers. */
export interface OpenAlexCitationsOptions {
	/** `OPENALEX_API_URL`, without a trailing slash. */
	apiUrl: string;
	/** `CONTACT_EMAIL`, sent as `mailto=`. */
	mailto?: string;
	/** `OPENALEX_API_KEY`, sent as `api_key=`; never logged. */
	apiKey?: string;
	/** `User-Agent`: paperbot and its version. */
	userAgent: string;
	/** How to wait before a retry; tests pass their own. */
	sleep?: (ms: number) => Promise<void>;
}

/** A work citing lab papers, as OpenAlex describes it. */
export interface CitingWork {
	/** OpenAlex's short id, `W…`. */
	id: string;
	title: string | null;
	authors: string[];
	/** Where it appeared: its primary source's name. */
	venue: string | null;
	/** `YYYY-MM-DD`. */
	published: string | null;
	/** Its DOI in lower case, without `https://doi.org/`. */
	doi: string | null;
	/** The OpenAlex ids (`W…`) among those asked about that it cites. */
	cites: string[];
}

/** How a lab paper was found in OpenAlex. */
export interface FoundWork {
	openalexId: string;
	foundBy: 'doi' | 'arxiv_doi' | 'title';
}

/** OpenAlex's answers about the lab's papers and the works citing them. */
export interface OpenAlexCitations {
	/** The lab paper's OpenAlex work: by its DOI, its arXiv DOI, else its exact title; null when none matches. */
	findWork(paper: Paper): Promise<FoundWork | null>;
	/**
	 * The works citing any of `workIds` (OpenAlex ids), published on or after `since` (`YYYY-MM-DD`,
	 * or null for all): as few requests as OpenAlex allows, {@link IDS_PER_REQUEST} ids in each, every page read.
	 */
	citingWorks(workIds: readonly string[], since: string | null): Promise<CitingWork[]>;
}

/** OpenAlex's cap on values OR-ed in one filter, and on results per page. */
export const IDS_PER_REQUEST = 100;
const PER_PAGE = 100;
/** A paging loop that never ends (a server repeating its cursor) stops here. */
const MOST_PAGES = 200;
const CITING_FIELDS = 'id,doi,display_name,publication_date,authorships,primary_location,referenced_works';

const workSchema = z.object({
	id: z.string(),
	doi: z.string().nullish(),
	title: z.string().nullish(),
	display_name: z.string().nullish(),
	publication_date: z.string().nullish(),
	authorships: z
		.array(z.object({ author: z.object({ display_name: z.string().nullish() }).nullish() }))
		.nullish()
		.transform((list) => list ?? []),
	primary_location: z
		.object({ source: z.object({ display_name: z.string().nullish() }).nullish() })
		.nullish()
		.transform((location) => location ?? null),
	referenced_works: z
		.array(z.string())
		.nullish()
		.transform((list) => list ?? []),
});
const listSchema = z.object({
	meta: z.object({ next_cursor: z.string().nullish() }).partial().optional(),
	results: z.array(workSchema),
});

type WorkList = z.infer<typeof listSchema>;

/** `https://openalex.org/W123` → `W123`. */
export const shortOpenAlexId = (id: string) => id.replace(/^https?:\/\/openalex\.org\//i, '');
const bareDoi = (doi: string) => stripDoiPrefix(doi).toLowerCase();
/** Characters that would end a filter value (`,` `|`) or the title search's words (`:`). */
const FILTER_SYNTAX = /[,|:]/g;

/** A client for OpenAlex's works: one request at a time, honouring Retry-After on 429. */
export function createOpenAlexCitations(options: OpenAlexCitationsOptions): OpenAlexCitations {
	const client: ServiceClient = createServiceClient({
		name: 'OpenAlex',
		userAgent: options.userAgent,
		urlSetting: 'OPENALEX_API_URL',
		// OpenAlex answers 403 to a client asking too fast, as well as to a refused key.
		alsoRetried: [403],
		...(options.sleep ? { sleep: options.sleep } : {}),
	});

	function address(path: string, params: Record<string, string>): string {
		const search = new URLSearchParams(params);
		if (options.mailto) search.set('mailto', options.mailto);
		if (options.apiKey) search.set('api_key', options.apiKey);
		return `${options.apiUrl}${path}?${search}`;
	}

	async function getJson<T>(url: string, schema: z.ZodType<T>, accept: readonly number[] = []): Promise<T | null> {
		const answer = await client.get(url, {}, accept);
		if (accept.includes(answer.status)) return null;
		let parsed: unknown;
		try {
			parsed = JSON.parse(answer.body);
		} catch {
			throw new LibraryError(answer.status, 'OpenAlex answered with something that is not JSON; check OPENALEX_API_URL.');
		}
		const result = schema.safeParse(parsed);
		if (!result.success) throw new LibraryError(answer.status, 'OpenAlex answered with JSON that is not a work or a list of works.');
		return result.data;
	}

	async function byDoi(doi: string): Promise<string | null> {
		const work = await getJson(address(`/works/doi:${encodeURIComponent(doi)}`, { select: 'id,doi' }), workSchema, [404]);
		return work ? shortOpenAlexId(work.id) : null;
	}

	async function byTitle(title: string): Promise<string | null> {
		const wanted = termsOf(title).join(' ');
		if (!wanted) return null;
		const query = title.replace(FILTER_SYNTAX, ' ').replace(/\s+/g, ' ').trim();
		const list = await getJson(
			address('/works', { filter: `title.search:${query}`, select: 'id,display_name', per_page: '25' }),
			listSchema,
		);
		const same = list?.results.find((work) => termsOf(work.display_name ?? work.title ?? '').join(' ') === wanted);
		return same ? shortOpenAlexId(same.id) : null;
	}

	return {
		async findWork(paper) {
			const doi = paper.doi ? bareDoi(paper.doi) : doiOfKey(paper.id);
			const byPublished = doi ? await byDoi(doi) : null;
			if (byPublished) return { openalexId: byPublished, foundBy: 'doi' };
			const byArxiv = isArxivKey(paper.id) ? await byDoi(`10.48550/arxiv.${paper.id.toLowerCase()}`) : null;
			if (byArxiv) return { openalexId: byArxiv, foundBy: 'arxiv_doi' };
			const titled = paper.title ? await byTitle(paper.title) : null;
			return titled ? { openalexId: titled, foundBy: 'title' } : null;
		},
		async citingWorks(workIds, since) {
			const works = new Map<string, CitingWork>();
			for (let start = 0; start < workIds.length; start += IDS_PER_REQUEST) {
				const asked = workIds.slice(start, start + IDS_PER_REQUEST);
				const filter = [`cites:${asked.join('|')}`, ...(since ? [`from_publication_date:${since}`] : [])].join(',');
				const wanted = new Set(asked);
				let cursor: string | null = '*';
				for (let page = 0; cursor && page < MOST_PAGES; page++) {
					const list: WorkList | null = await getJson(
						address('/works', { filter, select: CITING_FIELDS, per_page: String(PER_PAGE), cursor }),
						listSchema,
					);
					for (const work of list?.results ?? []) addWork(works, work, wanted);
					cursor = list?.results.length ? (list.meta?.next_cursor ?? null) : null;
				}
			}
			return [...works.values()];
		},
	};
}

/** Adds a listed work, or the lab papers it cites to the same work listed for other ids. */
function addWork(works: Map<string, CitingWork>, work: z.infer<typeof workSchema>, wanted: ReadonlySet<string>): void {
	const id = shortOpenAlexId(work.id);
	const cites = work.referenced_works.map(shortOpenAlexId).filter((cited) => wanted.has(cited));
	const known = works.get(id);
	if (known) {
		known.cites = [...new Set([...known.cites, ...cites])];
		return;
	}
	works.set(id, {
		id,
		title: work.display_name ?? work.title ?? null,
		authors: work.authorships.flatMap((authorship) => (authorship.author?.display_name ? [authorship.author.display_name] : [])),
		venue: work.primary_location?.source?.display_name ?? null,
		published: work.publication_date ?? null,
		doi: work.doi ? bareDoi(work.doi) : null,
		cites,
	});
}
