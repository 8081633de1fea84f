import { describe, expectTypeOf, it } from 'vitest';
import type { data as paperData } from '../../commands/paper.js';
import type { data as paperbotData } from '../../commands/paperbot.js';
import type { data as paperCardsData } from '../../commands/paper-cards.js';
import type { InvocationOf } from '../../src/interaction/command.js';

type PaperInvocation = InvocationOf<typeof paperData>;
type PaperbotInvocation = InvocationOf<typeof paperbotData>;

describe('InvocationOf', () => {
	it('types each subcommand’s options from the definition, required ones always present', () => {
		expectTypeOf<Extract<PaperInvocation, { subcommand: 'search' }>['options']>().toEqualTypeOf<{
			readonly query: string;
			readonly author: string | undefined;
			readonly year: number | undefined;
			readonly category: string | undefined;
		}>();
		expectTypeOf<Extract<PaperInvocation, { subcommand: 'random' }>['options']>().toEqualTypeOf<Record<never, never>>();
	});

	it('makes an option the definition does not have a type error', () => {
		const read = (input: Extract<PaperInvocation, { subcommand: 'show' }>) =>
			// @ts-expect-error `query` is not an option of /paper show
			input.options.query;
		expectTypeOf(read).toBeFunction();
	});

	it('types subcommand groups and booleans, and gives message commands the message text', () => {
		expectTypeOf<Extract<PaperbotInvocation, { subcommandGroup: 'topic'; subcommand: 'add' }>['options']>().toEqualTypeOf<{
			readonly query: string;
		}>();
		expectTypeOf<Extract<PaperbotInvocation, { subcommand: 'potd' }>['options']['thread']>().toEqualTypeOf<boolean | undefined>();
		expectTypeOf<InvocationOf<typeof paperCardsData>['options']>().toEqualTypeOf<{ readonly message: string }>();
	});
});
