import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let corpus: string;
beforeAll(async () => {
	corpus = await mkdtemp(join(tmpdir(), 'paperbot-cli-'));
	await cp('data', corpus, { recursive: true });
});
afterAll(() => rm(corpus, { recursive: true, force: true }));

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a paperbot entry point as `npm start` / `npm run paperbot` do, with no token configured. */
function run(entry: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			['--import', 'tsx', entry, ...args],
			{ env: { PATH: process.env.PATH, DISCORD_TOKEN: '', CORPUS_PATH: corpus, LOG_LEVEL: 'warn', ...options.env }, timeout: 30_000 },
			(error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
		);
		child.stdin?.end(options.stdin ?? '');
	});
}

describe('npm run paperbot (the one-shot CLI)', () => {
	it('prints only the exact message payload on stdout with --json', async () => {
		const result = await run('src/cli.ts', ['search', 'spiking gan', '--json']);
		expect(result.code).toBe(0);
		const payload = JSON.parse(result.stdout);
		expect(payload.embeds[0].url).toBe('https://arxiv.org/abs/2305.10246');
		expect(payload.allowed_mentions).toEqual({ parse: [] });
		expect(payload.flags).toBe(64);
	});

	it('renders cards readably without --json', async () => {
		const result = await run('src/cli.ts', ['show', '2305.00054']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('LAVA: Data Valuation without Pre-Specified Learning Algorithms');
		expect(result.stdout).toContain('https://arxiv.org/abs/2305.00054');
	});

	it('prints BibTeX for cite', async () => {
		const result = await run('src/cli.ts', ['cite', 'arXiv:2305.00054v2']);
		expect(result.stdout).toContain('eprint = {2305.00054}');
	});

	it('exits 1 with the message on stderr for an id not in the corpus', async () => {
		const result = await run('src/cli.ts', ['show', '9999.99999', '--json']);
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toContain('That id is not in the corpus');
	});

	it('exits 1 naming every bad variable', async () => {
		const result = await run('src/cli.ts', ['random'], { env: { TIMEZONE: 'Mars/Olympus', POTD_TIME: '25:00' } });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('TIMEZONE: timezone must be an IANA time-zone name');
		expect(result.stderr).toContain('POTD_TIME: time must be HH:MM (00:00–23:59), e.g. 09:00; "25:00" is not one');
	});

	it('refuses a paper-of-the-day channel without DISCORD_GUILD_ID at startup', async () => {
		const result = await run('src/cli.ts', ['random'], { env: { POTD_CHANNEL_ID: '123456789012345678' } });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toContain('POTD_CHANNEL_ID: needs DISCORD_GUILD_ID');
	});

	it('exits 1 naming a corpus path that cannot be read', async () => {
		const result = await run('src/cli.ts', ['random'], { env: { CORPUS_PATH: join(corpus, 'missing') } });
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`corpus: cannot read ${join(corpus, 'missing')} (CORPUS_PATH): no such file or directory\n`);
	});

	it('reports a broken record as file:line and still answers', async () => {
		const broken = await mkdtemp(join(tmpdir(), 'paperbot-broken-'));
		await cp('data', broken, { recursive: true });
		await writeFile(join(broken, 'extra.jsonl'), '{"id": "2401.00001", "abstract": "Fine."}\n{not json\n');
		const result = await run('src/cli.ts', ['show', '2401.00001'], { env: { CORPUS_PATH: broken } });
		await rm(broken, { recursive: true, force: true });
		expect(result.code).toBe(0);
		expect(result.stderr).toContain(`${join(broken, 'extra.jsonl')}:2: `);
	});
});

describe('npm start without DISCORD_TOKEN (the local console)', () => {
	it('says how to connect in one line, answers piped commands and ends at end of input', async () => {
		const result = await run('src/main.ts', [], { stdin: '/paper search spiking gan\n/paper cite 2305.00054\n/paper show nothing\n' });
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('set DISCORD_TOKEN in .env to connect to Discord');
		expect(result.stdout).toContain('Spiking Generative Adversarial Network with Attention Scoring Decoding');
		expect(result.stdout).toContain('@misc{');
		expect(result.stdout).toContain('That id is not in the corpus');
	});
});
