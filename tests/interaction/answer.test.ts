import { describe, expect, it } from 'vitest';
import { answer, FAULT_MESSAGE } from '../../src/interaction/answer.js';
import { EPHEMERAL_FLAG, privateText, UserError } from '../../src/interaction/reply.js';

describe('answer', () => {
	it('passes a handler’s reply through', async () => {
		const faults: unknown[] = [];
		expect(
			await answer(
				() => privateText('Found it.'),
				(error) => faults.push(error),
			),
		).toEqual(privateText('Found it.'));
		expect(faults).toEqual([]);
	});

	it('turns a UserError into a private error reply with its message, reporting no fault', async () => {
		const faults: unknown[] = [];
		const reply = await answer(
			async () => {
				throw new UserError('That id is not in the corpus.');
			},
			(error) => faults.push(error),
		);
		expect(reply).toEqual({
			isError: true,
			message: {
				content: 'That id is not in the corpus.',
				embeds: [],
				components: [],
				allowed_mentions: { parse: [] },
				flags: EPHEMERAL_FLAG,
			},
		});
		expect(faults).toEqual([]);
	});

	it('hides any other failure behind the fault message and reports it', async () => {
		const faults: unknown[] = [];
		const failure = new TypeError('cannot read properties of undefined');
		const reply = await answer(
			() => {
				throw failure;
			},
			(error) => faults.push(error),
		);
		expect(reply).toMatchObject({ isError: true, message: { content: FAULT_MESSAGE, flags: EPHEMERAL_FLAG } });
		expect(JSON.stringify(reply)).not.toContain('cannot read');
		expect(faults).toEqual([failure]);
	});
});
