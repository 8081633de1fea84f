import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/index.js';
import paper from '../../commands/paper.js';
import { paperSchema } from '../../src/corpus/paper.js';
import type { CommandInput } from '../../src/interaction/command.js';
import { answer } from '../../src/interaction/answer.js';
import { MAX_PROPOSALS } from '../../src/store/reading-list.js';
import { checkGuildSettings, DEFAULT_SETTINGS, getGuildSettings } from '../../src/store/settings.js';
import { getPaper } from '../../src/search/paper-index.js';
import { openReadingDesk, type ReadingDesk } from '../../src/services/reading-desk.js';
import { useTempState } from '../schedule/temp-state.js';
import { CURATOR_ROLE, curationAnswering, invocation, shippedCorpusContext } from './corpus.js';

let shipped: CommandContext;
let desk: ReadingDesk;
beforeAll(async () => {
	shipped = await shippedCorpusContext();
});
useTempState((state) => {
	desk = openReadingDesk({
		state,
		library: { current: () => shipped.index },
		settingsFor: (guildId) =>
			getGuildSettings(state, guildId) ??
			checkGuildSettings({ guild_id: guildId, potd_channel_id: null, digest_channel_id: null, ...DEFAULT_SETTINGS }),
		now: () => new Date('2026-03-02T09:00:00Z'),
	});
});

const bo = { id: '200000000000000002', name: 'Bo' };
const MANAGE_SERVER = 1n << 5n;

/** Runs `/paper <subcommand>` as the bot would, the answer's text and whether it is an error. */
async function ask(
	subcommand: string,
	options: CommandInput['options'],
	who: Partial<CommandInput> = {},
	context: Partial<CommandContext> = {},
) {
	const reply = await answer(() =>
		paper.execute({ ...invocation(subcommand, options), ...who } as never, { ...shipped, reading: desk, ...context }),
	);
	return {
		text: reply.message.content ?? JSON.stringify(reply.message.embeds),
		isError: reply.isError ?? false,
		flags: reply.message.flags,
	};
}

describe('/paper propose', () => {
	it('answers a second proposal of a paper with who proposed it first, and when', async () => {
		expect((await ask('propose', { id: '2305.00054', note: 'short' })).text).toContain('1 of 25 on the list');
		const again = await ask('propose', { id: 'arXiv:2305.00054v2' }, { user: bo });
		expect(again.text).toContain('is already on the reading list: proposed by Ada on 2026-03-02');
	});

	it('names the proposals to withdraw when the list is full, the asker’s own first', async () => {
		const ids = [...shipped.index.ids];
		for (let index = 0; index < MAX_PROPOSALS; index += 1) {
			const candidate = getPaper(shipped.index, ids[index % ids.length]!) ?? paperSchema.parse({ id: '2401.00001', abstract: 'x' });
			desk.propose(
				'100000000000000001',
				{ ...candidate, id: `2401.${String(index).padStart(5, '0')}` },
				index === 3 ? bo : { id: 'u', name: 'U' },
				null,
			);
		}
		const full = await ask('propose', { id: '2305.00054' }, { user: bo });
		expect(full.isError).toBe(true);
		expect(full.text).toContain('The reading list is full (25 proposals). Withdraw one first with /paper withdraw id:<paper>; yours are:');
		expect(full.text).toContain('• `2401.00003` (Bo, 2026-03-02)');
	});

	it('adds an arXiv id the corpus lacks first for a curator, and refuses it for a member', async () => {
		const added = paperSchema.parse({ id: '2401.12345', title: 'Quokka retrieval', abstract: 'Quokkas.' });
		const curation = curationAnswering({ added: [added], present: [], failed: [] });
		const member = await ask('propose', { id: '2401.12345' }, {}, { curation });
		expect(member.text).toContain('arXiv:2401.12345 is not in the corpus; only members with Manage Server or the curator role can add it');
		expect(curation.asked).toEqual([]);
		const curator = await ask('propose', { id: '2401.12345' }, { memberRoles: [CURATOR_ROLE] }, { curation });
		expect(curator.text).toContain('Proposed [Quokka retrieval]');
		expect(curation.asked).toEqual([['2401.12345']]);
	});
});

describe('/paper withdraw', () => {
	it('lets the proposer or an admin withdraw, and nobody else', async () => {
		await ask('propose', { id: '2305.00054' });
		await ask('propose', { id: '2305.11484' });
		const other = await ask('withdraw', { id: '2305.00054' }, { user: bo });
		expect(other).toMatchObject({ isError: true, text: 'Only Ada, who proposed it, or a member with Manage Server can withdraw it.' });
		expect((await ask('withdraw', { id: '2305.00054' })).text).toContain('Withdrew [LAVA');
		expect((await ask('withdraw', { id: '2305.11484' }, { user: bo, memberPermissions: MANAGE_SERVER })).text).toContain('Withdrew');
		expect((await ask('withdraw', { id: '2305.11484' })).text).toContain('is not on the reading list');
	});
});

describe('/paper proposals', () => {
	it('is public, oldest first, and says so when the list is empty', async () => {
		expect((await ask('proposals', {})).text).toContain('The reading list is empty');
		await ask('propose', { id: '2305.11484' });
		await ask('propose', { id: '2305.00054' }, { user: bo });
		const listed = await ask('proposals', {});
		expect(listed.flags).toBeUndefined();
		expect(listed.text.indexOf('2305.11484')).toBeLessThan(listed.text.indexOf('2305.00054'));
	});

	it('refuses outside a server when no local list is named', async () => {
		const direct = await ask('proposals', {}, { guildId: undefined });
		expect(direct.text).toContain('The reading list lives in a Discord server');
	});
});
