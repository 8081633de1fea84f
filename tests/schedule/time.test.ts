import { describe, expect, it } from 'vitest';
import { latestRunToday, localDate, nextDigestTime, nextPotdTime } from '../../src/schedule/time.js';
import { parseTimeOfDay, ScheduleSettingError, validateCron, validateTimezone } from '../../src/store/setting-values.js';

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

function localClock(date: Date, timezone: string): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

describe('parseTimeOfDay', () => {
	it('reads HH:MM into hour and minute', () => {
		expect(parseTimeOfDay('09:00')).toEqual({ hour: 9, minute: 0 });
		expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
		expect(parseTimeOfDay('00:00')).toEqual({ hour: 0, minute: 0 });
	});

	it('reads H:MM without the leading zero', () => {
		expect(parseTimeOfDay('9:00')).toEqual({ hour: 9, minute: 0 });
		expect(parseTimeOfDay(' 7:05 ')).toEqual({ hour: 7, minute: 5 });
	});

	it('rejects out-of-range and loosely written times with the expected form, quoting them', () => {
		for (const bad of ['25:00', '24:00', '09:60', '0900', 'nine', '', '9:5']) {
			expect(() => parseTimeOfDay(bad)).toThrow(
				new ScheduleSettingError(`time must be HH:MM (00:00–23:59), e.g. 09:00; "${bad}" is not one`),
			);
		}
	});
});

describe('validateTimezone', () => {
	it('accepts IANA names and returns their canonical spelling', () => {
		expect(validateTimezone('Europe/London')).toBe('Europe/London');
		expect(validateTimezone('america/new_york')).toBe('America/New_York');
		expect(validateTimezone('UTC')).toBe('UTC');
	});

	it('rejects unknown names with a message showing the IANA form', () => {
		expect(() => validateTimezone('Mars/Olympus')).toThrow(
			'timezone must be an IANA time-zone name, e.g. "Europe/London" or "America/New_York"; "Mars/Olympus" is not one',
		);
		expect(() => validateTimezone('')).toThrow(ScheduleSettingError);
	});
});

describe('validateCron', () => {
	it('accepts five-field patterns and normalises spacing', () => {
		expect(validateCron('0 9 * * 1')).toBe('0 9 * * 1');
		expect(validateCron(' 30  8 * * 1-5 ')).toBe('30 8 * * 1-5');
	});

	it('rejects broken patterns with the expected form', () => {
		expect(() => validateCron('bad')).toThrow(
			'schedule must be a cron pattern "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1" (Mondays 09:00); "bad" is not one',
		);
		expect(() => validateCron('99 9 * * 1')).toThrow(ScheduleSettingError);
	});

	it('rejects patterns with seconds, which would post far too often', () => {
		expect(() => validateCron('* * * * * *')).toThrow('"* * * * * *" is not one');
	});

	it('rejects a pattern that never fires', () => {
		expect(() => validateCron('0 9 30 2 *')).toThrow('schedule "0 9 30 2 *" never fires');
	});
});

describe('localDate', () => {
	it('gives the calendar date in the time zone, not in UTC', () => {
		const instant = at('2025-03-10T03:30:00Z');
		expect(localDate(instant, 'UTC')).toBe('2025-03-10');
		expect(localDate(instant, 'America/New_York')).toBe('2025-03-09');
		expect(localDate(at('2025-03-09T23:30:00Z'), 'Asia/Tokyo')).toBe('2025-03-10');
	});
});

describe('nextPotdTime', () => {
	it('keeps 09:00 at 09:00 local across spring forward in America/New_York', () => {
		expect(iso(nextPotdTime('09:00', 'America/New_York', at('2025-03-08T12:00:00Z')))).toBe('2025-03-08T14:00:00.000Z');
		expect(iso(nextPotdTime('09:00', 'America/New_York', at('2025-03-08T15:00:00Z')))).toBe('2025-03-09T13:00:00.000Z');
	});

	it('keeps 09:00 at 09:00 local across fall back in America/New_York', () => {
		expect(iso(nextPotdTime('09:00', 'America/New_York', at('2025-11-01T12:00:00Z')))).toBe('2025-11-01T13:00:00.000Z');
		expect(iso(nextPotdTime('09:00', 'America/New_York', at('2025-11-01T14:00:00Z')))).toBe('2025-11-02T14:00:00.000Z');
	});

	it('keeps 09:00 at 09:00 local across both changes in Europe/London', () => {
		expect(iso(nextPotdTime('09:00', 'Europe/London', at('2025-03-29T10:00:00Z')))).toBe('2025-03-30T08:00:00.000Z');
		expect(iso(nextPotdTime('09:00', 'Europe/London', at('2025-10-25T10:00:00Z')))).toBe('2025-10-26T09:00:00.000Z');
	});

	it('gives one 09:00 per local date over weeks spanning every change', () => {
		for (const timezone of ['America/New_York', 'Europe/London']) {
			const seenDates: string[] = [];
			let cursor = nextPotdTime('09:00', timezone, at('2025-03-01T00:00:00Z'));
			while (cursor < at('2025-11-15T00:00:00Z')) {
				expect(localClock(cursor, timezone)).toBe('09:00');
				seenDates.push(localDate(cursor, timezone));
				cursor = nextPotdTime('09:00', timezone, cursor);
			}
			// 1 March to 14 November 2025 inclusive: 259 days, each posted once.
			expect(new Set(seenDates).size).toBe(259);
			expect(seenDates).toHaveLength(259);
		}
	});

	it('runs a time that does not exist on spring-forward day at the next valid minute', () => {
		const newYork = nextPotdTime('02:30', 'America/New_York', at('2025-03-09T05:00:00Z'));
		expect(iso(newYork)).toBe('2025-03-09T07:00:00.000Z');
		expect(localClock(newYork, 'America/New_York')).toBe('03:00');
		const london = nextPotdTime('01:30', 'Europe/London', at('2025-03-30T00:00:00Z'));
		expect(iso(london)).toBe('2025-03-30T01:00:00.000Z');
		expect(localClock(london, 'Europe/London')).toBe('02:00');
	});

	it('runs a time that occurs twice on fall-back day once', () => {
		const first = nextPotdTime('01:30', 'America/New_York', at('2025-11-02T04:00:00Z'));
		expect(iso(first)).toBe('2025-11-02T05:30:00.000Z');
		expect(iso(nextPotdTime('01:30', 'America/New_York', first))).toBe('2025-11-03T06:30:00.000Z');
		const london = nextPotdTime('01:30', 'Europe/London', at('2025-10-26T00:00:00Z'));
		expect(iso(london)).toBe('2025-10-26T00:30:00.000Z');
		expect(iso(nextPotdTime('01:30', 'Europe/London', london))).toBe('2025-10-27T01:30:00.000Z');
	});

	it('is strictly after the given instant', () => {
		expect(iso(nextPotdTime('09:00', 'UTC', at('2025-01-01T09:00:00Z')))).toBe('2025-01-02T09:00:00.000Z');
	});
});

describe('nextDigestTime', () => {
	it('reads the cron pattern in the time zone', () => {
		expect(iso(nextDigestTime('0 9 * * 1', 'Europe/London', at('2025-03-26T12:00:00Z')))).toBe('2025-03-31T08:00:00.000Z');
		expect(iso(nextDigestTime('0 9 * * 1', 'America/New_York', at('2025-10-29T12:00:00Z')))).toBe('2025-11-03T14:00:00.000Z');
	});
});

describe('latestRunToday', () => {
	it('gives today’s run from its very minute on, and nothing before it', () => {
		expect(latestRunToday('0 9 * * *', 'UTC', at('2025-05-05T08:59:59.999Z'))).toBeNull();
		expect(iso(latestRunToday('0 9 * * *', 'UTC', at('2025-05-05T09:00:00Z')))).toBe('2025-05-05T09:00:00.000Z');
		expect(iso(latestRunToday('0 9 * * *', 'UTC', at('2025-05-05T23:59:00Z')))).toBe('2025-05-05T09:00:00.000Z');
	});

	it('does not count a run from an earlier local day', () => {
		expect(latestRunToday('0 9 * * 1', 'UTC', at('2025-05-06T10:00:00Z'))).toBeNull();
		expect(latestRunToday('0 23 * * *', 'America/New_York', at('2025-05-06T05:00:00Z'))).toBeNull();
	});
});
