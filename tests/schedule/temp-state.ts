import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openState, type State } from '../../src/store/state.js';

/**
 * Gives each test of the file a fresh state database in its own temp folder, handed to `opened`
 * before the test, and closes and removes it after.
 */
export function useTempState(opened: (state: State, dir: string) => void): void {
	let dir = '';
	let state: State | undefined;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'paperbot-state-'));
		state = openState(join(dir, 'paperbot.db'));
		opened(state, dir);
	});
	afterEach(() => {
		state?.close();
		rmSync(dir, { recursive: true, force: true });
	});
}
