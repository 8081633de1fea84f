import { normaliseArxivId } from '../corpus/paper.js';

/** The ids found in a list of arXiv ids, and the words that were not ids. */
export interface ParsedIdList {
	/** Versionless ids, in first-seen order, each once. */
	ids: string[];
	/** Words that are neither an arXiv id nor an arXiv link, as written. */
	invalid: string[];
}

/**
 * Reads a list of arXiv ids or links, as given to `add --file ids.txt`: one per line or separated
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
			const id = normaliseArxivId(word);
			if (id === null) invalid.push(word);
			else ids.add(id);
		}
	}
	return { ids: [...ids], invalid };
}
