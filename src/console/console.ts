import { fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isatty } from 'node:tty';
import { renderMessageAsText } from '../cards/render-text.js';
import { answer } from '../interaction/answer.js';
import type { ServedCommand } from '../interaction/command.js';
import { answerComponent, type ComponentContext } from '../replies/components.js';
import { decodeCustomId } from '../interaction/custom-ids.js';
import { errorReply, type Reply } from '../interaction/reply.js';
import { parseCommandLine } from './command-line.js';

/** Who asks at the console and the CLI: a share's thread note is attributed to them. */
export const CONSOLE_USER = { id: '0', name: 'console' };

/** What the console does with a failure of paperbot itself: logs it by default; throwing from it ends the console. */
export type ConsoleFault = (error: unknown) => void;

const logFault: ConsoleFault = (error) => console.error(error);

/** Answers one typed command line; problems with the line become an error reply like Discord's. */
function answerLine<Context>(
	line: string,
	commands: readonly ServedCommand<Context>[],
	context: Context,
	onFault: ConsoleFault,
): Promise<Reply> {
	return answer(() => {
		const { command, input } = parseCommandLine(line, commands);
		return command.execute({ ...input, user: CONSOLE_USER }, context);
	}, onFault);
}

/** A reply as `--json` prints it: the message payload Discord would receive, with the thread it would start. */
export function replyAsJson(reply: Reply): string {
	return JSON.stringify(reply.thread ? { ...reply.message, thread: reply.thread } : reply.message, null, 2);
}

/** Renders a reply as the terminal shows it, thread included. */
export function renderReply(reply: Reply): string {
	const text = renderMessageAsText(reply.message);
	if (!reply.thread) return text;
	return `${text}\n\n🧵 Thread: ${reply.thread.name}${reply.thread.firstMessage ? `\n   ${reply.thread.firstMessage}` : ''}`;
}

/** The words that press a results page's buttons, by the label they press. */
const PAGE_WORDS: Readonly<Record<string, 'Next' | 'Previous'>> = { next: 'Next', prev: 'Previous', previous: 'Previous' };

/** The button labelled `label` in a reply, when it has one. */
function buttonLabelled(reply: Reply, label: string): { custom_id: string; disabled?: boolean } | undefined {
	for (const row of reply.message.components) {
		for (const component of row.components) {
			if ('label' in component && component.label === label && 'custom_id' in component) return component;
		}
	}
	return undefined;
}

/** Presses Next or Previous on the last results page, as a click in Discord would. */
async function turnPage(lastPage: Reply | null, label: 'Next' | 'Previous', context: ComponentContext): Promise<Reply> {
	const button = lastPage && buttonLabelled(lastPage, label);
	if (!button) return errorReply('No results to page through yet: search first, e.g. /paper search spiking gan');
	if (button.disabled) return errorReply(label === 'Next' ? 'That was the last page of results.' : 'That was the first page of results.');
	const { reply } = await answerComponent(decodeCustomId(button.custom_id), [], context, { user: CONSOLE_USER }, (error) =>
		console.error(error),
	);
	return reply;
}

/**
 * Answers the console's lines one after another: commands typed as in Discord, and `next` or
 * `prev` alone for the following or preceding page of the last search.
 */
export function consoleSession<Context extends ComponentContext>(
	commands: readonly ServedCommand<Context>[],
	context: () => Context,
	onFault: ConsoleFault = logFault,
): (line: string) => Promise<Reply> {
	let lastPage: Reply | null = null;
	return async (line) => {
		const asked: Context = { ...context(), surface: 'console' };
		const pageWord = PAGE_WORDS[line.trim().toLowerCase()];
		const reply = pageWord ? await turnPage(lastPage, pageWord, asked) : await answerLine(line, commands, asked, onFault);
		if (buttonLabelled(reply, 'Next')) lastPage = reply;
		return reply;
	};
}

/**
 * Whether the file descriptor (stdin by default) gives the console something to read: a
 * terminal, a pipe, a socket or a file. Not /dev/null, as under systemd, nor a closed descriptor.
 */
export function hasConsoleInput(fd = 0): boolean {
	try {
		const stats = fstatSync(fd);
		return stats.isFIFO() || stats.isFile() || stats.isSocket() || isatty(fd);
	} catch {
		return false;
	}
}

/**
 * The local console: commands typed as in Discord, answered with the same handlers, and `next` or
 * `prev` to page through results. Reads piped stdin too and ends at end of input.
 */
export async function runConsole<Context extends ComponentContext>(
	commands: readonly ServedCommand<Context>[],
	context: () => Context,
	input: NodeJS.ReadableStream,
	output: NodeJS.WritableStream,
	onFault: ConsoleFault = logFault,
): Promise<void> {
	const interactive = 'isTTY' in input && Boolean(input.isTTY);
	const lines = createInterface({ input, output: interactive ? output : undefined, prompt: 'paperbot> ', terminal: interactive });
	if (interactive) {
		output.write('Type /help for the commands, next or prev to page through results; Ctrl+D to leave.\n');
		lines.prompt();
	}
	const answerNext = consoleSession(commands, context, onFault);
	for await (const line of lines) {
		if (line.trim()) output.write(`${renderReply(await answerNext(line))}\n\n`);
		if (interactive) lines.prompt();
	}
}
