import type { GuildSettings } from '../store/settings.js';
import type { Timers } from './timers.js';

/** A scheduler of each guild's daily looks (the arXiv feed's, the citation alerts'). */
export interface GuildLookScheduler {
	/** Looks now for guilds whose time has passed today without a look, and arms the next looks. */
	start(guilds: readonly GuildSettings[]): Promise<void>;
	/** Takes a guild's new settings: looks now if its time has passed today without a look. */
	update(guild: GuildSettings): void;
	/** Cancels every timer and waits for looks in progress. */
	stop(): Promise<void>;
}

/**
 * A guild look scheduler over `arm`, which looks now or arms one guild's next look on `timers`;
 * `running` holds the looks in progress, which stopping waits for.
 */
export function guildLookScheduler(
	arm: (guild: GuildSettings) => Promise<void>,
	timers: Timers,
	running: ReadonlyMap<string, Promise<void>>,
): GuildLookScheduler {
	return {
		async start(guilds) {
			await Promise.all(guilds.map(arm));
		},
		update(guild) {
			void arm(guild);
		},
		async stop() {
			timers.stop();
			await Promise.allSettled([...running.values()]);
		},
	};
}
