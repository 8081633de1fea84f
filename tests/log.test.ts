import { describe, expect, it } from 'vitest';
import { createTerminalLogger, progressLine } from '../src/log.js';

/** A stand-in for stderr that keeps what was written. */
function recorder(isTTY: boolean) {
	const written: string[] = [];
	return { written, output: { isTTY, write: (text: string) => written.push(text) } };
}

describe('createTerminalLogger', () => {
	it('writes warnings and worse as one plain line each, and nothing at info', () => {
		const { written, output } = recorder(false);
		const log = createTerminalLogger('info', output);
		log.info({ papers: 10 }, 'corpus loaded');
		log.warn({ guild: '1', attempts: 2 }, 'schedule: post failed; will retry');
		log.error({ err: new Error('disk full') }, 'corpus reload failed');
		expect(written).toEqual([
			'paperbot: warning: schedule: post failed; will retry (guild=1, attempts=2)\n',
			'paperbot: error: corpus reload failed (err=disk full)\n',
		]);
	});

	it('shows more when LOG_LEVEL asks for it, still as plain lines, with secrets redacted', () => {
		const { written, output } = recorder(false);
		const log = createTerminalLogger('debug', output);
		log.debug({ token: 'secret-token' }, 'connecting');
		expect(written).toEqual(['paperbot: debug: connecting (token=[redacted])\n']);
	});
});

describe('progressLine', () => {
	it('redraws one line in place on a terminal and erases it when cleared', () => {
		const { written, output } = recorder(true);
		const progress = progressLine(output);
		progress.show('building… 10%');
		progress.show('building… 10%');
		progress.show('building… 55%');
		progress.clear();
		expect(written).toEqual(['\r\x1b[Kbuilding… 10%', '\r\x1b[Kbuilding… 55%', '\r\x1b[K']);
	});

	it('writes nothing when the output is not a terminal, or before its delay', () => {
		const piped = recorder(false);
		const quiet = progressLine(piped.output);
		quiet.show('building… 10%');
		quiet.clear();
		const terminal = recorder(true);
		const delayed = progressLine(terminal.output, { afterMs: 60_000 });
		delayed.show('building… 10%');
		delayed.clear();
		expect([...piped.written, ...terminal.written]).toEqual([]);
	});
});
