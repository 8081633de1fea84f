import { Cron } from 'croner';
import { parseTimeOfDay } from '../store/setting-values.js';

/** The calendar date (`YYYY-MM-DD`) that `date` falls on in `timezone`. */
export function localDate(date: Date, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: timezone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(date);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The cron pattern that fires daily at `time` (`HH:MM`). */
export function potdPattern(time: string): string {
	const { hour, minute } = parseTimeOfDay(time);
	return `${minute} ${hour} * * *`;
}

/**
 * The first paper-of-the-day time strictly after `after`: `time` (`HH:MM`) in `timezone`. On a
 * spring-forward day a time that does not exist runs at the next valid minute (02:30 → 03:00);
 * on a fall-back day a time that occurs twice runs once, at its first occurrence.
 */
export function nextPotdTime(time: string, timezone: string, after: Date): Date {
	const next = new Cron(potdPattern(time), { timezone, paused: true }).nextRun(after);
	if (next === null) throw new Error(`schedule/time: no paper-of-the-day time after ${after.toISOString()}`);
	return next;
}

/** The first digest time strictly after `after` for a cron pattern read in `timezone`; null if it never fires again. */
export function nextDigestTime(cron: string, timezone: string, after: Date): Date | null {
	return new Cron(cron, { timezone, paused: true }).nextRun(after);
}

/**
 * The latest time `pattern` fired at or before `at`, when that was on the same local date as
 * `at`; else null. This is the run a restart later that day still owes.
 */
export function latestRunToday(pattern: string, timezone: string, at: Date): Date | null {
	const [previous] = new Cron(pattern, { timezone, paused: true }).previousRuns(1, new Date(at.getTime() + 1));
	if (!previous || localDate(previous, timezone) !== localDate(at, timezone)) return null;
	return previous;
}

/** The latest daily `time` (`HH:MM` in `timezone`) at or before `at`. */
export function previousDailyTime(time: string, timezone: string, at: Date): Date {
	const [previous] = new Cron(potdPattern(time), { timezone, paused: true }).previousRuns(1, new Date(at.getTime() + 1));
	if (!previous) throw new Error(`schedule/time: no ${time} before ${at.toISOString()}`);
	return previous;
}
