import type { State } from './state.js';

/** How a lab paper was found in OpenAlex: by its DOI, by its arXiv DOI (`10.48550/arxiv.<id>`), or by its exact title. */
export type OpenAlexFoundBy = 'doi' | 'arxiv_doi' | 'title';

/** What OpenAlex said of a lab paper, asked once: its work id (`W…`), or null when it could not be found. */
export interface OpenAlexLookup {
	paperId: string;
	openalexId: string | null;
	foundBy: OpenAlexFoundBy | null;
	lookedAt: string;
}

/** The lab's hand marks on corpus papers (`/paperbot ours add|remove`) and what OpenAlex said of each lab paper. */
export interface LabStore {
	/** Keys marked ours by hand, and keys marked not ours (papers a lab author's name found that are someone else's). */
	marks(): { ours: Set<string>; notOurs: Set<string> };
	/** Marks a paper ours (`ours`) or not ours, replacing any earlier mark. */
	mark(paperId: string, mark: 'ours' | 'not_ours', now: Date): void;
	/** Removes a paper's mark; false when it had none. */
	unmark(paperId: string): boolean;
	/** What OpenAlex said of these papers when they were looked up, by key; a paper never looked up is absent. */
	lookups(paperIds: readonly string[]): Map<string, OpenAlexLookup>;
	/** Keeps what OpenAlex said of a paper, found or not, so it is asked once. */
	recordLookup(lookup: OpenAlexLookup): void;
}

interface LookupRow {
	paper_id: string;
	openalex_id: string | null;
	found_by: OpenAlexFoundBy | null;
	looked_at: string;
}

/** The lab's marks and OpenAlex look-ups kept in the state database. */
export function openLabStore({ db }: State): LabStore {
	return {
		marks() {
			const rows = db.prepare(`SELECT paper_id, mark FROM lab_paper_mark`).all() as { paper_id: string; mark: string }[];
			return {
				ours: new Set(rows.filter((row) => row.mark === 'ours').map((row) => row.paper_id)),
				notOurs: new Set(rows.filter((row) => row.mark === 'not_ours').map((row) => row.paper_id)),
			};
		},
		mark(paperId, mark, now) {
			db.prepare(
				`INSERT INTO lab_paper_mark (paper_id, mark, marked_at) VALUES (?, ?, ?)
				 ON CONFLICT (paper_id) DO UPDATE SET mark = excluded.mark, marked_at = excluded.marked_at`,
			).run(paperId, mark, now.toISOString());
		},
		unmark: (paperId) => db.prepare(`DELETE FROM lab_paper_mark WHERE paper_id = ?`).run(paperId).changes > 0,
		lookups(paperIds) {
			const select = db.prepare(`SELECT * FROM lab_paper_openalex WHERE paper_id = ?`);
			const found = new Map<string, OpenAlexLookup>();
			for (const id of paperIds) {
				const row = select.get(id) as LookupRow | undefined;
				if (row) found.set(id, { paperId: row.paper_id, openalexId: row.openalex_id, foundBy: row.found_by, lookedAt: row.looked_at });
			}
			return found;
		},
		recordLookup(lookup) {
			db.prepare(
				`INSERT INTO lab_paper_openalex (paper_id, openalex_id, found_by, looked_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (paper_id) DO UPDATE SET openalex_id = excluded.openalex_id, found_by = excluded.found_by, looked_at = excluded.looked_at`,
			).run(lookup.paperId, lookup.openalexId, lookup.foundBy, lookup.lookedAt);
		},
	};
}
