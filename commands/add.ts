import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import packageJson from '../package.json' with { type: 'json' };
import { addPapers, arxivUserAgent } from '../src/arxiv/add-papers.js';
import { buildPaperCard, cardComponents } from '../src/cards/index.js';
import { ACTION_ROW, BUTTON, SECONDARY } from '../src/cards/paper-card.js';
import { encodeCustomId } from '../src/discord/custom-ids.js';
import type { Library } from '../src/search/library.js';
import { mayManageServer, publicReply, UserError } from './index.js';
import { spellingFor } from './spelling.js';
import type { CommandContext, CommandInput, Curation, Reply } from './index.js';

/** Discord allows five buttons in a row. */
const BUTTONS_PER_ROW = 5;

/**
 * Who may add papers from Discord: members with Manage Server, or with the curator role when one
 * is set. Outside a guild (no permissions known) nobody may.
 */
export function curatorPolicy(curatorRoleId: string | undefined): Curation['mayAdd'] {
	return ({ memberPermissions, memberRoles }) =>
		mayManageServer(memberPermissions) ||
		(curatorRoleId !== undefined && (memberRoles ?? []).includes(curatorRoleId));
}

/** What {@link openCuration} needs. */
export interface CurationOptions {
	/** `CORPUS_PATH`; adding needs it to be a folder paperbot may write to. */
	corpusPath: string;
	/** `ARXIV_API_URL`. */
	apiUrl: string;
	library: Pick<Library, 'current' | 'reload'>;
	/** Who may add: {@link curatorPolicy} on Discord, everyone at the console. */
	mayAdd: Curation['mayAdd'];
}

/**
 * Adding papers for a corpus folder, through the process-wide arXiv queue; undefined when the
 * corpus is a single file (the loader reads no `added.jsonl` beside it) or the folder is read-only.
 */
export async function openCuration({ corpusPath, apiUrl, library, mayAdd }: CurationOptions): Promise<Curation | undefined> {
	const folder = await stat(corpusPath).then((info) => (info.isDirectory() ? corpusPath : dirname(corpusPath)), () => null);
	if (!folder || !(await access(folder, constants.W_OK).then(() => true, () => false))) return undefined;
	const userAgent = arxivUserAgent(packageJson.version);
	return {
		mayAdd,
		addPapers: (texts, onProgress) => addPapers(texts, { corpusPath, library, arxiv: { apiUrl, userAgent, ...(onProgress ? { onProgress } : {}) } }),
	};
}

/** Who asks to add: their user id (named on the card) and their permissions and roles in the guild. */
export type Asker = { user: { id: string } } & Pick<CommandInput, 'memberPermissions' | 'memberRoles'>;

/** The curation in the context when the asker may use it, else null. */
function curationFor(input: Asker, context: CommandContext): Curation | null {
	return context.curation && context.curation.mayAdd(input) ? context.curation : null;
}

/**
 * Adds one paper by arXiv id or link and answers with its card for everyone, with Discuss. Every
 * failure (not allowed, a bad id, already in the corpus, anything arXiv answers instead of the
 * paper) is a UserError of one sentence naming the cause.
 */
export async function addPaperReply(text: string, input: Asker, context: CommandContext): Promise<Reply> {
	if (!context.curation) throw new UserError('Adding papers is not available here: paperbot may not write to the corpus folder.');
	const curation = curationFor(input, context);
	if (!curation) {
		throw new UserError('Sorry, only members with Manage Server or the curator role can add papers; ask one of them to add it.');
	}
	const { added, present, failed } = await curation.addPapers([text]);
	const paper = added[0];
	if (failed[0]) throw new UserError(failed[0].reason);
	if (!paper) throw new UserError(`arXiv:${present[0] ?? text} is already in the corpus: ${spellingFor(context).show(present[0] ?? text)} posts it.`);
	const reply = publicReply({
		content: `Added to the corpus by <@${input.user.id}>`,
		embeds: [buildPaperCard(paper)],
		components: [cardComponents(paper, { share: false, discuss: true })],
	});
	return { ...reply, privateNote: `Added arXiv:${paper.id} to the corpus; its card is posted in the channel.` };
}

/** "Add to corpus" buttons for ids not in the corpus, when the asker may add them; else no row. */
export function addButtonRows(ids: readonly string[], input: Asker, context: CommandContext): APIActionRowComponent<APIButtonComponent>[] {
	if (!ids.length || !curationFor(input, context)) return [];
	const buttons = ids.slice(0, BUTTONS_PER_ROW).map(
		(id): APIButtonComponent => ({ type: BUTTON, style: SECONDARY, label: `Add ${id} to corpus`, custom_id: encodeCustomId({ kind: 'add', id }) }),
	);
	return [{ type: ACTION_ROW, components: buttons }];
}
