/**
 * Preloaded into the bot process to set its clock, so an end-to-end test meets a posting time
 * without waiting for the real one: `node --import tsx --import ./tests/e2e/clock.ts src/main.ts`
 * with `PAPERBOT_TEST_CLOCK=2026-03-02T08:59:59Z` (the tests start both compiled; see
 * ../compile-program.ts). The process then reads that instant, standing
 * still, until it receives SIGUSR2; from then its clock runs at the real rate. Everything that reads
 * the time (`Date.now()`, `new Date()`) sees this clock; timers still run on real time, which is
 * how the scheduler meets it in production: it wakes, reads the clock, and posts once it is due.
 */

const RealDate = Date;
const start = RealDate.parse(process.env.PAPERBOT_TEST_CLOCK ?? '');
if (Number.isNaN(start)) throw new Error('tests/e2e/clock: PAPERBOT_TEST_CLOCK must be an ISO 8601 instant');

/** `performance.now()` when the clock started running; null while it stands still. */
let runningSince: number | null = null;
const clockNow = () => (runningSince === null ? start : start + (performance.now() - runningSince));
process.once('SIGUSR2', () => (runningSince = performance.now()));

/** `Date` reading the clock when given no time; otherwise, and in every method, the real `Date`. */
function ClockDate(this: unknown, ...args: unknown[]): Date | string {
	if (!new.target) return new RealDate(clockNow()).toString();
	return Reflect.construct(RealDate, args.length === 0 ? [clockNow()] : args, new.target) as Date;
}
// One prototype, so dates made before and after this preload are alike (`instanceof Date` holds for both).
ClockDate.prototype = RealDate.prototype;
Object.setPrototypeOf(ClockDate, RealDate);
ClockDate.now = clockNow;
globalThis.Date = ClockDate as unknown as DateConstructor;
