import { normalisePaperKey } from '../corpus/paper.js';

/** The papers named in a list of ids, and the words that name none. */
export interface ParsedIdList {
	/** Paper keys (versionless arXiv ids, `doi:` keys), in first-seen order, each once. */
	ids: string[];
	/** Words that are no arXiv id or link, DOI or paper key, as written. */
	invalid: string[];
}

/**
 * Reads a list of arXiv ids or links and DOIs, as given to `add --file ids.txt`: one per line or separated
 * by whitespace or commas; `#` starts a comment to the end of the line (a `#` inside a link such as
 * `https://arxiv.org/abs/2305.00054#abstract` does not).
 */
export function parseIdList(text: string): ParsedIdList {
	const ids = new Set<string>();
	const invalid: string[] = [];
	for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
		const content = line.replace(/(^|\s)#.*$/, '');
		for (const word of content.split(/[\s,]+/)) {
			if (!word) continue;
			const id = normalisePaperKey(word);
			if (id === null) invalid.push(word);
			else ids.add(id);
		}
	}
	return { ids: [...ids], invalid };
}
