import type { State } from './state.js';

/** When each paper was first seen, and how far each guild's digests have covered them. */
export interface DigestMarks {
	/**
	 * Records when each paper id was first seen; call it at every corpus load. The very first load
	 * ever counts as already announced, so installing paperbot never floods a channel. Returns the
	 * ids seen for the first time now.
	 */
	recordFirstSeen(paperIds: readonly string[], now: Date): string[];
	/** The time up to which a guild's digests have covered new papers, or null before its first digest. */
	watermark(guildId: string): Date | null;
	/** Marks a guild's digests as covering papers first seen up to `coveredUntil`; never moves back. */
	advance(guildId: string, coveredUntil: Date): void;
	/**
	 * Paper ids first seen after the guild's watermark and at or before `asOf`, oldest first; papers
	 * of the very first corpus load are never included.
	 */
	newPapers(guildId: string, asOf: Date): string[];
}

export function openDigestMarks({ db }: State): DigestMarks {
	const watermark = (guildId: string) => {
		const row = db.prepare(`SELECT covered_until FROM digest_watermark WHERE guild_id = ?`).get(guildId) as
			| { covered_until: string }
			| undefined;
		return row ? new Date(row.covered_until) : null;
	};
	return {
		recordFirstSeen: (paperIds, now) =>
			db
				.transaction(() => {
					const firstLoad = db.prepare(`SELECT value FROM paperbot_meta WHERE key = 'first_load_at'`).get() === undefined;
					if (firstLoad) db.prepare(`INSERT INTO paperbot_meta (key, value) VALUES ('first_load_at', ?)`).run(now.toISOString());
					const insert = db.prepare(
						`INSERT INTO paper_first_seen (paper_id, first_seen_at, in_first_load) VALUES (?, ?, ?) ON CONFLICT (paper_id) DO NOTHING`,
					);
					return [...new Set(paperIds)].filter((id) => insert.run(id, now.toISOString(), firstLoad ? 1 : 0).changes === 1);
				})
				.immediate(),
		watermark,
		advance(guildId, coveredUntil) {
			db.prepare(
				`INSERT INTO digest_watermark (guild_id, covered_until) VALUES (?, ?)
				 ON CONFLICT (guild_id) DO UPDATE SET covered_until = MAX(covered_until, excluded.covered_until)`,
			).run(guildId, coveredUntil.toISOString());
		},
		newPapers(guildId, asOf) {
			const after = watermark(guildId)?.toISOString() ?? '';
			const rows = db
				.prepare(
					`SELECT paper_id FROM paper_first_seen
					 WHERE in_first_load = 0 AND first_seen_at > ? AND first_seen_at <= ?
					 ORDER BY first_seen_at, paper_id`,
				)
				.all(after, asOf.toISOString()) as { paper_id: string }[];
			return rows.map((row) => row.paper_id);
		},
	};
}
