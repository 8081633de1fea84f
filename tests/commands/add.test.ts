import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { openCuration, type Curation } from '../../src/arxiv/curation.js';
import { addButtonRows, addPaperReply } from '../../src/discord/paper-replies.js';
import { curatorPolicy } from '../../src/discord/permissions.js';
import { EPHEMERAL_FLAG, UserError } from '../../src/discord/reply.js';

const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
import paperCardsCommand from '../../commands/paper-cards.js';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import type { AddedPapers } from '../../src/arxiv/add-papers.js';
import { paperSchema } from '../../src/corpus/paper.js';
import { invocation, shippedCorpusContext } from './corpus.js';

const paperCards: AnyCommand = paperCardsCommand;

const CURATOR_ROLE = '300000000000000003';
const MALDACENA = paperSchema.parse({ id: 'hep-th/9711200', title: 'The Large N Limit of Superconformal Field Theories and Supergravity', abstract: 'AdS/CFT.' });

let shipped: CommandContext;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});

/** A curation that answers every add with `result`, recording what it was asked. */
function curationAnswering(result: AddedPapers): Curation & { asked: string[][] } {
	const asked: string[][] = [];
	return { asked, mayAdd: curatorPolicy(CURATOR_ROLE), addPapers: async (texts) => (asked.push([...texts]), result) };
}

const curator = { ...invocation('add'), memberPermissions: MANAGE_GUILD };
const member = { ...invocation('add'), memberPermissions: 0n, memberRoles: [] };

describe('curatorPolicy', () => {
	it('allows Manage Server or the curator role, and no one else', () => {
		const mayAdd = curatorPolicy(CURATOR_ROLE);
		expect(mayAdd({ memberPermissions: MANAGE_GUILD | 0x400n })).toBe(true);
		expect(mayAdd({ memberPermissions: 0x400n, memberRoles: [CURATOR_ROLE] })).toBe(true);
		expect(mayAdd({ memberPermissions: 0x400n, memberRoles: ['300000000000000004'] })).toBe(false);
		expect(mayAdd({})).toBe(false);
		expect(curatorPolicy(undefined)({ memberRoles: [CURATOR_ROLE] })).toBe(false);
	});
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
		const failed = curationAnswering({ added: [], present: [], failed: [{ id: '2305.99999', code: 'unknown-id', reason: 'arXiv has no paper with id 2305.99999.' }] });
		await expect(addPaperReply('2305.99999', curator, failed)).rejects.toThrow('arXiv has no paper with id 2305.99999.');
		const present = curationAnswering({ added: [], present: ['2305.00054'], failed: [] });
		await expect(addPaperReply('2305.00054', curator, present)).rejects.toThrow(
			'arXiv:2305.00054 is already in the corpus: `/paper show id:2305.00054` posts it.',
		);
	});

	it('says adding is unavailable where there is no curation', async () => {
		await expect(addPaperReply('2305.00054', curator, shipped.curation)).rejects.toThrow('Adding papers is not available here: paperbot may not write to the corpus folder.');
	});
});

describe('addButtonRows', () => {
	it('offers one Add button per missing id, at most five, to those who may add', () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const ids = ['2401.00001', '2401.00002', '2401.00003', '2401.00004', '2401.00005', '2401.00006'];
		const rows = addButtonRows(ids, curator, context.curation);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.components.map((button) => ('custom_id' in button ? button.custom_id : ''))).toEqual(ids.slice(0, 5).map((id) => `add:${id}`));
		expect(addButtonRows(ids, member, context.curation)).toEqual([]);
		expect(addButtonRows(ids, curator, shipped.curation)).toEqual([]);
	});
});

describe('Paper cards with Add to corpus', () => {
	it('answers a message naming only unknown papers with Add buttons instead of an error, for a curator', async () => {
		const context = { ...shipped, curation: curationAnswering({ added: [], present: [], failed: [] }) };
		const reply = await paperCards.execute({ ...curator, subcommand: undefined, options: { message: 'see arXiv:2401.00001' } }, context);
		expect(reply.message.flags).toBe(EPHEMERAL_FLAG);
		expect(reply.message.content).toBe('Not in the corpus: arXiv:2401.00001.');
		expect(JSON.stringify(reply.message.components)).toContain('"add:2401.00001"');
	});
});

describe('openCuration', () => {
	let folder: string;
	beforeEach(async () => {
		folder = await mkdtemp(join(tmpdir(), 'paperbot-curation-'));
		await writeFile(join(folder, 'seed.jsonl'), '');
	});
	afterEach(async () => {
		await chmod(folder, 0o700);
		await rm(folder, { recursive: true, force: true });
	});

	const open = (corpusPath: string) => openCuration({ corpusPath, apiUrl: 'http://127.0.0.1:9/api/query', library: { current: () => shipped.index, reload: async () => ({ ok: false, error: new Error('not reloaded in this test') }) }, mayAdd: () => true });

	it('is there for a writable corpus folder, or the folder of a single corpus file', async () => {
		expect(await open(folder)).toBeDefined();
		expect(await open(join(folder, 'seed.jsonl'))).toBeDefined();
		expect(await open(join(folder, 'missing', 'seed.jsonl'))).toBeUndefined();
	});

	it.skipIf(process.getuid?.() === 0)('is not there for a read-only folder', async () => {
		await chmod(folder, 0o500);
		expect(await open(folder)).toBeUndefined();
	});
});
