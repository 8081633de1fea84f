import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { openFeedFeedback } from '../../src/store/feed-feedback.js';
import { openState } from '../../src/store/state.js';
import { join } from 'node:path';
import { useTempState } from '../schedule/temp-state.js';

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
		const taught = openFeedFeedback(state);
		const at = new Date('2026-03-02T09:00:00Z');
		taught.markOwn('g1', paper('2603.00001'), at);
		expect(taught.toggleDismissed('g1', paper('2603.00002'), at)).toBe(true);
		expect(taught.toggleDismissed('g1', paper('2603.00003'), at)).toBe(true);
		expect(taught.toggleDismissed('g1', paper('2603.00003'), at)).toBe(false);
		state.close();

		const reopened = openState(path);
		const feedback = openFeedFeedback(reopened).of('g1');
		expect(feedback.own.map((own) => own.id)).toEqual(['2603.00001']);
		expect(feedback.dismissed.map((dismissed) => dismissed.id)).toEqual(['2603.00002']);
		expect(openFeedFeedback(reopened).of('g2')).toEqual({ own: [], dismissed: [] });
		reopened.close();
	});

	it('keeps a paper taken up twice once, as of the last time, with the record last seen', () => {
		const state = openState(join(dir, 'twice.db'));
		const taught = openFeedFeedback(state);
		taught.markOwn('g1', paper('2603.00001'), new Date('2026-03-02T09:00:00Z'));
		taught.markOwn('g1', paper('2603.00002'), new Date('2026-03-02T10:00:00Z'));
		taught.markOwn('g1', { ...paper('2603.00001'), title: 'Paper 2603.00001, revised' }, new Date('2026-03-02T11:00:00Z'));
		expect(taught.of('g1').own.map((own) => own.title)).toEqual(['Paper 2603.00002', 'Paper 2603.00001, revised']);
		state.close();
	});
});
