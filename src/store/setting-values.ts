import { Cron } from 'croner';

/** A bad schedule setting typed by a person: the message shows the expected form and is safe to show them. */
export class ScheduleSettingError extends Error {
	override name = 'ScheduleSettingError';
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** A local wall-clock time, as stored in settings: `HH:MM`. */
export interface TimeOfDay {
	hour: number;
	minute: number;
}

/**
 * Reads a time of day written `HH:MM` or `H:MM` (24-hour). Throws ScheduleSettingError, quoting
 * the text, for anything else, e.g. `25:00` or `0900`.
 */
export function parseTimeOfDay(text: string): TimeOfDay {
	const match = TIME_OF_DAY.exec(text.trim());
	if (!match) throw new ScheduleSettingError(`time must be HH:MM (00:00–23:59), e.g. 09:00; "${text.trim()}" is not one`);
	return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** A time of day as settings store it: `HH:MM`, with the leading zero. */
export function formatTimeOfDay({ hour, minute }: TimeOfDay): string {
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Checks an IANA time-zone name against the platform's time-zone data and returns its canonical
 * spelling (`europe/london` → `Europe/London`). Throws ScheduleSettingError when unknown.
 */
export function validateTimezone(name: string): string {
	const trimmed = name.trim();
	try {
		if (trimmed === '') throw new RangeError('empty');
		return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
	} catch {
		throw new ScheduleSettingError(
			`timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "${trimmed}" is not one`,
		);
	}
}

/**
 * Checks a five-field cron pattern (`minute hour day-of-month month day-of-week`) that will fire
 * at least once more; returns it trimmed. Throws ScheduleSettingError otherwise.
 */
export function validateCron(pattern: string): string {
	const trimmed = pattern.trim().replace(/\s+/g, ' ');
	const expected = `schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1" (Mondays 09:00)`;
	// Six- and seven-field patterns add seconds and years; a digest every second is never meant.
	if (trimmed.split(' ').length !== 5) throw new ScheduleSettingError(`${expected}; "${trimmed}" is not one`);
	let next: Date | null;
	try {
		next = new Cron(trimmed, { paused: true }).nextRun();
	} catch {
		throw new ScheduleSettingError(`${expected}; "${trimmed}" is not one`);
	}
	if (next === null)
		throw new ScheduleSettingError(`schedule "${trimmed}" never fires; ${expected.replace('schedule must be', 'expected')}`);
	return trimmed;
}
