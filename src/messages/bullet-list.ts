/** Discord's limit on a message's text. */
const CONTENT_LIMIT = 2000;
/** A listed item is never cut shorter than this; past it, fewer items are listed. */
const MIN_ITEM_LENGTH = 24;

/**
 * `heading`, then one `• item` line each (as `format` shows it, e.g. in a code span), within
 * Discord's 2,000 characters however long the list: when the whole list does not fit, every item
 * is shortened alike (ending in "…"), and when even that is not enough the last line says how
 * many more there are.
 */
export function bulletList(
	heading: string,
	items: readonly string[],
	format: (item: string) => string = (item) => item,
	limit = CONTENT_LIMIT,
): string {
	const line = (item: string) => `• ${format(item)}`;
	const whole = [heading, ...items.map(line)].join('\n');
	if (whole.length <= limit) return whole;
	// Each line costs a newline, the bullet and what `format` adds around the item.
	const overhead = 1 + line('').length;
	for (let shown = items.length; shown > 0; shown -= 1) {
		const more = shown < items.length ? `\n…and ${items.length - shown} more` : '';
		const room = Math.floor((limit - heading.length - more.length) / shown) - overhead;
		if (room >= MIN_ITEM_LENGTH) {
			const lines = items.slice(0, shown).map((item) => line(item.length > room ? `${item.slice(0, room - 1)}…` : item));
			return `${[heading, ...lines].join('\n')}${more}`;
		}
	}
	return `${heading.slice(0, limit - 30)}\n…and ${items.length} more`;
}
