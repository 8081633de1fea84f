import { truncateAtWord } from '../cards/limits.js';
import { defuseMentions, markdownSafe } from '../cards/safe-text.js';
import { displayTitle } from '../cards/paper-card.js';
import type { Asker } from '../interaction/command.js';
import { privateText, UserError, type Reply } from '../interaction/reply.js';
import { type BibtexImport, type BibtexImporter, BibtexSourceError } from '../library/import-bibtex.js';

/** Lines of each kind a summary quotes before it counts the rest. */
const QUOTED = 5;
/** Discord's limit on a message's text. */
const CONTENT_MAX = 2000;

/**
 * `/paperbot import file:`: downloads the attached `.bib` (at the console, reads the path), imports
 * it, and answers privately with what was added, merged, imported before and could not be read
 * (`refs.bib:12: reason`). Members with Manage Server or the curator role may import.
 */
export async function importReply(source: string | undefined, asker: Asker, importer: BibtexImporter | undefined): Promise<Reply> {
	if (!importer) throw new UserError('Importing is not available here: paperbot may not write to the corpus folder.');
	if (!importer.mayImport(asker)) {
		throw new UserError(
			'Sorry, only members with Manage Server or the curator role can import papers; ask one of them to import the file.',
		);
	}
	if (!source) throw new UserError('Attach the .bib file to import: `/paperbot import file:`.');
	try {
		const { name, result } = await importer.importFile(source);
		return privateText(importSummary(name, result));
	} catch (error) {
		if (error instanceof BibtexSourceError) throw new UserError(error.message);
		throw error;
	}
}

/** What an import did, in words: counts, the first papers of each kind, and each entry that failed as `file:line: reason`. */
export function importSummary(name: string, { added, merged, present, failed }: BibtexImport): string {
	const file = markdownSafe(name);
	const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
	const lines = [
		`Imported **${file}**: ${count(added.length, 'paper')} added, ${count(merged.length, 'entry', 'entries')} merged with papers in the corpus, ${count(present.length, 'entry', 'entries')} imported before, ${count(failed.length, 'entry', 'entries')} not read.`,
	];
	const quote = <T>(items: readonly T[], heading: string, line: (item: T) => string) => {
		if (!items.length) return;
		lines.push('', heading, ...items.slice(0, QUOTED).map(line));
		if (items.length > QUOTED) lines.push(`…and ${(items.length - QUOTED).toLocaleString('en-US')} more`);
	};
	quote(added, 'Added:', (paper) => `- ${markdownSafe(truncateAtWord(displayTitle(paper), 120))}`);
	quote(merged, 'Merged:', ({ id, into }) => (id === into ? `- ${markdownSafe(id)}` : `- ${markdownSafe(id)} → ${markdownSafe(into)}`));
	if (failed.length) {
		const failures = failed.map(({ line, reason }) =>
			truncateAtWord(`${name}:${line}: ${reason}`.replace(/[\s\p{Cc}]+/gu, ' '), 200).replace(/`/g, "'"),
		);
		lines.push('', 'Not read:', `\`\`\`\n${defuseMentions(failures.slice(0, QUOTED).join('\n'))}\n\`\`\``);
		if (failed.length > QUOTED) lines.push(`…and ${(failed.length - QUOTED).toLocaleString('en-US')} more`);
	}
	return truncateAtWord(lines.join('\n'), CONTENT_MAX);
}
