import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run bench', () => {
	it('prints its tables on stdout, the bot’s latency last, and nothing on stderr when stderr is not a terminal', async () => {
		const { stdout, stderr } = await run(
			process.execPath,
			['--import', 'tsx', 'tests/bench/bench.ts', '--sizes', '10', '--zotero-items', '40', '--import-entries', '50'],
			{
				timeout: 120_000,
			},
		);
		expect(stdout).toContain('10 papers');
		expect(stdout).toContain('first start (parse + build)');
		expect(stdout).toContain('Zotero library of 40 items from the stand-in (36 papers, 4 notes and attachments skipped)');
		expect(stdout).toMatch(/first sync \(1 request\) +\d/);
		expect(stdout).toContain('BibTeX import: 50 entries');
		expect(stdout).toMatch(/\d+ added, 0 failed/);
		// Outside vitest the bot is started from its source: the README's latency table comes from here.
		expect(stdout).toMatch(/\/paper search through the bot \(1000\) +\d/);
		expect(stdout).toMatch(/id autocomplete through the bot \(1000\) +\d/);
		expect(stderr).toBe('');
	}, 120_000);
});
