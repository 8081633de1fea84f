/** The first index in [0, length) for which `isBefore` is false; it must be true, then false. */
export function lowerBound(length: number, isBefore: (index: number) => boolean): number {
	let low = 0;
	let high = length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (isBefore(mid)) low = mid + 1;
		else high = mid;
	}
	return low;
}

/**
 * Turns counts into start offsets in place: `counts[i + 1]` holding the size of group i becomes
 * where group i + 1 starts (a prefix sum), so group i spans `[offsets[i], offsets[i + 1])`.
 */
export function countsToOffsets(counts: Uint32Array): Uint32Array {
	for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
	return counts;
}
