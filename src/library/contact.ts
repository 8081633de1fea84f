/**
 * The User-Agent paperbot sends to the library's services (Crossref, OpenAlex, Zotero): what is
 * asking, its version, and, when `CONTACT_EMAIL` is set, whom to write to, as Crossref's etiquette
 * asks (`Tool/1.0 (about; mailto:someone@example.org)`). It carries nothing secret.
 */
export function libraryUserAgent(version: string, contactEmail: string | undefined): string {
	const contact = contactEmail ? `; mailto:${contactEmail}` : '';
	return `paperbot/${version} (Discord bot serving a research lab's library${contact})`;
}
