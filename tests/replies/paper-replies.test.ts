import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/index.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { addButtonRows, addPaperReply } from '../../src/replies/paper-replies.js';
import { UserError } from '../../src/interaction/reply.js';
import { curationAnswering, curator, member, shippedCorpusContext } from '../commands/corpus.js';

const MALDACENA = paperSchema.parse({
	id: 'hep-th/9711200',
	title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
	abstract: 'AdS/CFT.',
});

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

describe('addPaperReply', () => {
	it('posts the added paper publicly with Discuss, naming who added it, and a private note', async () => {
		const curation = curationAnswering({ added: [MALDACENA], present: [], failed: [] });
		const reply = await addPaperReply('hep-th/9711200', curator, curation);
		expect(reply.message.flags).toBeUndefined();
		expect(reply.message.content).toBe('Added to the corpus by <@200000000000000001>');
		expect(reply.message.embeds[0]?.url).toBe('https://arxiv.org/abs/hep-th/9711200');
		expect(JSON.stringify(reply.message.components)).toContain('"discuss:hep-th/9711200"');
		expect(reply.privateNote).toBe('Added arXiv:hep-th/9711200 to the corpus; its card is posted in the channel.');
		expect(curation.asked).toEqual([['hep-th/9711200']]);
	});

	it('refuses a member who may not add, before asking for anything', async () => {
		const curation = curationAnswering({ added: [MALDACENA], present: [], failed: [] });
		await expect(addPaperReply('hep-th/9711200', member, curation)).rejects.toThrow(UserError);
		expect(curation.asked).toEqual([]);
	});

	it('answers with the reason of a failure, or that the paper is already there', async () => {
		const failed = curationAnswering({
			added: [],
			present: [],
			failed: [{ id: '2305.99999', code: 'unknown-id', reason: 'arXiv has no paper with id 2305.99999.' }],
		});
		await expect(addPaperReply('2305.99999', curator, failed)).rejects.toThrow('arXiv has no paper with id 2305.99999.');
		const present = curationAnswering({ added: [], present: ['2305.00054'], failed: [] });
		await expect(addPaperReply('2305.00054', curator, present)).rejects.toThrow(
			'arXiv:2305.00054 is already in the corpus: `/paper show id:2305.00054` posts it.',
		);
	});

	it('says adding is unavailable where there is no curation', async () => {
		await expect(addPaperReply('2305.00054', curator, shipped.curation)).rejects.toThrow(
			'Adding papers is not available here: paperbot may not write to the corpus folder.',
		);
	});
});

describe('addButtonRows', () => {
	it('offers one Add button per missing id, at most five, to those who may add', () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const ids = ['2401.00001', '2401.00002', '2401.00003', '2401.00004', '2401.00005', '2401.00006'];
		const rows = addButtonRows(ids, curator, context.curation);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.components.map((button) => ('custom_id' in button ? button.custom_id : ''))).toEqual(
			ids.slice(0, 5).map((id) => `add:${id}`),
		);
		expect(addButtonRows(ids, member, context.curation)).toEqual([]);
		expect(addButtonRows(ids, curator, shipped.curation)).toEqual([]);
	});
});
