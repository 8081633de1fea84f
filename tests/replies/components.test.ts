import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/index.js';
import { FAULT_MESSAGE } from '../../src/interaction/answer.js';
import { answerComponent, componentDeferred } from '../../src/replies/components.js';
import { decodeCustomId } from '../../src/interaction/custom-ids.js';
import { keyForQuery } from '../../src/interaction/query-keys.js';
import type { Asker } from '../../src/interaction/command.js';
import { EPHEMERAL_FLAG } from '../../src/interaction/reply.js';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { curationAnswering, curator, member, shippedCorpusContext } from '../commands/corpus.js';

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

const faults: unknown[] = [];
/** Clicks the component with this custom id, as `asker`, choosing `values` in a menu. */
const click = (customId: string, asker: Asker = member, values: string[] = [], context = shipped) =>
	answerComponent(decodeCustomId(customId), values, context, asker, (error) => faults.push(error));

describe('componentDeferred', () => {
	it('defers only adding, which waits for arXiv', () => {
		expect(componentDeferred(decodeCustomId('add:2305.00054'))).toBe(true);
		for (const customId of ['page:1:spiking', 'open', 'share:2305.00054', 'discuss:2305.00054', 'nonsense'])
			expect(componentDeferred(decodeCustomId(customId))).toBe(false);
	});
});

describe('answerComponent', () => {
	it('turns to the asked page of the query in place', async () => {
		const { reply, update } = await click('page:1:spiking');
		expect(update).toBe(true);
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.embeds.at(-1)?.footer?.text).toMatch(/^Page 2 of \d+/);
	});

	it('pages a long query through its key while it is remembered, and says when it has expired', async () => {
		const longQuery = Array(12).fill('spiking').join(' ');
		expect((await click(`page:0:${keyForQuery(longQuery)}`)).reply.message.embeds.at(-1)?.footer?.text).toMatch(/^Page 1 of/);
		const expired = await click('page:1:#AAAAAAAAAAAAAAAA');
		expect(expired).toMatchObject({
			update: true,
			reply: { isError: true, message: { content: 'These results have expired: run /paper search again.' } },
		});
	});

	it('opens the paper chosen in the menu as a private card', async () => {
		const { reply, update } = await click('open', member, ['2305.00054']);
		expect(update).toBe(false);
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.embeds[0]?.url).toBe('https://arxiv.org/abs/2305.00054');
	});

	it('shares a card for everyone, naming who shared it without pinging them', async () => {
		const { reply } = await click('share:2305.00054');
		expect(reply.message.flags).toBeUndefined();
		expect(reply.message.content).toBe(`Shared by <@${member.user.id}>`);
		expect(reply.message.allowed_mentions).toEqual({ parse: [] });
		expect(JSON.stringify(reply.message.components)).toContain('"discuss:2305.00054"');
		// One post per paper and server: the bot points a second press to this one.
		expect(reply.paperPost).toBe('2305.00054');
	});

	it('shares a feed paper outside the corpus for everyone without pinging, and teaches the feed it is the lab’s own', async () => {
		const feedPaper = paperSchema.parse({ id: '2603.00001', title: 'Spiking Feed Paper', authors: ['A. Author'], abstract: 'Spikes.' });
		const taught: [string, string][] = [];
		const context = {
			...shipped,
			feedPaper: (id: string) => (id === feedPaper.id ? feedPaper : null),
			teachFeed: (guildId: string, paper: Paper) => void taught.push([guildId, paper.id]),
		};
		const { reply, update } = await click('feed-share:2603.00001', member, [], context);
		expect(update).toBe(false);
		expect(reply.message.flags).toBeUndefined();
		expect(reply.message.content).toBe(`Shared by <@${member.user.id}>`);
		expect(reply.message.allowed_mentions).toEqual({ parse: [] });
		expect(reply.message.embeds[0]?.title).toBe('Spiking Feed Paper');
		expect(reply.thread).toBeUndefined();
		expect(JSON.stringify(reply.message.components)).toContain('"discuss:2603.00001"');
		expect(taught).toEqual([[member.guildId, '2603.00001']]);
		expect(reply.paperPost).toBe('2603.00001');

		const unknown = await click('feed-share:2603.99999', member, [], context);
		expect(unknown.reply).toMatchObject({ isError: true, message: { flags: EPHEMERAL_FLAG } });
		expect(unknown.reply.message.content).toMatch(/^arXiv:2603\.99999 is no longer known here/);
		expect(taught).toHaveLength(1);
	});

	it('asks for a thread named after the paper on Discuss', async () => {
		const { reply } = await click('discuss:2305.00054');
		expect(reply.thread).toEqual({ name: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms' });
		expect(reply.message.content).toBe('Thread started.');
	});

	it('adds a paper for a curator, and refuses a member, privately', async () => {
		const curation = curationAnswering({ added: [], present: ['2305.00054'], failed: [] });
		const context = { ...shipped, curation };
		expect((await click('add:2305.00054', curator, [], context)).reply.message.content).toBe(
			'arXiv:2305.00054 is already in the corpus: `/paper show id:2305.00054` posts it.',
		);
		const refused = await click('add:2401.00001', member, [], context);
		expect(refused.reply).toMatchObject({
			isError: true,
			message: {
				flags: EPHEMERAL_FLAG,
				content: 'Sorry, only members with Manage Server or the curator role can add papers; ask one of them to add it.',
			},
		});
		expect(curation.asked).toEqual([['2305.00054']]);
	});

	it('says a paper is not in the corpus, and a button of another version is outdated', async () => {
		expect((await click('share:2401.99999')).reply.message.content).toMatch(/^arXiv:2401\.99999 is not in the corpus; add it/);
		expect((await click('vote:2305.00054')).reply).toMatchObject({
			isError: true,
			message: { content: 'This button belongs to an older version of paperbot: run the command again.' },
		});
	});

	it('answers a fault with the fault message and reports the error', async () => {
		const broken = { ...shipped, curation: { mayAdd: () => true, addPapers: () => Promise.reject(new Error('disk on fire')) } };
		faults.length = 0;
		const { reply } = await click('add:2401.00001', curator, [], broken);
		expect(reply).toMatchObject({ isError: true, message: { content: FAULT_MESSAGE } });
		expect(faults).toEqual([new Error('disk on fire')]);
	});
});
