import type { DoiLookup } from '../arxiv/add-papers.js';
import type { FetchedPapers, MissingPaper } from '../arxiv/client.js';
import type { ArxivErrorCode } from '../arxiv/error.js';
import { type Paper, paperSchema } from '../corpus/paper.js';
import { libraryUserAgent } from './contact.js';
import { type CrossrefWork, fetchCrossrefWork } from './crossref.js';
import { createServiceClient, LibraryError } from './http.js';
import { fetchOpenAlexAbstract } from './openalex.js';

/** Where the DOI services are, whom they may contact, and how paperbot waits for them. */
export interface DoiLookupOptions {
	/** paperbot's version, for the User-Agent. */
	version: string;
	/** `CONTACT_EMAIL`: `mailto=` and the User-Agent's contact; unset asks from the public pool. */
	contactEmail?: string | undefined;
	/** `CROSSREF_API_URL`. */
	crossrefUrl: string;
	/** `OPENALEX_API_URL`. */
	openAlexUrl: string;
	/** `OPENALEX_API_KEY`, sent as `api_key=`. */
	openAlexKey?: string | undefined;
	/** How to wait out a `Retry-After`; tests pass their own. Default a timer. */
	sleep?: (ms: number) => Promise<void>;
	/** How long one request may take, in milliseconds; the clients' default otherwise. */
	timeoutMs?: number;
}

/** The paper a Crossref work makes: keyed by its arXiv preprint's id when Crossref names one, else by its DOI. */
function paperOf(work: CrossrefWork, doi: string, abstract: string | null): Paper {
	return paperSchema.parse({
		id: work.arxivId ?? `doi:${doi}`,
		title: work.title,
		authors: work.authors,
		abstract,
		venue: work.venue,
		doi: work.doi,
		url: work.url,
		published: work.published,
		entry_type: work.entryType,
	});
}

/** The add's code for a service's failure: the status it answered, a timeout, or no answer at all. */
function codeOf(error: LibraryError): ArxivErrorCode {
	if (error.status === 404) return 'unknown-id';
	if (error.status === 200) return 'malformed-feed';
	if (error.status !== null) return 'http-status';
	return error.cause instanceof Error && error.cause.name === 'TimeoutError' ? 'timeout' : 'network';
}

/**
 * Looks papers up by DOI: each DOI's metadata from Crossref (title, authors, venue, date, URL,
 * type, a JATS abstract) and, when Crossref has no abstract, the abstract from OpenAlex; a work
 * neither has an abstract for is kept without one. Each service is asked one request at a time,
 * honouring its `Retry-After`. A DOI that fails is in `missing`, named `doi:<doi>`, with a sentence.
 */
export function createDoiLookup(options: DoiLookupOptions): DoiLookup {
	const common = {
		userAgent: libraryUserAgent(options.version, options.contactEmail),
		...(options.sleep ? { sleep: options.sleep } : {}),
		...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
	};
	const crossref = createServiceClient({ name: 'Crossref', urlSetting: 'CROSSREF_API_URL', ...common });
	const openAlex = createServiceClient({ name: 'OpenAlex', urlSetting: 'OPENALEX_API_URL', ...common });
	const crossrefOptions = { apiUrl: options.crossrefUrl, contactEmail: options.contactEmail };
	const openAlexOptions = { apiUrl: options.openAlexUrl, apiKey: options.openAlexKey, contactEmail: options.contactEmail };

	async function lookUp(doi: string): Promise<Paper | MissingPaper> {
		const id = `doi:${doi}`;
		try {
			const work = await fetchCrossrefWork(crossref, crossrefOptions, doi);
			const abstract = work.abstract ?? (await fetchOpenAlexAbstract(openAlex, openAlexOptions, doi));
			if (work.title === null && abstract === null) {
				return { id, code: 'incomplete-entry', reason: `Crossref's record of ${doi} has no title, and no abstract is known.` };
			}
			return paperOf(work, doi, abstract);
		} catch (error) {
			if (!(error instanceof LibraryError)) throw error;
			return { id, code: codeOf(error), reason: error.message };
		}
	}

	return async (dois, onProgress) => {
		const result: FetchedPapers = { papers: [], missing: [] };
		for (const [done, doi] of dois.entries()) {
			const found = await lookUp(doi);
			if ('code' in found) result.missing.push(found);
			else result.papers.push(found);
			onProgress?.(done + 1, dois.length);
		}
		return result;
	};
}
