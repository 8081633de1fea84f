import type { AddedPapers } from '../../src/arxiv/add-papers.js';
import type { Curation } from '../../src/arxiv/curation.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { curatorPolicy } from '../../src/interaction/permissions.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import type { CommandContext } from '../../commands/index.js';
import type { CommandInput } from '../../src/interaction/command.js';

/** The shipped corpus, indexed, as every handler receives it. */
export async function shippedCorpusContext(random = () => 0.5): Promise<CommandContext> {
	const corpus = await loadCorpus('data');
	return { index: buildSearchIndex(corpus.papers), random };
}

/** An invocation by a lab member in a guild channel. */
export function invocation(subcommand: string | undefined, options: CommandInput['options'] = {}): CommandInput {
	return {
		subcommand,
		options,
		user: { id: '200000000000000001', name: 'Ada' },
		guildId: '100000000000000001',
		channelId: '100000000000000002',
	};
}

/** The curator role the test curations accept, beside Manage Server. */
export const CURATOR_ROLE = '300000000000000003';

/** A curation that answers every add with `result`, recording what it was asked. */
export function curationAnswering(result: AddedPapers): Curation & { asked: string[][] } {
	const asked: string[][] = [];
	return {
		asked,
		mayAdd: curatorPolicy(CURATOR_ROLE),
		addPapers: async (texts) => {
			asked.push([...texts]);
			return result;
		},
	};
}

/** A member with Manage Server, and one with no rights at all. */
export const curator = { ...invocation('add'), memberPermissions: 0x20n };
export const member = { ...invocation('add'), memberPermissions: 0n, memberRoles: [] };
