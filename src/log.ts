import { pino, type Logger } from 'pino';

export type { Logger };

/** Where a person reads what paperbot says besides its answers: stderr, or a stand-in for it in tests. */
export interface TextOutput {
	write(text: string): unknown;
	/** True on a terminal: only then is a progress line drawn. */
	isTTY?: boolean;
}

const REDACT = { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' };

/**
 * Structured logs on stderr, so stdout stays free for answers (`--json`). Fields that could carry
 * a secret are redacted wherever they appear.
 */
export function createLogger(level: string): Logger {
	return pino({ level, base: { name: 'paperbot' }, redact: REDACT }, pino.destination(2));
}

/** pino's numeric levels, as a person reads them. */
const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
/** Fields every record carries, which a person at a terminal does not need. */
const HIDDEN_FIELDS = new Set(['level', 'time', 'name', 'msg', 'pid', 'hostname']);

/** One pino record as one plain line: `paperbot: warning: schedule: post failed (guild=1, reason=timeout)`. */
function plainRecord(json: string): string {
	const record = JSON.parse(json) as Record<string, unknown>;
	const fields = Object.entries(record)
		.filter(([key]) => !HIDDEN_FIELDS.has(key))
		.map(([key, value]) => {
			const error = value as { message?: unknown } | null;
			const shown = typeof value === 'string' ? value : typeof error?.message === 'string' ? error.message : JSON.stringify(value);
			return `${key}=${shown}`;
		});
	const level = LEVEL_NAMES[record.level as number] ?? String(record.level);
	return `paperbot: ${level}: ${String(record.msg ?? '')}${fields.length ? ` (${fields.join(', ')})` : ''}\n`;
}

/**
 * The log at a terminal (the local console and the CLI): warnings and worse only, unless
 * `LOG_LEVEL` asks for more detail than `info`, each as one plain line on `output`, so records
 * never break into answers as JSON. Secrets are redacted as in {@link createLogger}.
 */
export function createTerminalLogger(level: string, output: TextOutput = process.stderr): Logger {
	return pino(
		{ level: level === 'info' ? 'warn' : level, base: { name: 'paperbot' }, redact: REDACT },
		{ write: (json: string) => output.write(plainRecord(json)) },
	);
}

/** A progress line on a terminal: {@link progressLine}. */
export interface ProgressLine {
	/** Draws `text` in place of the line's previous text (once `afterMs` have passed). */
	show(text: string): void;
	/** Erases the line, leaving the terminal as it was. */
	clear(): void;
}

/**
 * One line of progress on `output`, redrawn in place, only when `output` is a terminal: a script or
 * a log file reading stderr gets nothing. With `afterMs`, nothing is drawn until that long after
 * the call, so quick work stays silent.
 */
export function progressLine(output: TextOutput, { afterMs = 0 } = {}): ProgressLine {
	const started = performance.now();
	let shown = '';
	return {
		show(text) {
			if (!output.isTTY || text === shown || performance.now() - started < afterMs) return;
			output.write(`\r\x1b[K${text}`);
			shown = text;
		},
		clear() {
			if (shown) output.write('\r\x1b[K');
			shown = '';
		},
	};
}
