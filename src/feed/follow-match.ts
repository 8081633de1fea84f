import type { Paper } from '../corpus/paper.js';
import { termsOf } from '../search/text.js';
import type { Follow } from '../store/follows.js';

/** Whether one given name may be the other: the same word, or a single letter that is the other's first. */
export const givenNamesAgree = (a: string, b: string) =>
	a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/**
 * Whether an author's folded name is the followed folded name: the same surname (last word), the
 * same first given name or its initial, and any further given names that both write agreeing
 * the same way (`y zeng` is `yi zeng`; `geoffrey hinton` is `geoffrey e hinton`; `yi zeng` is not `yu zeng`).
 */
export function nameMatches(followed: readonly string[], author: readonly string[]): boolean {
	if (followed.length < 2 || author.length < 2 || followed.at(-1) !== author.at(-1)) return false;
	const a = followed.slice(0, -1);
	const b = author.slice(0, -1);
	if (!givenNamesAgree(a[0]!, b[0]!)) return false;
	if (a.length !== b.length) return true;
	return a.every((word, index) => givenNamesAgree(word, b[index]!));
}

/** The follows whose name is one of the paper's authors. */
export function followsOf(paper: Paper, follows: readonly Follow[]): Follow[] {
	const authors = (paper.authors ?? []).map((name) => termsOf(name));
	return follows.filter((follow) => {
		const followed = follow.folded.split(' ');
		return authors.some((author) => nameMatches(followed, author));
	});
}

/** Paper id → the members following one of its authors, for the papers that have any. */
export function followerMentions(papers: readonly Paper[], follows: readonly Follow[]): Record<string, string[]> {
	const mentions: Record<string, string[]> = {};
	if (follows.length === 0) return mentions;
	for (const paper of papers) {
		const users = [...new Set(followsOf(paper, follows).map((follow) => follow.user_id))];
		if (users.length > 0) mentions[paper.id] = users;
	}
	return mentions;
}
