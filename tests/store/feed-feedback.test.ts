import { describe, expect, it } from 'vitest';
import { type Paper, paperSchema } from '../../src/corpus/paper.js';
import { openFeedFeedback } from '../../src/store/feed-feedback.js';
import { openState } from '../../src/store/state.js';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempState } from '../schedule/temp-state.js';

const paper = (id: string): Paper =>
	paperSchema.parse({ id, title: `Paper ${id}`, authors: ['A. Author'], abstract: 'An abstract.', categories: ['cs.NE'] });

describe('feed feedback', () => {
	let dir = '';
	useTempState((_, folder) => {
		dir = folder;
	});

	it('keeps what each guild taught its feed across a restart, and takes back a member’s Not for us when they press again', () => {
		const path = join(dir, 'taught.db');
		const state = openState(path);
		const taught = openFeedFeedback(state);
		const at = new Date('2026-03-02T09:00:00Z');
		taught.markOwn('g1', paper('2603.00001'), at);
		expect(taught.toggleDismissed('g1', 'u1', paper('2603.00002'), at)).toEqual({ mine: true, marks: 1 });
		expect(taught.toggleDismissed('g1', 'u1', paper('2603.00003'), at)).toEqual({ mine: true, marks: 1 });
		expect(taught.toggleDismissed('g1', 'u1', paper('2603.00003'), at)).toEqual({ mine: false, marks: 0 });
		state.close();

		const reopened = openState(path);
		const feedback = openFeedFeedback(reopened).of('g1');
		expect(feedback.own.map((own) => own.id)).toEqual(['2603.00001']);
		expect(feedback.dismissed.map(({ paper, marks }) => [paper.id, marks])).toEqual([['2603.00002', 1]]);
		expect(openFeedFeedback(reopened).of('g2')).toEqual({ own: [], dismissed: [] });
		reopened.close();
	});

	it('keeps each member’s Not for us mark their own: a second member adds a mark, and each takes back only theirs', () => {
		const state = openState(join(dir, 'members.db'));
		const taught = openFeedFeedback(state);
		const at = new Date('2026-03-02T09:00:00Z');
		const marked = paper('2603.00002');
		expect(taught.toggleDismissed('g1', 'alice', marked, at)).toEqual({ mine: true, marks: 1 });
		expect(taught.toggleDismissed('g1', 'bob', marked, at)).toEqual({ mine: true, marks: 2 });
		expect(taught.of('g1').dismissed.map(({ marks }) => marks)).toEqual([2]);
		expect(taught.toggleDismissed('g1', 'alice', marked, at)).toEqual({ mine: false, marks: 1 });
		expect(taught.of('g1').dismissed.map(({ paper: { id }, marks }) => [id, marks])).toEqual([['2603.00002', 1]]);
		expect(taught.toggleDismissed('g1', 'bob', marked, at)).toEqual({ mine: false, marks: 0 });
		expect(taught.of('g1').dismissed).toEqual([]);
		state.close();
	});

	it('migrates the marks of a database from before marks were each member’s own: each counts as one member’s, which no press takes back', () => {
		const path = join(dir, 'old.db');
		copyFileSync('tests/fixtures/schedule/schema-4-not-for-us.db', path);
		const state = openState(path);
		const taught = openFeedFeedback(state);
		expect(taught.of('g1')).toMatchObject({ own: [{ id: '2603.00001' }], dismissed: [{ paper: { id: '2603.00002' }, marks: 1 }] });
		expect(taught.of('g2').dismissed.map(({ paper: { id }, marks }) => [id, marks])).toEqual([['2603.00003', 1]]);
		const at = new Date('2026-03-03T09:00:00Z');
		expect(taught.toggleDismissed('g1', 'alice', paper('2603.00002'), at)).toEqual({ mine: true, marks: 2 });
		expect(taught.toggleDismissed('g1', 'alice', paper('2603.00002'), at)).toEqual({ mine: false, marks: 1 });
		state.close();
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
