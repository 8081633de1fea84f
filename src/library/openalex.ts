import { z } from 'zod';
import { LibraryError, parseJsonBody, type ServiceClient } from './http.js';

/** Where OpenAlex is and how to ask it. */
export interface OpenAlexOptions {
	/** `OPENALEX_API_URL`, e.g. `https://api.openalex.org`. */
	apiUrl: string;
	/** `OPENALEX_API_KEY`, sent as `api_key=`; a secret, so it never appears in a message. */
	apiKey?: string | undefined;
	/** `CONTACT_EMAIL`, sent as `mailto=`. */
	contactEmail?: string | undefined;
}

const workSchema = z.object({
	abstract_inverted_index: z.record(z.string(), z.array(z.number().int().nonnegative())).nullish(),
});

/**
 * The text of an abstract OpenAlex gives as an inverted index (`{"word": [positions]}`): each word
 * put back at its positions, in order. Null when the index is empty.
 */
export function rebuildAbstract(invertedIndex: Record<string, readonly number[]>): string | null {
	const words: string[] = [];
	for (const [word, positions] of Object.entries(invertedIndex)) for (const position of positions) words[position] = word;
	const text = words
		.filter((word) => word !== undefined)
		.join(' ')
		.trim();
	return text === '' ? null : text;
}

/** `/works/doi:10.1038/nature14539`, each part of the DOI escaped but its slashes kept, as OpenAlex reads them. */
function workUrl(options: OpenAlexOptions, doi: string): string {
	const query = new URLSearchParams();
	if (options.apiKey) query.set('api_key', options.apiKey);
	if (options.contactEmail) query.set('mailto', options.contactEmail);
	const search = query.size > 0 ? `?${query}` : '';
	return `${options.apiUrl}/works/doi:${doi.split('/').map(encodeURIComponent).join('/')}${search}`;
}

/**
 * Asks OpenAlex for the abstract of the work a DOI names: its text, or null when OpenAlex does not
 * know the work (404) or has no abstract for it. Any other failure is the client's LibraryError
 * naming OpenAlex (never the key).
 */
export async function fetchOpenAlexAbstract(client: ServiceClient, options: OpenAlexOptions, doi: string): Promise<string | null> {
	const answer = await client.get(workUrl(options, doi), {}, [404]);
	if (answer.status === 404) return null;
	const parsed = workSchema.safeParse(parseJsonBody(answer.body));
	if (!parsed.success) throw new LibraryError(200, `OpenAlex's answer for ${doi} is not a work record, so nothing was added.`);
	const index = parsed.data.abstract_inverted_index;
	return index ? rebuildAbstract(index) : null;
}
