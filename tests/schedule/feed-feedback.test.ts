import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { getFeedFeedback, markFeedPaperOwn, toggleFeedPaperDismissed } from '../../src/schedule/feed-feedback.js';
import { openState } from '../../src/schedule/state.js';
import { join } from 'node:path';
import { useTempState } from './temp-state.js';

const paper = (id: string): Paper =>
	paperSchema.parse({ id, title: `Paper ${id}`, authors: ['A. Author'], abstract: 'An abstract.', categories: ['cs.NE'] });

describe('feed feedback', () => {
	let dir = '';
	useTempState((_, folder) => {
		dir = folder;
	});

	it('keeps what each guild taught its feed across a restart, and undoes Not for us when pressed again', () => {
		const path = join(dir, 'taught.db');
		const state = openState(path);
		const at = new Date('2026-03-02T09:00:00Z');
		markFeedPaperOwn(state, 'g1', paper('2603.00001'), at);
		expect(toggleFeedPaperDismissed(state, 'g1', paper('2603.00002'), at)).toBe(true);
		expect(toggleFeedPaperDismissed(state, 'g1', paper('2603.00003'), at)).toBe(true);
		expect(toggleFeedPaperDismissed(state, 'g1', paper('2603.00003'), at)).toBe(false);
		state.close();

		const reopened = openState(path);
		const feedback = getFeedFeedback(reopened, 'g1');
		expect(feedback.own.map((own) => own.id)).toEqual(['2603.00001']);
		expect(feedback.dismissed.map((dismissed) => dismissed.id)).toEqual(['2603.00002']);
		expect(getFeedFeedback(reopened, 'g2')).toEqual({ own: [], dismissed: [] });
		reopened.close();
	});
});
