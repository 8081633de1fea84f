import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startCrossrefStandIn, startOpenAlexStandIn } from './library/library-stand-ins.js';
import { articleItem, STAND_IN_KEY, startZoteroStandIn } from './library/zotero-stand-in.js';
import { runCliHere, runEntry, type RunOptions } from './run-entry.js';

let corpus: string;
beforeAll(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-cli-'));
	await cp('data', corpus, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
});
afterAll(() => rm(corpus, { recursive: true, force: true }));

/** A paperbot process: `entry` compiled, run with node (see ./run-entry.ts). */
const run = (entry: string, args: string[], options: RunOptions = {}) => runEntry(entry, args, corpus, options);
/** The CLI answering in this process, as its entry does in its own. */
const cli = (args: string[], options: RunOptions = {}) => runCliHere(args, corpus, options);

// Each test waits on its own child process, so they run side by side.
describe.concurrent('the paperbot process (npx paperbot)', () => {
	it('prints only the exact message payload on stdout with --json, and exits 0', async ({ expect }) => {
		const result = await run('src/cli.ts', ['search', 'spiking gan', '--json']);
		expect(result.code).toBe(0);
		const payload = JSON.parse(result.stdout);
		expect(payload.embeds[0].url).toBe('https://arxiv.org/abs/2305.10246');
		expect(payload.allowed_mentions).toEqual({ parse: [] });
		expect(payload.flags).toBe(64);
	});

	it('exits 1 for an id not in the corpus, saying how to add it, with {"error"} alone on stdout under --json', async ({ expect }) => {
		const result = await run('src/cli.ts', ['show', '9999.99999', '--json']);
		const message = 'arXiv:9999.99999 is not in the corpus; add it from arXiv with paperbot add 9999.99999.';
		expect(result).toEqual({ code: 1, stdout: `${JSON.stringify({ error: message })}\n`, stderr: `${message}\n` });
	});

	it('exits 1 naming every bad variable', async ({ expect }) => {
		const result = await run('src/cli.ts', ['random'], { env: { TIMEZONE: 'Mars/Olympus', POTD_TIME: '25:00' } });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('TIMEZONE: timezone must be an IANA time-zone name');
		expect(result.stderr).toContain('POTD_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one');
	});

	it('exits 2 for a command line it does not take', async ({ expect }) => {
		expect(await run('src/cli.ts', [])).toEqual({
			code: 2,
			stdout: '',
			stderr: 'paperbot: no command given; paperbot --help lists the commands.\n',
		});
	});

	it('says to check ARXIV_API_URL when the address answers 404, and exits 1', async ({ expect }) => {
		const server = createServer((_request, response) => response.writeHead(404, 'Not Found').end('no such page'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wrong/path`;
		const result = await run('src/cli.ts', ['add', '2401.00001'], { env: { ARXIV_API_URL: apiUrl } });
		await new Promise((resolve) => server.close(resolve));
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`paperbot add: 2401.00001: arXiv answered HTTP 404 Not Found instead of a feed; check ARXIV_API_URL (${apiUrl}).\n`,
		);
	});
});

describe.concurrent('npm run paperbot (the one-shot CLI)', () => {
	it('prints one JSON document for an empty answer too: no match, and no similar paper', async ({ expect }) => {
		const [noMatch, noSimilar] = await Promise.all([cli(['search', 'zzzqqqxxy', '--json']), cli(['similar', '2304.14548', '--json'])]);
		for (const result of [noMatch, noSimilar]) expect(result.code).toBe(1);
		expect(JSON.parse(noMatch.stdout).error).toMatch(/^No paper matches “zzzqqqxxy”/);
		expect(JSON.parse(noSimilar.stdout).error).toMatch(/^No other paper in the corpus is close enough to /);
	});

	it.for([['--jsn'], ['-j'], ['--limit', '3']])(
		'refuses the unknown option %j, exit 2, rather than searching for it',
		async (flag, { expect }) => {
			const result = await cli(['search', 'spiking', ...flag]);
			expect(result).toMatchObject({ code: 2, stdout: '' });
			expect(result.stderr).toMatch(
				new RegExp(
					`^paperbot search: unknown option ${flag[0]} \\(paperbot takes --json, --help, --version\\)\\. usage: paperbot search <words>`,
				),
			);
			const withJson = await cli(['search', 'spiking', '--json', ...flag]);
			expect(withJson.code).toBe(2);
			expect(JSON.parse(withJson.stdout).error).toContain(`unknown option ${flag[0]}`);
		},
	);

	it('gives its version', async ({ expect }) => {
		const version = JSON.parse(await readFile('package.json', 'utf8')).version;
		expect(await cli(['--version'])).toEqual({ code: 0, stdout: `paperbot ${version}\n`, stderr: '' });
	});

	it('refuses a share note longer than Discord takes, exit 2', async ({ expect }) => {
		const result = await cli(['share', '2305.00054', `note:${'x'.repeat(10_000)}`]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^paperbot share: note is 10000 characters long; Discord takes at most 1500\. usage: /);
	});

	it('refuses a paper-of-the-day channel without DISCORD_GUILD_ID at startup', async ({ expect }) => {
		const result = await cli(['random'], { env: { POTD_CHANNEL_ID: '123456789012345678' } });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toContain('POTD_CHANNEL_ID: needs DISCORD_GUILD_ID');
	});

	it('exits 1 naming a corpus path that cannot be read', async ({ expect }) => {
		const result = await cli(['random'], { env: { CORPUS_PATH: join(corpus, 'missing') } });
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`corpus: cannot read ${join(corpus, 'missing')} (CORPUS_PATH): no such file or directory\n`);
	});

	it('reports a broken record as file:line and still answers, rendering the card readably without --json', async ({ expect }) => {
		const broken = await mkdtemp(join(tmpdir(), 'paperbot-broken-'));
		await cp('data', broken, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		await writeFile(
			join(broken, 'extra.jsonl'),
			'{"id": "2401.00001", "title": "Quokka burrows as graphs", "abstract": "Fine."}\n{not json\n',
		);
		const result = await cli(['show', '2401.00001'], { env: { CORPUS_PATH: broken } });
		await rm(broken, { recursive: true, force: true });
		expect(result.code).toBe(0);
		expect(result.stderr).toContain(`${join(broken, 'extra.jsonl')}:2: `);
		expect(result.stdout).toMatch(/^Quokka burrows as graphs\nhttps:\/\/arxiv\.org\/abs\/2401\.00001\n/);
	});
});

describe.concurrent('paperbot --help and CLI usage', () => {
	it('lists every CLI command with an example on stdout', async ({ expect }) => {
		const result = await cli(['--help']);
		expect(result).toMatchObject({ code: 0, stderr: '' });
		for (const command of ['search', 'show', 'random', 'similar', 'cite', 'share', 'add', 'help']) {
			expect(result.stdout).toMatch(new RegExp(`^  paperbot ${command}\\b.*\\n      .*; e\\.g\\. paperbot ${command}\\b`, 'm'));
		}
	});

	it.for([
		[['show'], 'paperbot show: missing id. usage: paperbot show <id>, e.g. paperbot show 2305.00054\n'],
		[
			['search'],
			'paperbot search: missing query. usage: paperbot search <words> [author:NAME] [year:YYYY[..YYYY]] [cat:CATEGORY] [venue:TEXT], e.g. paperbot search "spiking gan" year:2022..2023\n',
		],
		[['random', 'now'], 'paperbot random: unexpected text: now. usage: paperbot random, e.g. paperbot random\n'],
		[['fly'], 'paperbot: unknown command "fly"; paperbot --help lists the commands.\n'],
		[[], 'paperbot: no command given; paperbot --help lists the commands.\n'],
	] as [string[], string][])('names its own usage for %j', async ([args, message], { expect }) => {
		expect(await cli(args)).toEqual({ code: 2, stdout: '', stderr: message });
	});

	it('says a title given as an id is not an id, and how to find one, in CLI words', async ({ expect }) => {
		const result = await cli(['show', 'LAVA']);
		expect(result).toEqual({
			code: 1,
			stdout: '',
			stderr:
				'“LAVA” is not an arXiv id or a DOI (e.g. 2305.00054, arXiv:2305.00054v2 or 10.1145/3292500.3330701). Find its id with paperbot search <words>.\n',
		});
	});
});

describe.concurrent('--json for every command that answers with a message', () => {
	it('gives share the card payload and the thread it starts', async ({ expect }) => {
		const result = await cli(['share', '2305.00054', "note:for Friday's reading group", '--json']);
		expect(result.code).toBe(0);
		const payload = JSON.parse(result.stdout);
		expect(payload.embeds[0].url).toBe('https://arxiv.org/abs/2305.00054');
		expect(payload.thread).toEqual({
			name: 'LAVA: Data Valuation without Pre-Specified Learning Algorithms',
			firstMessage: "for Friday's reading group",
		});
	});

	it('gives add what was added, present and failed, each failure with its id', async ({ expect }) => {
		const result = await cli(['add', '2305.00054', 'not-an-id', '--json']);
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toEqual({
			added: [],
			present: ['2305.00054'],
			failed: [
				{
					id: 'not-an-id',
					code: 'bad-id',
					reason:
						'"not-an-id" is not an arXiv id or a DOI (expected e.g. 2305.00054, https://arxiv.org/abs/2305.00054 or 10.1145/3292500.3330701).',
				},
			],
		});
	});
});

describe.concurrent('an arXiv id or link that is not in the corpus', () => {
	it.for(['hep-th/9901001', 'https://arxiv.org/abs/2401.00001v2'])(
		'answers %s with how to add it, not unrelated papers',
		async (query, { expect }) => {
			const id = query.startsWith('http') ? '2401.00001' : query;
			const result = await cli(['search', query]);
			expect(result).toEqual({
				code: 1,
				stdout: '',
				stderr: `arXiv:${id} is not in the corpus; add it from arXiv with paperbot add ${id}.\n`,
			});
		},
	);
});

describe.concurrent('paperbot add with several ids', () => {
	/** A port on 127.0.0.1 where nothing listens: one that was free a moment ago. */
	async function closedPort(): Promise<number> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await new Promise((resolve) => server.close(resolve));
		return port;
	}

	it('names each id and the real cause when nothing answers at ARXIV_API_URL', async ({ expect }) => {
		const port = await closedPort();
		const result = await cli(['add', '2401.00001', '2401.00002'], {
			env: { ARXIV_API_URL: `http://127.0.0.1:${port}/api/query` },
		});
		expect(result.code).toBe(1);
		const cause = `arXiv could not be reached: nothing answers at 127.0.0.1:${port} (connection refused); check ARXIV_API_URL (http://127.0.0.1:${port}/api/query).`;
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([`paperbot add: 2401.00001: ${cause}`, `paperbot add: 2401.00002: ${cause}`]);
	});
});

describe.concurrent('corpus warnings at load', () => {
	it('counts the records skipped apart from those kept with a note, quoting ten of each in file and line order', async ({ expect }) => {
		const broken = await mkdtemp(join(tmpdir(), 'paperbot-warnings-'));
		await cp('data', broken, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const lines = Array.from({ length: 12 }, (_, at) => `{"id": "2401.${String(at).padStart(5, '0')}"`);
		await writeFile(join(broken, 'a-broken.jsonl'), lines.join('\n'));
		await writeFile(join(broken, 'b-listing.txt'), 'An abstract.\n\nComments: 5 pages\n\narXiv:2401.09999\nCreated: 2024-13-45\n');
		const result = await cli(['show', '2401.09999'], { env: { CORPUS_PATH: broken } });
		await rm(broken, { recursive: true, force: true });
		expect(result.code).toBe(0);
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			'paperbot: 12 records skipped while reading the corpus:',
			...Array.from({ length: 10 }, (_, at) => `${join(broken, 'a-broken.jsonl')}:${at + 1}: not valid JSON`),
			'…and 2 more',
			'paperbot: 1 record kept with a note while reading the corpus:',
			`${join(broken, 'b-listing.txt')}:6: Created date "2024-13-45" is not a date (YYYY-MM-DD); the paper is kept without one`,
		]);
		expect(result.stdout).toContain('Comment: 5 pages');
		expect(result.stdout).not.toContain('Published');
	});
});

describe.concurrent('npm start without DISCORD_TOKEN (the local console)', () => {
	it('keeps log records out of the answers: at the default LOG_LEVEL, no JSON line and no info record', async ({ expect }) => {
		const result = await run('src/main.ts', [], { stdin: '/paper random\n', env: { LOG_LEVEL: 'info' } });
		expect(result.code).toBe(0);
		expect(result.stderr).not.toMatch(/^\{/m);
		expect(result.stderr).not.toContain('corpus loaded');
		expect(result.stdout).not.toMatch(/^\{/m);
	});

	it('says how to connect in one line, answers piped commands and ends at end of input', async ({ expect }) => {
		const result = await run('src/main.ts', [], {
			stdin: '/paper search spiking gan\n/paper cite arXiv:2305.00054v2\n/paper show nothing\n',
		});
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('set DISCORD_TOKEN in .env to connect to Discord');
		expect(result.stdout).toContain('Spiking Generative Adversarial Network with Attention Scoring Decoding');
		expect(result.stdout).toContain('@misc{');
		expect(result.stdout).toContain('eprint = {2305.00054}');
		expect(result.stdout).toContain('“nothing” is not an arXiv id');
	});
});

describe('the reading list at the CLI and the console, over one state file', () => {
	it('proposes, lists, previews and withdraws, each command seeing what the last one saved', async ({ expect }) => {
		const env = { STATE_PATH: join(corpus, 'reading', 'paperbot.db'), READING_POLL_HOURS: '48' };
		const proposed = await cli(['propose', '2305.00054', 'note:short and clear'], { env });
		expect(proposed).toMatchObject({ code: 0, stderr: '' });
		expect(proposed.stdout).toContain('1 of 25 on the list');
		const again = await cli(['propose', 'arXiv:2305.00054v2'], { env });
		expect(again.stdout).toContain('is already on the reading list: proposed by console');

		const alone = await cli(['reading', 'preview'], { env });
		expect(alone.stdout).toContain(
			'reading polls are off here (a member with Manage Server turns them on with /paperbot reading set). A poll also needs at least two proposals, and the list has 1.',
		);

		const consoleRun = await run('src/main.ts', [], { env, stdin: '/paper propose 2305.11484\n/paper proposals\n' });
		expect(consoleRun.code).toBe(0);
		expect(consoleRun.stdout).toContain('2 of 25 on the list');
		expect(consoleRun.stdout).toContain('Reading list: 2 of 25');

		const preview = await cli(['reading', 'preview'], { env });
		expect(preview.stdout).toContain('open 48 h');
		expect(preview.stdout).toContain('1. LAVA: Data Valuation without Pre-Specified Learning…');
		expect(preview.stdout).toContain('2. Dive into the Power of Neuronal Heterogeneity');

		expect((await cli(['withdraw', '2305.00054'], { env })).stdout).toContain('Withdrew');
		const listed = await cli(['proposals', '--json'], { env });
		expect(listed.code).toBe(0);
		const payload = JSON.parse(listed.stdout);
		expect(payload.embeds[0].title).toBe('Reading list: 1 of 25');
		expect(payload.embeds[0].description).not.toContain('2305.00054');
		const missing = await cli(['withdraw', '2305.00054'], { env });
		expect(missing).toMatchObject({ code: 1, stdout: '' });
		expect(missing.stderr).toContain('is not on the reading list');
	}, 60_000);
});

describe('paperbot add with DOIs', () => {
	it('adds papers by DOI from Crossref and OpenAlex, prints them under --json as arXiv papers are, then finds them', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-cli-doi-'));
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		const crossref = await startCrossrefStandIn({
			'10.1038/nature14539': 'lecun-bengio-hinton-2015.json',
			'10.1007/978-3-319-46448-0_2': 'liu-ssd-2016.json',
		});
		const openAlex = await startOpenAlexStandIn({ '10.1038/nature14539': 'lecun-bengio-hinton-2015.json' });
		const env = {
			ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
			CROSSREF_API_URL: crossref.apiUrl,
			OPENALEX_API_URL: openAlex.apiUrl,
			OPENALEX_API_KEY: 'cli-test-key',
			CONTACT_EMAIL: 'lab@example.org',
		};
		try {
			const added = await runCliHere(
				['add', 'https://doi.org/10.1038/nature14539', '10.1007/978-3-319-46448-0_2', '10.1234/abc', '2305.00054', '--json'],
				folder,
				{ env },
			);
			expect(added.code).toBe(1);
			expect(added.stderr).toBe('paperbot add: doi:10.1234/abc: Crossref has no record of 10.1234/abc.\n');
			expect(added.stderr).not.toContain('cli-test-key');
			const answer = JSON.parse(added.stdout);
			expect(Object.keys(answer)).toEqual(['added', 'present', 'failed']);
			expect(answer.added.map((paper: { id: string; abstract: string | null }) => [paper.id, paper.abstract !== null])).toEqual([
				['doi:10.1038/nature14539', true],
				['doi:10.1007/978-3-319-46448-0_2', false],
			]);
			expect(answer.added[0]).toMatchObject({
				title: 'Deep learning',
				venue: 'Nature',
				doi: '10.1038/nature14539',
				published: '2015-05-27',
			});
			expect(answer.present).toEqual(['2305.00054']);
			expect(answer.failed).toEqual([{ id: 'doi:10.1234/abc', code: 'unknown-id', reason: 'Crossref has no record of 10.1234/abc.' }]);

			const shown = await runCliHere(['show', '10.1007/978-3-319-46448-0_2', '--json'], folder, { env });
			expect(shown.code).toBe(0);
			const card = JSON.parse(shown.stdout).embeds[0];
			expect(card).toMatchObject({ title: 'SSD: Single Shot MultiBox Detector', url: 'https://doi.org/10.1007/978-3-319-46448-0_2' });
			expect(JSON.stringify(card)).toMatch(/no abstract/i);
			const found = await runCliHere(['search', 'multibox detector', '--json'], folder, { env });
			expect(JSON.parse(found.stdout).embeds[0].title).toBe('SSD: Single Shot MultiBox Detector');
		} finally {
			await Promise.all([crossref.close(), openAlex.close()]);
			await rm(folder, { recursive: true, force: true });
		}
	});
});

describe('a STATE_PATH paperbot cannot use, at the CLI and the console', () => {
	it('is one line naming the file and the problem, exit 1, the same message as {"error"} under --json', async ({ expect }) => {
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-bad-state-'));
		onTestFinished(() => rm(folder, { recursive: true, force: true }));
		const notDatabase = join(folder, 'notes.db');
		await writeFile(notDatabase, 'notes, not a database\n');
		const notFolder = join(notDatabase, 'state', 'paperbot.db');
		const notDatabaseLine = `state: ${notDatabase} is not a paperbot database (not an SQLite file); refusing to use it`;
		const notFolderLine = `state: cannot create the folder of STATE_PATH (${join(notDatabase, 'state')}): ${notDatabase} is a file, not a folder`;

		expect(await cli(['proposals'], { env: { STATE_PATH: notDatabase } })).toEqual({ code: 1, stdout: '', stderr: `${notDatabaseLine}\n` });
		expect(await cli(['propose', '2305.00054', '--json'], { env: { STATE_PATH: notFolder } })).toEqual({
			code: 1,
			stdout: `${JSON.stringify({ error: notFolderLine })}\n`,
			stderr: `${notFolderLine}\n`,
		});
		expect(await cli(['reading', 'preview'], { env: { STATE_PATH: notDatabase } })).toEqual({
			code: 1,
			stdout: '',
			stderr: `${notDatabaseLine}\n`,
		});

		const consoleRun = await run('src/main.ts', [], { env: { STATE_PATH: notDatabase }, stdin: '/paper proposals\n/help\n' });
		expect(consoleRun.code).toBe(1);
		expect(consoleRun.stderr).toContain(
			`paperbot: set DISCORD_TOKEN in .env to connect to Discord; answering here instead.\n${notDatabaseLine}\n`,
		);
		expect(consoleRun.stderr).not.toMatch(/Something went wrong|\n\s+at /);
		expect(consoleRun.stdout).toBe('');
		expect(await readFile(notDatabase, 'utf8')).toBe('notes, not a database\n');
	}, 60_000);
});

describe('paperbot zotero sync', () => {
	it('syncs the library into the corpus, printing the counts and the version with --json, then only what changed', async ({ expect }) => {
		const zotero = await startZoteroStandIn();
		const folder = await mkdtemp(join(tmpdir(), 'paperbot-cli-zotero-'));
		await cp('data', folder, { recursive: true, filter: (source) => !source.includes('.paperbot-index-') });
		try {
			const env = {
				ZOTERO_LIBRARY: zotero.library,
				ZOTERO_API_KEY: STAND_IN_KEY,
				ZOTERO_API_URL: zotero.apiUrl,
				STATE_PATH: join(folder, 'paperbot.db'),
			};
			zotero.put(
				articleItem('WOMBAT01', { title: 'Wombat burrows as graphs', abstractNote: '' }),
				articleItem('QUOKKA01', { DOI: '10.5555/quokka.1' }),
				{ key: 'NOTE0001', data: { itemType: 'note', note: 'read' } },
				{ key: 'ATTACH01', data: { itemType: 'attachment', title: 'PDF', parentItem: 'QUOKKA01' } },
			);
			const first = await run('src/cli.ts', ['zotero', 'sync', '--json'], { env: { ...env, CORPUS_PATH: folder } });
			expect(first).toEqual({
				code: 0,
				stdout: `${JSON.stringify({ added: 2, updated: 0, removed: 0, skipped: 2, version: zotero.version })}\n`,
				stderr: '',
			});
			expect((await runCliHere(['show', 'zotero:groups/4242/WOMBAT01'], folder, { env })).stdout).toContain('Wombat burrows as graphs');
			expect((await runCliHere(['show', 'doi:10.5555/quokka.1'], folder, { env })).code).toBe(0);

			zotero.put(articleItem('WOMBAT01', { title: 'Wombat burrows as graphs, revised' }));
			const second = await runCliHere(['zotero', 'sync'], folder, { env });
			expect(second).toEqual({
				code: 0,
				stdout: `Zotero groups/4242, library version ${zotero.version} (changes since the last sync): 0 added, 1 updated, 0 removed, 0 skipped.\n2 papers from Zotero in the corpus.\n`,
				stderr: '',
			});
			expect(zotero.received.at(-1)?.path).toBe('/groups/4242/deleted');

			const refused = await runCliHere(['zotero', 'sync', '--json'], folder, { env: { ...env, ZOTERO_LIBRARY: 'groups/99' } });
			const message =
				'paperbot zotero sync: Zotero refused to let ZOTERO_API_KEY read groups/99 (HTTP 403): the key cannot read this library; give it read access at zotero.org/settings/keys, or check ZOTERO_LIBRARY.';
			expect(refused).toEqual({ code: 1, stdout: `${JSON.stringify({ error: message })}\n`, stderr: `${message}\n` });

			const unset = await runCliHere(['zotero', 'sync', '--json'], folder);
			expect(unset.code).toBe(1);
			expect(JSON.parse(unset.stdout).error).toContain('ZOTERO_LIBRARY is not set');
			expect((await runCliHere(['zotero', 'pull'], folder)).stderr).toBe(
				'paperbot zotero: takes "sync", not "pull". usage: paperbot zotero sync, e.g. paperbot zotero sync\n',
			);
		} finally {
			await zotero.close();
			await rm(folder, { recursive: true, force: true });
		}
	}, 60_000);
});
