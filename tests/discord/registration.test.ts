import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/all.js';
import { commandsChanged, commandsRoute } from '../../src/discord/registration.js';

const desired = commands.map((command) => command.data);
/** What Discord answers for our commands: our fields, plus ids, versions and defaults of its own. */
const asRegistered = () =>
	desired.map((command, position) => ({
		id: `90000000000000000${position}`,
		application_id: '900000000000000000',
		version: '1',
		type: 1,
		default_member_permissions: null,
		nsfw: false,
		contexts: null,
		...structuredClone(command),
	}));

describe('commandsChanged', () => {
	it('sees no change when Discord holds our commands with its own fields added', () => {
		expect(commandsChanged(asRegistered(), desired)).toBe(false);
	});

	it('sees a changed description, a missing command and an extra one', () => {
		const described: Record<string, unknown>[] = asRegistered();
		described[0]!.description = 'old text';
		expect(commandsChanged(described, desired)).toBe(true);
		expect(commandsChanged(asRegistered().slice(1), desired)).toBe(true);
		expect(commandsChanged([...asRegistered(), { name: 'old', type: 1 }], desired)).toBe(true);
	});

	it('sees a changed option deep inside a subcommand', () => {
		const registered = asRegistered() as { options?: { options?: { max_length?: number }[] }[] }[];
		const searchQuery = registered[0]!.options![0]!.options![0]!;
		searchQuery.max_length = 10;
		expect(commandsChanged(registered as never, desired)).toBe(true);
	});
});

describe('commandsRoute', () => {
	it('registers on the guild when one is set, globally otherwise', () => {
		expect(commandsRoute('1', '2')).toBe('/applications/1/guilds/2/commands');
		expect(commandsRoute('1')).toBe('/applications/1/commands');
	});
});
