const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the XML and HTML character references a service's metadata carries (`&amp;`, `&#x2013;`, `&nbsp;`). */
function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
			return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/** The text of a run of inline markup (`<i>`, `<jats:italic>`, `<sub>`, MathML), tags dropped, spaces collapsed; null when empty. */
export function markupToText(markup: string): string | null {
	const text = decodeEntities(markup.replace(/<[^>]*>/g, ''))
		.replace(/\s+/g, ' ')
		.trim();
	return text === '' ? null : text;
}

/**
 * The plain paragraphs of a JATS abstract, as Crossref gives it
 * (`<jats:title>Abstract</jats:title><jats:p>…</jats:p>`), separated by blank lines; section
 * titles are dropped. An abstract written without paragraph tags is one paragraph. Null when no
 * text is left.
 */
export function jatsToParagraphs(jats: string): string | null {
	const withoutTitles = jats.replace(/<(jats:)?title\b[^>]*>[\s\S]*?<\/(jats:)?title>/gi, ' ');
	const paragraphs = [...withoutTitles.matchAll(/<(?:jats:)?p\b[^>]*>([\s\S]*?)<\/(?:jats:)?p>/gi)].map((match) => match[1]!);
	const texts = (paragraphs.length > 0 ? paragraphs : [withoutTitles]).flatMap((paragraph) => markupToText(paragraph) ?? []);
	return texts.length > 0 ? texts.join('\n\n') : null;
}
