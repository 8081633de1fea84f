import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr, so stdout stays free for answers (`--json`). Fields that could carry
 * a secret are redacted wherever they appear.
 */
export function createLogger(level: string): Logger {
	return pino(
		{
			level,
			base: { name: 'paperbot' },
			redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
		},
		pino.destination(2),
	);
}
