import { createHash } from 'node:crypto';

/** The longest paper key a button or an autocomplete choice carries as written; a longer one (a long DOI) is carried as its digest. */
export const CARRIED_KEY_MAX = 80;

/** A paper key as a button or a choice carries it: itself, or `#` and a digest of it that search's look-up knows. */
export function carriedPaperKey(key: string): string {
	if (key.length <= CARRIED_KEY_MAX) return key;
	return `#${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

/**
 * The `custom_id`s of paperbot's buttons and menus. Discord caps them at 100 characters; each
 * carries what its handler needs, so components keep working after a restart.
 */
export const CUSTOM_ID_MAX = 100;

/** A button or menu action and the argument it carries. */
export type ComponentAction =
	| { kind: 'page'; page: number; query: string }
	| { kind: 'open' }
	| { kind: 'share'; id: string }
	| { kind: 'discuss'; id: string }
	| { kind: 'add'; id: string }
	/** The arXiv feed post's menu: opens the chosen paper privately, whether or not it is in the corpus. */
	| { kind: 'feed' }
	/** Share for a feed paper's private card: posts its card in the channel, naming who shared it. */
	| { kind: 'feed-share'; id: string }
	/** Discuss for a feed paper's private card: posts its card with a thread. */
	| { kind: 'feed-discuss'; id: string }
	/** Not for us on a feed paper's private card: papers like it rank lower in later feeds; pressed again, undone. */
	| { kind: 'feed-dismiss'; id: string };

export function encodeCustomId(action: ComponentAction): string {
	switch (action.kind) {
		case 'page':
			return `page:${action.page}:${action.query}`;
		case 'open':
		case 'feed':
			return action.kind;
		case 'share':
		case 'discuss':
		case 'add':
		case 'feed-share':
		case 'feed-discuss':
		case 'feed-dismiss':
			return `${action.kind}:${carriedPaperKey(action.id)}`;
	}
}

/** Returns null for a custom id this version of paperbot did not make. */
export function decodeCustomId(customId: string): ComponentAction | null {
	const [kind, ...rest] = customId.split(':');
	const argument = rest.join(':');
	switch (kind) {
		case 'page': {
			const separator = argument.indexOf(':');
			const page = Number(argument.slice(0, separator));
			if (separator < 0 || !Number.isInteger(page) || page < 0) return null;
			return { kind, page, query: argument.slice(separator + 1) };
		}
		case 'open':
		case 'feed':
			return { kind };
		case 'share':
		case 'discuss':
		case 'add':
		case 'feed-share':
		case 'feed-discuss':
		case 'feed-dismiss':
			return argument ? { kind, id: argument } : null;
		default:
			return null;
	}
}
