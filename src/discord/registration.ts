import { Routes } from 'discord.js';
import type { REST, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { isDeepStrictEqual } from 'node:util';

/** Where commands are registered: one guild (instant, for a one-lab deploy) or globally. */
export function commandsRoute(applicationId: string, guildId?: string): `/${string}` {
	return guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
}

/**
 * True when Discord's registered commands differ from ours. Discord echoes our fields and adds
 * its own (ids, versions, defaults), so each of ours must appear, field for field, among them.
 */
export function commandsChanged(
	registered: readonly Record<string, unknown>[],
	desired: readonly RESTPostAPIApplicationCommandsJSONBody[],
): boolean {
	if (registered.length !== desired.length) return true;
	return desired.some((command) => {
		const match = registered.find((candidate) => candidate.name === command.name && (candidate.type ?? 1) === (command.type ?? 1));
		return !match || !containsFields(match, command);
	});
}

function containsFields(actual: unknown, expected: unknown): boolean {
	if (Array.isArray(expected)) {
		return (
			Array.isArray(actual) &&
			actual.length === expected.length &&
			expected.every((item, position) => containsFields(actual[position], item))
		);
	}
	if (expected !== null && typeof expected === 'object') {
		if (actual === null || typeof actual !== 'object') return false;
		return Object.entries(expected).every(([key, value]) => containsFields((actual as Record<string, unknown>)[key], value));
	}
	return isDeepStrictEqual(actual, expected);
}

/**
 * Makes Discord's commands match ours with one bulk overwrite, only when they differ, so a restart
 * costs one read. Returns whether anything was written.
 */
export async function registerCommands(
	rest: REST,
	route: `/${string}`,
	desired: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<boolean> {
	const registered = (await rest.get(route)) as Record<string, unknown>[];
	if (!commandsChanged(registered, desired)) return false;
	await rest.put(route, { body: desired });
	return true;
}
