/** Relevance judgements of one query: document id → grade (> 0 is relevant). */
export type Judgements = ReadonlyMap<string, number>;

/**
 * nDCG at `depth` as trec_eval and BEIR compute it: linear gain (the grade), log2 discount, the
 * ideal ranking made from every judged relevant document.
 */
export function ndcgAt(ranked: readonly string[], judged: Judgements, depth: number): number {
	let dcg = 0;
	for (const [rank, id] of ranked.slice(0, depth).entries()) dcg += Math.max(0, judged.get(id) ?? 0) / Math.log2(rank + 2);
	const ideal = [...judged.values()].filter((grade) => grade > 0).sort((a, b) => b - a);
	let idcg = 0;
	for (const [rank, grade] of ideal.slice(0, depth).entries()) idcg += grade / Math.log2(rank + 2);
	return idcg === 0 ? 0 : dcg / idcg;
}

/** Share of the relevant documents found in the first `depth`. */
export function recallAt(ranked: readonly string[], judged: Judgements, depth: number): number {
	const relevant = [...judged.values()].filter((grade) => grade > 0).length;
	if (relevant === 0) return 0;
	return ranked.slice(0, depth).filter((id) => (judged.get(id) ?? 0) > 0).length / relevant;
}

/** 1 / rank of the first relevant document within `depth`, else 0. */
export function reciprocalRankAt(ranked: readonly string[], judged: Judgements, depth: number): number {
	const rank = ranked.slice(0, depth).findIndex((id) => (judged.get(id) ?? 0) > 0);
	return rank < 0 ? 0 : 1 / (rank + 1);
}

/** The value at `fraction` (0.5 = median) of `values`, nearest rank. */
export function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

export const mean = (values: readonly number[]) => (values.length ? values.reduce((total, value) => total + value, 0) / values.length : 0);
