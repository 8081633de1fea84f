/** The filters a search can carry, typed in the query (`author:"Yi Zeng" year:2023`) or as options. */
export interface Filters {
	/** Words of one author's name, e.g. `Yi Zeng` or `zeng`; every word must be in the same name. */
	author: string | null;
	/** First publication year included, or null for no lower bound. */
	yearFrom: number | null;
	/** Last publication year included, or null for no upper bound. */
	yearTo: number | null;
	/** A category prefix: `cs.LG` matches cs.LG, `cs` matches every cs.* category. */
	category: string | null;
	/** Text the venue, journal reference or comment contains, e.g. `ICLR`. */
	venue: string | null;
}

/** A query split into its free text and its filters. */
export interface ParsedQuery {
	text: string;
	filters: Filters;
	/** Filters as typed that do not read as one, e.g. `year:abc` or `author:` with no name; left out of the text. */
	malformed: string[];
}

/** The forms each filter takes, for a message about one that does not read. */
export const FILTER_FORMS: Readonly<Record<string, string>> = {
	author: 'author:Zeng or author:"Yi Zeng"',
	year: 'year:2023, year:2022..2023, year:2022.. or year:..2021',
	cat: 'cat:cs.LG or cat:cs',
	category: 'category:cs.LG or category:cs',
	venue: 'venue:ICLR or venue:"Neural Computation"',
};

/** No filter at all. */
export const NO_FILTERS: Readonly<Filters> = Object.freeze({
	author: null,
	yearFrom: null,
	yearTo: null,
	category: null,
	venue: null,
});

/** A quoted value left open runs to the end of the query, as the one typing it meant. */
const FILTER = /(?<![^\s])(author|year|cat|category|venue):(?:"([^"]*)(?:"|$)|(\S*))/gi;
const YEAR_RANGE = /^(\d{4})?(?:(\.\.)(\d{4})?)?$/;

/**
 * Splits a query into free text and filters: `author:name` or `author:"Full Name"`, `year:2023`,
 * `year:2022..2023` (`2022..` and `..2023` leave one end open; `2023..2022` reads as
 * `2022..2023`), `cat:cs.LG` (or `category:`), `venue:ICLR`. Keys are case-insensitive; a later
 * filter of the same key wins. Anything else — including `arXiv:2305.00054` and URLs — stays in
 * the text. A filter that does not read (`year:abc`, `author:` with nothing after it) is listed in
 * `malformed` rather than searched for as words.
 */
export function parseQuery(text: string): ParsedQuery {
	const filters: Filters = { ...NO_FILTERS };
	const malformed: string[] = [];
	const rest = text.replace(FILTER, (whole, key: string, quoted: string | undefined, bare: string | undefined) => {
		const value = (quoted ?? bare ?? '').trim();
		if (!value) {
			malformed.push(whole.trim());
			return ' ';
		}
		switch (key.toLowerCase()) {
			case 'author':
				filters.author = value;
				return ' ';
			case 'cat':
			case 'category':
				filters.category = value;
				return ' ';
			case 'venue':
				filters.venue = value;
				return ' ';
			default: {
				const range = YEAR_RANGE.exec(value);
				if (!range || (!range[1] && !range[3])) {
					malformed.push(whole.trim());
					return ' ';
				}
				const from = range[1] ? Number(range[1]) : null;
				const to = range[2] ? (range[3] ? Number(range[3]) : null) : from;
				[filters.yearFrom, filters.yearTo] = from !== null && to !== null && from > to ? [to, from] : [from, to];
				return ' ';
			}
		}
	});
	return { text: rest.replace(/\s+/g, ' ').trim(), filters, malformed };
}

/**
 * What is wrong with a query's filters, naming each that does not read with its expected forms,
 * e.g. `“year:abc” is not a filter paperbot can read: write year:2023, …`; null when all read.
 */
export function malformedFilterProblem(query: string): string | null {
	const { malformed } = parseQuery(query);
	if (!malformed.length) return null;
	const forms = malformed.map(
		(typed) => `“${typed}” is not a filter paperbot can read: write ${FILTER_FORMS[typed.split(':')[0]!.toLowerCase()]}`,
	);
	return `${forms.join('; ')}.`;
}

/** True when at least one filter is set. */
export function hasFilters(filters: Filters): boolean {
	return Object.values(filters).some((value) => value !== null);
}
