import type { APIEmbed, Client } from 'discord.js';
import { threadName } from '../cards/index.js';
import { markdownSafe, plainLine } from '../cards/safe-text.js';
import type { Env } from '../env.js';
import type { Library } from '../search/library.js';
import type { Logger } from '../log.js';
import type { Paper } from '../corpus/paper.js';
import { getPaper, paperCount } from '../search/paper-index.js';
import { savedSearchMatcher } from '../search/match.js';
import { planDigest } from '../schedule/digest.js';
import { channelProblem, createDiscordPoster, type DiscordPoster } from './schedule-posts.js';
import { getPost, POST_NAMES, recentPosts, type PostKind } from '../schedule/post-log.js';
import { buildDigestMessages, buildEmptyDigestMessage, buildPotdMessage, type PostMessage } from './post-messages.js';
import { paperOfTheDay } from '../schedule/rotation.js';
import { createScheduler, nextPostTimes, type Scheduler } from '../schedule/scheduler.js';
import { checkGuildSettings, DEFAULT_SETTINGS, getGuildSettings, listGuildSettings, saveGuildSettings, type GuildSettings } from '../schedule/settings.js';
import type { State } from '../schedule/state.js';
import { buildStatusEmbed, formatLocalTime } from './schedule-status.js';
import { localDate, nextPotdTime, ScheduleSettingError } from '../schedule/time.js';

/** What the schedule commands use: settings, today's paper, previews and status, over the running scheduler. */
export interface ScheduleService {
	readonly state: State;
	/** The clock every decision reads. */
	now(): Date;
	/** A guild's settings in force: saved ones, else the environment's (for DISCORD_GUILD_ID) or the defaults. */
	settingsFor(guildId: string): GuildSettings;
	/**
	 * Checks and saves new settings for a guild and re-arms its timers. Throws ScheduleSettingError
	 * (nothing saved) for a bad value or a channel the bot cannot post in.
	 */
	configure(guildId: string, changes: Partial<Omit<GuildSettings, 'guild_id'>>): GuildSettings;
	/** Today's paper of the day in the guild (its local date): the one that is or will be posted today. */
	todaysPaper(guildId: string): Paper | null;
	/** The guild's next post of `kind` as it would be sent now, without using its slot. */
	preview(guildId: string, kind: PostKind): PostMessage[];
	/** `/paperbot status` for a guild. */
	status(guildId: string): APIEmbed;
	/** Stops the timers and waits for posts in progress. */
	stop(): Promise<void>;
}

export interface ScheduleServiceOptions {
	state: State;
	library: Library;
	client: Client<true>;
	env: Env;
	log: Logger;
	now?: () => Date;
	/** Replaces the discord.js poster (tests). */
	poster?: DiscordPoster;
}

function envSettings(env: Env, guildId: string): GuildSettings {
	const isEnvGuild = env.DISCORD_GUILD_ID === guildId;
	return checkGuildSettings({
		guild_id: guildId,
		potd_channel_id: isEnvGuild ? (env.POTD_CHANNEL_ID ?? null) : null,
		potd_time: env.POTD_TIME,
		timezone: env.TIMEZONE,
		potd_thread: DEFAULT_SETTINGS.potd_thread,
		digest_channel_id: isEnvGuild ? (env.DIGEST_CHANNEL_ID ?? null) : null,
		digest_cron: env.DIGEST_SCHEDULE,
	});
}

/**
 * Opens the schedule over a connected client: builds the scheduler whose posts go through
 * discord.js, and starts it for the environment's guild and every guild with saved settings.
 */
export async function startScheduleService(options: ScheduleServiceOptions): Promise<ScheduleService> {
	const { state, library, client, env, log } = options;
	const now = options.now ?? (() => new Date());
	const poster = options.poster ?? createDiscordPoster(client, log);
	const settingsFor = (guildId: string) => getGuildSettings(state, guildId) ?? envSettings(env, guildId);

	function potdPaper(guildId: string, date: string): Paper {
		const index = library.current();
		const paperId = paperOfTheDay(state, guildId, date, index.papers.map((paper) => paper.id));
		const paper = paperId === null ? null : getPaper(index, paperId);
		if (!paper) throw new Error(`schedule/service: no paper of the day for ${date}: ${paperId ? `${paperId} is no longer in the corpus` : 'the corpus is empty'}`);
		return paper;
	}

	function digestMessages(guildId: string, slot: string, asOf: Date): PostMessage[] {
		const index = library.current();
		const plan = planDigest(state, guildId, asOf, savedSearchMatcher(index));
		const papers = new Map(plan.paperIds.flatMap((id) => {
			const paper = getPaper(index, id);
			return paper ? [[id, paper] as const] : [];
		}));
		const intro = `**New papers** since the last digest: ${papers.size}`;
		const messages = buildDigestMessages(plan, papers, slot, intro);
		return messages.length > 0 ? messages : [buildEmptyDigestMessage(slot)];
	}

	const scheduler: Scheduler = createScheduler({
		state,
		now,
		catchUp: env.POTD_CATCH_UP,
		postEmptyDigest: env.DIGEST_EMPTY === 'note',
		log,
		async post(guild, kind, slot) {
			if (kind === 'potd') {
				const paper = potdPaper(guild.guild_id, slot);
				const thread = guild.potd_thread ? threadName(paper) : undefined;
				return { messageId: await poster.send(guild.guild_id, guild.potd_channel_id as string, [buildPotdMessage(paper, slot)], thread) };
			}
			return { messageId: await poster.send(guild.guild_id, guild.digest_channel_id as string, digestMessages(guild.guild_id, slot, new Date(slot))) };
		},
		reconcile(guild, kind, slot) {
			const channelId = kind === 'potd' ? guild.potd_channel_id : guild.digest_channel_id;
			return channelId ? poster.findPost(guild.guild_id, channelId, kind, slot) : Promise.resolve(null);
		},
	});

	const guilds = listGuildSettings(state);
	if (env.DISCORD_GUILD_ID && !guilds.some((guild) => guild.guild_id === env.DISCORD_GUILD_ID)) {
		const fromEnv = envSettings(env, env.DISCORD_GUILD_ID);
		if (fromEnv.potd_channel_id || fromEnv.digest_channel_id) guilds.push(fromEnv);
	}
	await scheduler.start(guilds);
	log.info({ guilds: guilds.length }, 'schedule: started');

	return {
		state,
		now,
		settingsFor,
		configure(guildId, changes) {
			const next = checkGuildSettings({ ...settingsFor(guildId), ...changes, guild_id: guildId });
			const problems = [
				changes.potd_channel_id ? channelProblem(client, guildId, changes.potd_channel_id, next.potd_thread) : null,
				changes.digest_channel_id ? channelProblem(client, guildId, changes.digest_channel_id, false) : null,
			].filter((problem): problem is string => problem !== null);
			if (problems.length > 0) throw new ScheduleSettingError(`${problems.join('\n')}; pick a text channel where paperbot may view, send, embed links and read history`);
			const saved = saveGuildSettings(state, next);
			scheduler.update(saved);
			log.info({ guild: guildId, settings: saved }, 'schedule: settings saved');
			return saved;
		},
		todaysPaper(guildId) {
			const { timezone } = settingsFor(guildId);
			try {
				return potdPaper(guildId, localDate(now(), timezone));
			} catch {
				return null;
			}
		},
		preview(guildId, kind) {
			const settings = settingsFor(guildId);
			const at = now();
			if (kind === 'digest') return digestMessages(guildId, at.toISOString(), at);
			const today = localDate(at, settings.timezone);
			// Today's paper until today's post is out, then the next day's.
			const sentToday = getPost(state, guildId, 'potd', today)?.status === 'sent';
			const date = sentToday ? localDate(nextPotdTime(settings.potd_time, settings.timezone, at), settings.timezone) : today;
			return [buildPotdMessage(potdPaper(guildId, date), date)];
		},
		status(guildId) {
			const settings = settingsFor(guildId);
			const problems = scheduler.problems(guildId).map((problem) => `${POST_NAMES[problem.kind]} ${problem.slot}: ${markdownSafe(plainLine(problem.error))} (${problem.attempts} attempt(s), last ${formatLocalTime(new Date(problem.claimedAt), settings.timezone)})`);
			if (settings.potd_channel_id) {
				const problem = channelProblem(client, guildId, settings.potd_channel_id, settings.potd_thread);
				if (problem) problems.push(`Paper of the day: ${problem}`);
			}
			if (settings.digest_channel_id) {
				const problem = channelProblem(client, guildId, settings.digest_channel_id, false);
				if (problem) problems.push(`Digest: ${problem}`);
			}
			if (library.problem) problems.push(`Corpus reload failed; the previous corpus stays in service: ${markdownSafe(plainLine(library.problem))}`);
			if (library.warnings.length > 0) problems.push(`Corpus: ${library.warnings.length} record(s) skipped, e.g. ${markdownSafe(plainLine(library.warnings[0] as string))}`);
			return buildStatusEmbed({
				settings,
				papers: paperCount(library.current()),
				loadedAt: library.loadedAt,
				next: nextPostTimes(settings, now()),
				recentPosts: recentPosts(state, guildId, 5),
				problems,
			});
		},
		stop: () => scheduler.stop(),
	};
}
