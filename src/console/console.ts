import { createInterface } from 'node:readline';
import { answer } from '../discord/answer.js';
import type { ServedCommand } from '../discord/command.js';
import type { Reply } from '../discord/reply.js';
import { parseCommandLine } from './command-line.js';
import { renderMessageAsText } from '../cards/render-text.js';

const CONSOLE_USER = { id: '0', name: 'console' };

/** Answers one typed command line; problems with the line become an error reply like Discord's. */
export function answerLine<Context>(line: string, commands: readonly ServedCommand<Context>[], context: Context): Promise<Reply> {
	return answer(() => {
		const { command, input } = parseCommandLine(line, commands);
		return command.execute({ ...input, user: CONSOLE_USER }, context);
	});
}

/** Renders a reply as the terminal shows it, thread included. */
export function renderReply(reply: Reply): string {
	const text = renderMessageAsText(reply.message);
	if (!reply.thread) return text;
	return `${text}\n\n🧵 Thread: ${reply.thread.name}${reply.thread.firstMessage ? `\n   ${reply.thread.firstMessage}` : ''}`;
}

/**
 * The local console: commands typed as in Discord, answered with the same handlers. Reads piped
 * stdin too and ends at end of input.
 */
export async function runConsole<Context>(commands: readonly ServedCommand<Context>[], context: () => Context, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
	const interactive = 'isTTY' in input && Boolean(input.isTTY);
	const lines = createInterface({ input, output: interactive ? output : undefined, prompt: 'paperbot> ', terminal: interactive });
	if (interactive) {
		output.write('Type /help for the commands; Ctrl+D to leave.\n');
		lines.prompt();
	}
	for await (const line of lines) {
		if (line.trim()) output.write(`${renderReply(await answerLine(line, commands, context()))}\n\n`);
		if (interactive) lines.prompt();
	}
}
