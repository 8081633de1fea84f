import { findLabPapers, type LabPaper } from '../feed/lab-papers.js';
import { getPaper } from '../search/paper-index.js';
import type { Library } from '../search/library.js';
import type { Paper } from '../corpus/paper.js';
import { openLabStore, type LabStore } from '../store/lab-marks.js';
import type { State } from '../store/state.js';

/** What marking a paper did: it became (or stopped being) one of the lab's, or it already was (or was not). */
export type LabMarkOutcome = { paper: Paper; changed: boolean };

/** The lab's own papers: `LAB_AUTHORS` and the hand marks of `/paperbot ours add|remove`, over the corpus in service. */
export interface LabDesk {
	/** `LAB_AUTHORS`, as configured. */
	readonly authors: readonly string[];
	readonly store: LabStore;
	/** The corpus papers the lab wrote, newest first, each with why. */
	papers(): LabPaper[];
	/** Marks a corpus paper as the lab's; null when the corpus has no such paper. */
	add(id: string): LabMarkOutcome | null;
	/** Marks a corpus paper as not the lab's (a name shared with someone else); null when the corpus has no such paper. */
	remove(id: string): LabMarkOutcome | null;
}

export interface LabDeskOptions {
	state: State;
	library: Pick<Library, 'current'>;
	/** `LAB_AUTHORS`. */
	authors: readonly string[];
	now?: () => Date;
}

/**
 * A lab desk that opens the state database on first use, so the console touches the state file
 * only when `/paperbot ours` is asked. `close` closes it if it was opened.
 */
export function lazyLabDesk(authors: readonly string[], open: () => { desk: LabDesk; close(): void }): LabDesk & { close(): void } {
	let opened: { desk: LabDesk; close(): void } | null = null;
	const desk = () => (opened ??= open()).desk;
	return {
		authors,
		get store() {
			return desk().store;
		},
		papers: () => desk().papers(),
		add: (id) => desk().add(id),
		remove: (id) => desk().remove(id),
		close: () => opened?.close(),
	};
}

/** The lab desk over the state database and the library. */
export function openLabDesk({ state, library, authors, now = () => new Date() }: LabDeskOptions): LabDesk {
	const store = openLabStore(state);
	const papers = () => findLabPapers(library.current(), authors, store.marks());
	const isOurs = (key: string) => papers().some((lab) => lab.paper.id === key);
	return {
		authors,
		store,
		papers,
		add(id) {
			const paper = getPaper(library.current(), id);
			if (!paper) return null;
			const was = isOurs(paper.id);
			store.mark(paper.id, 'ours', now());
			return { paper, changed: !was };
		},
		remove(id) {
			const paper = getPaper(library.current(), id);
			if (!paper) return null;
			const was = isOurs(paper.id);
			// A paper a lab author's name found stays out only with a mark; one marked by hand just loses its mark.
			store.unmark(paper.id);
			if (isOurs(paper.id)) store.mark(paper.id, 'not_ours', now());
			return { paper, changed: was };
		},
	};
}
