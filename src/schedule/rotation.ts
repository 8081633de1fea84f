import { hashText, seededRandom } from './seeded-random.js';
import type { State } from '../store/state.js';

/** A Fisher–Yates shuffle of `items` driven by a generator seeded from `seedText`; `items` is not changed. */
export function seededShuffle<T>(items: readonly T[], seedText: string): T[] {
	const random = seededRandom(hashText(seedText));
	const shuffled = [...items];
	for (let i = shuffled.length - 1; i > 0; i -= 1) {
		const j = Math.floor(random() * (i + 1));
		[shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
	}
	return shuffled;
}

/** Puts each newcomer at a seeded random place in `remaining`, so added papers do not all wait for the cycle's end. */
function joinRemaining(remaining: string[], newcomers: string[], seedText: string): string[] {
	const joined = [...remaining];
	const random = seededRandom(hashText(seedText));
	for (const id of newcomers) joined.splice(Math.floor(random() * (joined.length + 1)), 0, id);
	return joined;
}

/** Starts a new cycle's order; the paper shown last never opens the next cycle when there is another. */
function newCycleOrder(guildId: string, cycle: number, ids: string[], lastShown: string | undefined): string[] {
	const order = seededShuffle([...ids].sort(), `${guildId}:${cycle}`);
	if (order.length > 1 && order[0] === lastShown) order.push(order.shift() as string);
	return order;
}

/**
 * The paper of the day for a guild on a local date (`YYYY-MM-DD`), chosen from `paperIds` (the
 * corpus now) and stored: once chosen, a date's paper never changes. The rotation shows every
 * paper once before any repeats, in a shuffled order seeded by guild and cycle; papers added
 * mid-cycle join the rest of the current cycle, removed ones are skipped. Null when the corpus is
 * empty and nothing was chosen for the date yet.
 */
export function paperOfTheDay(state: State, guildId: string, date: string, paperIds: readonly string[]): string | null {
	const { db } = state;
	return db
		.transaction((): string | null => {
			const chosen = db.prepare(`SELECT paper_id FROM potd_choice WHERE guild_id = ? AND local_date = ?`).get(guildId, date) as
				| { paper_id: string }
				| undefined;
			if (chosen) return chosen.paper_id;
			const current = new Set(paperIds);
			if (current.size === 0) return null;

			const saved = db.prepare(`SELECT cycle, paper_order FROM potd_cycle WHERE guild_id = ?`).get(guildId) as
				| { cycle: number; paper_order: string }
				| undefined;
			let cycle = saved?.cycle ?? 1;
			const order: string[] = saved ? (JSON.parse(saved.paper_order) as string[]) : newCycleOrder(guildId, 1, [...current], undefined);
			const shown = new Set(
				(db.prepare(`SELECT paper_id FROM potd_choice WHERE guild_id = ? AND cycle = ?`).all(guildId, cycle) as { paper_id: string }[]).map(
					(row) => row.paper_id,
				),
			);
			const known = new Set(order);
			const newcomers = [...current].filter((id) => !known.has(id)).sort();
			const remaining = joinRemaining(
				order.filter((id) => !shown.has(id)),
				newcomers,
				`${guildId}:${cycle}:${newcomers.join(',')}`,
			);
			let nextOrder = [...order.filter((id) => shown.has(id)), ...remaining];
			let candidates = remaining.filter((id) => current.has(id));

			if (candidates.length === 0) {
				const last = db.prepare(`SELECT paper_id FROM potd_choice WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1`).get(guildId) as
					| { paper_id: string }
					| undefined;
				cycle += 1;
				nextOrder = newCycleOrder(guildId, cycle, [...current], last?.paper_id);
				candidates = nextOrder;
			}
			const paperId = candidates[0] as string;
			db.prepare(
				`INSERT INTO potd_cycle (guild_id, cycle, paper_order) VALUES (?, ?, ?)
				 ON CONFLICT (guild_id) DO UPDATE SET cycle = excluded.cycle, paper_order = excluded.paper_order`,
			).run(guildId, cycle, JSON.stringify(nextOrder));
			db.prepare(`INSERT INTO potd_choice (guild_id, local_date, cycle, paper_id) VALUES (?, ?, ?, ?)`).run(guildId, date, cycle, paperId);
			return paperId;
		})
		.immediate();
}
