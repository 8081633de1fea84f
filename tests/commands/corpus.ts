import { loadCorpus } from '../../src/corpus/load.js';
import { buildSearchIndex } from '../../src/search/paper-index.js';
import type { CommandContext } from '../../commands/index.js';
import type { CommandInput } from '../../src/discord/command.js';

/** The shipped corpus, indexed, as every handler receives it. */
export async function shippedCorpusContext(random = () => 0.5): Promise<CommandContext> {
	const corpus = await loadCorpus('data');
	return { index: buildSearchIndex(corpus.papers), random };
}

/** An invocation by a lab member in a guild channel. */
export function invocation(subcommand: string | undefined, options: CommandInput['options'] = {}): CommandInput {
	return { subcommand, options, user: { id: '200000000000000001', name: 'Ada' }, guildId: '100000000000000001', channelId: '100000000000000002' };
}
