/** A copy of `values` in a new array of the same kind, `length` long: for arrays grown by doubling. */
export function grown<T extends Int32Array | Uint32Array>(values: T, length: number): T {
	const larger = new (values.constructor as new (length: number) => T)(length);
	larger.set(values);
	return larger;
}
