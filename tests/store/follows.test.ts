import { describe, expect, it } from 'vitest';
import { FollowLimitError, MAX_FOLLOWS, openFollows } from '../../src/store/follows.js';
import { ScheduleSettingError } from '../../src/store/setting-values.js';
import type { State } from '../../src/store/state.js';
import { useTempState } from '../schedule/temp-state.js';

let state: State;
useTempState((opened) => (state = opened));

describe('openFollows', () => {
	it('keeps a member’s follows by guild, each folded name once', () => {
		const follows = openFollows(state);
		expect(follows.add('g1', 'u1', 'André  Müller')).toBe(true);
		expect(follows.add('g1', 'u1', 'andre muller')).toBe(false);
		expect(follows.add('g1', 'u2', 'Yi Zeng')).toBe(true);
		expect(follows.add('g2', 'u1', 'Yi Zeng')).toBe(true);
		expect(follows.list('g1', 'u1')).toEqual([{ user_id: 'u1', name: 'André Müller', folded: 'andre muller' }]);
		expect(follows.list('g1').map((follow) => follow.user_id)).toEqual(['u1', 'u2']);
		expect(follows.remove('g1', 'u1', 'Andre Muller')).toBe(1);
		expect(follows.remove('g2', 'u1')).toBe(1);
		expect(follows.all().map((follow) => follow.folded)).toEqual(['yi zeng']);
	});

	it('refuses a name without a given name or initial, and the 26th follow', () => {
		const follows = openFollows(state);
		expect(() => follows.add('g1', 'u1', 'Zeng')).toThrow(ScheduleSettingError);
		for (let index = 0; index < MAX_FOLLOWS; index += 1) follows.add('g1', 'u1', `Ada Author${String.fromCharCode(97 + index)}`);
		expect(() => follows.add('g1', 'u1', 'One More')).toThrow(FollowLimitError);
		expect(follows.list('g1', 'u1')).toHaveLength(MAX_FOLLOWS);
	});
});
