import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layers, bottom first, as DESIGN.md names them: a module imports only from its own layer or those below. */
const LAYERS = [
	['src/log.ts', 'src/interaction'],
	['src/corpus'],
	['src/search'],
	['src/cards'],
	['src/arxiv'],
	['src/library'],
	['src/store'],
	['src/schedule'],
	['src/feed'],
	['src/messages'],
	['src/services'],
	['src/replies'],
	['src/discord', 'src/console'],
	['commands'],
	['src/env.ts', 'src/main.ts', 'src/run-cli.ts', 'src/cli.ts', 'src/register.ts'],
];

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const files = [...sourceFiles('src'), ...sourceFiles('commands')];

function layerOf(file: string): number {
	const layer = LAYERS.findIndex((places) => places.some((place) => file === place || file.startsWith(`${place}/`)));
	if (layer < 0) throw new Error(`layers.test: ${file} is in no layer; name its place in LAYERS and in DESIGN.md`);
	return layer;
}

/** Every module specifier a file imports or re-exports, types included. */
function specifiersOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)].map(
		(match) => (match[1] ?? match[2]) as string,
	);
}

/** The project files a file imports, as paths like `src/search/text.ts`. */
function projectImportsOf(file: string): string[] {
	return specifiersOf(file)
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts'))
		.filter((path) => files.includes(path));
}

describe('the layers', () => {
	it('never import upwards', () => {
		const upwards = files.flatMap((file) =>
			projectImportsOf(file)
				.filter((imported) => layerOf(imported) > layerOf(file))
				.map((imported) => `${file} → ${imported}`),
		);
		expect(upwards).toEqual([]);
	});

	it('have no two modules that import each other, however indirectly', () => {
		const graph = new Map(files.map((file) => [file, projectImportsOf(file)]));
		const circles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
				return;
			}
			state.set(file, 'open');
			for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of files) visit(file, []);
		expect(circles).toEqual([]);
	});

	it('keep discord.js in src/discord/, and src/discord/ to what talks to discord.js', () => {
		const usesDiscordJs = (file: string) => specifiersOf(file).includes('discord.js');
		const inDiscord = (file: string) => relative('src/discord', file).split('/')[0] !== '..';
		expect(files.filter((file) => usesDiscordJs(file) && !inDiscord(file) && file !== 'src/register.ts')).toEqual([]);
		expect(files.filter((file) => inDiscord(file) && !usesDiscordJs(file))).toEqual([]);
	});
});
