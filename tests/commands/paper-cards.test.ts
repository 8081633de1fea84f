import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import paperCardsCommand from '../../commands/paper-cards.js';
import { answer } from '../../src/interaction/answer.js';
import { EPHEMERAL_FLAG, type Reply } from '../../src/interaction/reply.js';
import { curationAnswering, curator, invocation, member, shippedCorpusContext } from './corpus.js';

const paperCards: AnyCommand = paperCardsCommand;
const run = (reply: () => Reply | Promise<Reply>) =>
	answer(reply, (error) => {
		throw error;
	});
const onMessage = (text: string, asker = invocation(undefined)) => ({ ...asker, subcommand: undefined, options: { message: text } });
const customIds = (reply: Reply) => JSON.stringify(reply.message.components).match(/"custom_id":"[^"]+"/g) ?? [];

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

describe('Paper cards', () => {
	it('is a message command', () => {
		expect(paperCardsCommand.data).toEqual({ name: 'Paper cards', type: 3 });
	});

	it('answers a message linking one paper of the corpus with its card, privately, with Share', async () => {
		const reply = await run(() =>
			paperCards.execute(onMessage('Worth a read: https://arxiv.org/abs/2305.00054v2 (the LAVA one)'), shipped),
		);
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.content).toBeUndefined();
		expect(reply.message.embeds.map((embed) => embed.url)).toEqual(['https://arxiv.org/abs/2305.00054']);
		expect(customIds(reply)).toContain('"custom_id":"share:2305.00054"');
	});

	it('lists several linked papers in the order the message gives them', async () => {
		const reply = await run(() => paperCards.execute(onMessage('arXiv:2305.10246 and then arxiv.org/abs/2305.00054'), shipped));
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		const listed = JSON.stringify(reply.message.embeds);
		expect(listed.indexOf('2305.10246')).toBeGreaterThan(-1);
		expect(listed.indexOf('2305.10246')).toBeLessThan(listed.indexOf('2305.00054'));
	});

	it('names the linked papers the corpus lacks beside the ones it has, offering no Add button to a member who may not add', async () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const reply = await run(() => paperCards.execute(onMessage('arXiv:2305.00054 and arXiv:2401.00001', member), context));
		expect(reply.message.content).toBe('Not in the corpus: arXiv:2401.00001');
		expect(reply.message.embeds.map((embed) => embed.url)).toEqual(['https://arxiv.org/abs/2305.00054']);
		expect(customIds(reply).some((id) => id.includes('add:'))).toBe(false);
	});

	it('answers a message naming only unknown papers with Add buttons instead of an error, for a curator', async () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const reply = await run(() => paperCards.execute(onMessage('see arXiv:2401.00001', curator), context));
		expect(reply.isError).toBeUndefined();
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.content).toBe('Not in the corpus: arXiv:2401.00001.');
		expect(customIds(reply)).toEqual(['"custom_id":"add:2401.00001"']);
	});

	it('finds DOIs and doi.org links too, and offers a curator to add those the corpus lacks', async () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const reply = await run(() =>
			paperCards.execute(onMessage('Published as https://doi.org/10.3389/fncom.2015.00099, preprint arXiv:2305.00054', curator), context),
		);
		expect(reply.message.content).toBe('Not in the corpus: doi:10.3389/fncom.2015.00099');
		expect(reply.message.embeds.map((embed) => embed.url)).toEqual(['https://arxiv.org/abs/2305.00054']);
		expect(customIds(reply)).toContain('"custom_id":"add:doi:10.3389/fncom.2015.00099"');
		expect(JSON.stringify(reply.message.components)).toContain('"label":"Add doi:10.3389/fncom.2015.00099 to corpus"');
	});

	it('says plainly when nothing in the message is in the corpus and adding is not possible, or nothing is an arXiv link', async () => {
		expect(await run(() => paperCards.execute(onMessage('see arXiv:2401.00001', curator), shipped))).toMatchObject({
			isError: true,
			message: { content: 'Not in the corpus: arXiv:2401.00001.' },
		});
		expect(await run(() => paperCards.execute(onMessage('lunch at noon? @everyone'), shipped))).toMatchObject({
			isError: true,
			message: { content: 'That message has no arXiv id, DOI or link in it.' },
		});
	});
});
