/** Timers in named groups, each firing at a wall-clock time read from an injectable clock. */
export interface Timers {
	/** Runs `task` at `at` (or at once when `at` has passed); nothing runs after `stop`. */
	later(group: string, at: Date, task: () => void): void;
	/** Cancels a group's timers. */
	clear(group: string): void;
	/** Cancels every timer; later ones are refused. */
	stop(): void;
	/** Whether `stop` was called. */
	readonly stopped: boolean;
}

// Timers wake at least hourly so long waits survive setTimeout's 24.8-day limit and clock jumps.
const MAX_TIMER_MS = 3_600_000;

/** Timers over the clock `now`: a timer that wakes early (a capped wait, a clock set back) waits again. */
export function createTimers(now: () => Date): Timers {
	const groups = new Map<string, Set<NodeJS.Timeout>>();
	let stopped = false;
	function later(group: string, at: Date, task: () => void): void {
		if (stopped) return;
		const delay = Math.max(0, Math.min(at.getTime() - now().getTime(), MAX_TIMER_MS));
		const handles = groups.get(group) ?? new Set();
		groups.set(group, handles);
		const handle = setTimeout(() => {
			handles.delete(handle);
			if (stopped) return;
			if (now() < at) later(group, at, task);
			else task();
		}, delay);
		handles.add(handle);
	}
	function clear(group: string): void {
		for (const handle of groups.get(group) ?? []) clearTimeout(handle);
		groups.delete(group);
	}
	return {
		later,
		clear,
		stop() {
			stopped = true;
			for (const group of [...groups.keys()]) clear(group);
		},
		get stopped() {
			return stopped;
		},
	};
}
