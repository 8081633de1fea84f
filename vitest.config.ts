import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files share one module cache per project: importing discord.js and the rest afresh for each file was most of the unit run's time. Tests keep no state in modules.
const shared = { testTimeout: 20_000, hookTimeout: 60_000, isolate: false };

export default defineConfig({
	test: {
		globalSetup: ['tests/compile-program.ts'],
		projects: [
			// One unit file per core (vitest's default leaves one core to itself, idle while a file waits on a child process such as tsc or the CLI), and within a file one concurrent test per core.
			{
				test: {
					...shared,
					name: 'unit',
					include: ['tests/**/*.test.ts'],
					exclude: ['tests/e2e/**'],
					maxWorkers: availableParallelism(),
					maxConcurrency: availableParallelism(),
					sequence: { groupOrder: 0 },
				},
			},
			// Each end-to-end file runs a real bot process against Discord's 3-second deadline: after the unit tests, so they do not compete with them for the cores, and one file per core, as a bot mostly waits on its stand-in.
			{
				test: {
					...shared,
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					maxWorkers: availableParallelism(),
					sequence: { groupOrder: 1 },
				},
			},
		],
	},
});
