import type { ArxivVersion } from '../arxiv/versions.js';
import type { Paper } from '../corpus/paper.js';
import type { PaperChange, SeenVersion } from '../store/corpus-changes.js';

/** What changed in a paper, as it is recorded: the new value of each field that changed. */
export type FoundChange = Omit<PaperChange, 'change_id' | 'found_at'>;

/** A metadata overlay for `changes.jsonl`: the arXiv record's newer fields, by id. */
export type ChangeOverlay = {
	id: string;
	version?: number;
	journal_ref?: string;
	doi?: string;
	comment?: string;
};

const WITHDRAWN_COMMENT = /withdrawn/i;

const gained = (found: string | null, before: string | null | undefined, record: string | null) =>
	found !== null && found !== before && found !== record ? found : null;

/**
 * The change arXiv's record makes to a corpus paper, or null. Compared with what paperbot last saw
 * of it on arXiv; a paper seen for the first time is only a change by a version newer than the
 * corpus record's, by a withdrawal, or, when the day's announcement lists it as replaced, by its
 * new version, journal reference and DOI. Otherwise the first sight is taken as it is, so a first
 * check of a large corpus posts nothing about papers published long ago.
 */
export function findChange(paper: Paper, seen: SeenVersion | null, found: ArxivVersion, replaced: boolean): FoundChange | null {
	const before = seen?.version ?? paper.version;
	const newVersion = found.version !== null && (before === null ? replaced : found.version > before) ? found.version : null;
	const compareFields = seen !== null || replaced;
	const journal = compareFields ? gained(found.journal_ref, seen?.journal_ref, paper.journal_ref) : null;
	const doi = compareFields ? gained(found.doi?.toLowerCase() ?? null, seen?.doi?.toLowerCase(), paper.doi?.toLowerCase() ?? null) : null;
	const withdrawn = found.withdrawn && !seen?.withdrawn && !WITHDRAWN_COMMENT.test(paper.comment ?? '');
	if (newVersion === null && journal === null && doi === null && !withdrawn) return null;
	return {
		paper_id: paper.id,
		title: paper.title ?? found.title,
		version: newVersion,
		journal_ref: journal,
		doi: doi === null ? null : found.doi,
		withdrawn,
	};
}

/** What paperbot keeps of arXiv's record after a look: the baseline the next look compares with. */
export function seenOf(found: ArxivVersion, seen: SeenVersion | null): SeenVersion {
	return {
		paper_id: found.id,
		version: found.version ?? seen?.version ?? null,
		journal_ref: found.journal_ref ?? seen?.journal_ref ?? null,
		doi: found.doi ?? seen?.doi ?? null,
		withdrawn: found.withdrawn,
	};
}

/** The overlay bringing the paper's record up to arXiv's, or null when it says nothing the record does not. */
export function overlayOf(paper: Paper, found: ArxivVersion): ChangeOverlay | null {
	const overlay: ChangeOverlay = { id: paper.id };
	if (found.version !== null && found.version > (paper.version ?? 0)) overlay.version = found.version;
	if (found.journal_ref && found.journal_ref !== paper.journal_ref) overlay.journal_ref = found.journal_ref;
	if (found.doi && found.doi.toLowerCase() !== paper.doi?.toLowerCase()) overlay.doi = found.doi;
	if (found.withdrawn && found.comment && found.comment !== paper.comment) overlay.comment = found.comment;
	return Object.keys(overlay).length > 1 ? overlay : null;
}

/** The words of one change: `v3 — now *J. Mach. Learn. Res. 24*`, `withdrawn by its authors`. */
export function changeWords(
	change: Pick<FoundChange, 'version' | 'journal_ref' | 'doi' | 'withdrawn'>,
	quote: (text: string) => string,
	emphasise: (text: string) => string = (text) => `*${text}*`,
): string {
	return [
		change.withdrawn ? 'withdrawn by its authors' : null,
		change.version !== null ? `v${change.version}` : null,
		change.journal_ref !== null ? `now ${emphasise(quote(change.journal_ref))}` : null,
		change.doi !== null ? `published as doi:${quote(change.doi)}` : null,
	]
		.filter((part): part is string => part !== null)
		.join(' — ');
}
