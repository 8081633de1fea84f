import type { APIEmbed, APIMessage } from 'discord.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { articleItem, STAND_IN_KEY, startZoteroStandIn } from '../library/zotero-stand-in.js';
import { startBotForTest, startTestWorkspace } from './bot-process.js';
import { slashCommand } from './discord-standin.js';
import { ADMIN_PERMISSIONS } from './standin/world.js';

const field = (answer: APIMessage, name: string) =>
	(answer.embeds[0] as APIEmbed | undefined)?.fields?.find((candidate) => candidate.name === name)?.value ?? '';

describe('the Zotero sync in the bot', () => {
	it('syncs the library at start, swaps in its papers, and shows the library, the last sync and its papers in status', async () => {
		const zotero = await startZoteroStandIn();
		onTestFinished(() => zotero.close());
		zotero.put(
			{
				key: 'HONG2023',
				data: {
					itemType: 'conferencePaper',
					title: 'Revisiting Data-Free Knowledge Distillation with Poisoned Teachers',
					creators: [{ creatorType: 'author', firstName: 'Junyuan', lastName: 'Hong' }],
					proceedingsTitle: 'Proceedings of the 40th International Conference on Machine Learning',
					url: 'https://proceedings.mlr.press/v202/hong23a.html',
					extra: 'arXiv: 2306.02368',
				},
			},
			articleItem('WOMBAT01', { title: 'Wombat burrows as graphs', abstractNote: '', DOI: '10.5555/wombat.1' }),
			{ key: 'NOTE0001', data: { itemType: 'note', note: 'read' } },
		);
		const { standin, corpusPath, folder } = await startTestWorkspace('zotero');
		const env = {
			TIMEZONE: 'UTC',
			ZOTERO_LIBRARY: zotero.library,
			ZOTERO_API_KEY: STAND_IN_KEY,
			ZOTERO_API_URL: zotero.apiUrl,
			CONTACT_EMAIL: 'lab@example.org',
		};
		const bot = await startBotForTest(standin, { corpusPath, stateDir: folder, env });
		await bot.waitForLog((record) => record.msg === 'zotero: synced', 10_000);
		expect(zotero.received[0]?.headers['user-agent']).toMatch(/^paperbot\/\S+ \(.*; mailto:lab@example\.org\)$/);

		const ask = async () =>
			(await standin.sendInteraction({ ...slashCommand('paperbot', 'status'), permissions: ADMIN_PERMISSIONS })).waitForAnswer();
		// The index is swapped in the background: status counts the new paper once it is in service.
		const papers = `${(await loadCorpus('data')).papers.length + 1} papers`;
		let status = await ask();
		for (let tries = 0; !field(status, 'Corpus').startsWith(papers) && tries < 50; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			status = await ask();
		}
		expect(field(status, 'Corpus')).toMatch(new RegExp(`^${papers}`));
		const lines = field(status, 'Zotero').split('\n');
		expect(lines[0]).toBe('`groups/4242`, the whole library; syncs on `0 * * * *`');
		expect(lines[1]).toMatch(
			new RegExp(
				`^Last sync: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC\\), library version ${zotero.version}: 2 added, 0 updated, 0 removed, 1 skipped$`,
			),
		);
		expect(lines[2]).toBe('Papers: 2 papers from Zotero');
		expect(field(status, 'Problems')).toBe('none');

		const card = (await (await standin.sendInteraction(slashCommand('paper', 'show', { id: '10.5555/wombat.1' }))).waitForAnswer())
			.embeds[0];
		expect(card?.title).toContain('Wombat burrows as graphs');
		expect(card?.description).toContain('No abstract is known');
		const merged = (await (await standin.sendInteraction(slashCommand('paper', 'show', { id: '2306.02368' }))).waitForAnswer()).embeds[0];
		expect(merged?.url).toBe('https://arxiv.org/abs/2306.02368');
		expect(JSON.stringify(merged?.fields)).toContain('https://proceedings.mlr.press/v202/hong23a.html');
		expect(bot.stderr() + bot.stdout()).not.toContain(STAND_IN_KEY);
	}, 60_000);
});
