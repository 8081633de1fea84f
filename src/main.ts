import dotenv from 'dotenv';
import { commands } from '../commands/all.js';
import type { CommandContext } from '../commands/index.js';
import packageJson from '../package.json' with { type: 'json' };
import { arxivUserAgent } from './arxiv/add-papers.js';
import { openCuration } from './arxiv/curation.js';
import { openBibtexImporter } from './library/import-bibtex.js';
import { createFeedClient } from './arxiv/feed-client.js';
import { createRequestQueue } from './arxiv/queue.js';
import { curatorPolicy } from './interaction/permissions.js';
import { hasConsoleInput, runConsole } from './console/console.js';
import { doiLookupOptions, EnvError, parseEnv, scheduleDefaults, settingsOver, zoteroSettings } from './env.js';
import { createDoiLookup } from './library/doi-papers.js';
import { openLibrary } from './search/library.js';
import { paperIds } from './search/paper-index.js';
import { createLogger, createTerminalLogger } from './log.js';
import { CorpusError } from './corpus/load.js';
import { watchCorpus } from './corpus/watch.js';
import { openDigestMarks } from './store/digest-marks.js';
import type { ScheduleService } from './services/schedule-service.js';
import { openState, StateError } from './store/state.js';
import { openPaperPosts, type PaperPostStore } from './store/paper-posts.js';
import { lazyReadingDesk, LOCAL_READING_LIST, openReadingDesk, type ReadingDesk } from './services/reading-desk.js';
import { startZoteroService } from './services/zotero-service.js';
import { libraryUserAgent } from './library/contact.js';
import { lazyLabDesk, openLabDesk, type LabDesk } from './services/lab-desk.js';
import { createOpenAlexCitations } from './library/openalex-citations.js';

/** Stops within Discord's expectations: close the gateway, then exit even if closing hangs. */
const SHUTDOWN_TIMEOUT_MS = 4_000;

async function main(): Promise<void> {
	dotenv.config({ quiet: true });
	const env = parseEnv(process.env);
	if (!env.DISCORD_TOKEN && !hasConsoleInput()) {
		// As a service (stdin is /dev/null) the console would end at once: fail, so the journal shows why.
		process.stderr.write(
			'paperbot: DISCORD_TOKEN is not set, and there is no terminal or piped input to answer at the console; set DISCORD_TOKEN in .env to connect to Discord.\n',
		);
		process.exitCode = 1;
		return;
	}
	// At the console, log records are plain lines and only warnings, so they do not break into answers.
	const log = env.DISCORD_TOKEN ? createLogger(env.LOG_LEVEL) : createTerminalLogger(env.LOG_LEVEL);
	// Only a connected bot loads discord.js, so the console starts a second sooner; the bot loads it while the corpus loads.
	const discordModules = env.DISCORD_TOKEN
		? Promise.all([import('./discord/bot.js'), import('./discord/schedule-posts.js'), import('./services/schedule-service.js')])
		: null;
	// Its failure surfaces where it is awaited, not as an unhandled rejection while the corpus loads.
	discordModules?.catch(() => undefined);
	const library = await openLibrary(env.CORPUS_PATH, log);
	// On Discord adding is for curators; at the console, whoever runs paperbot owns the corpus.
	const mayAdd = env.DISCORD_TOKEN ? curatorPolicy(env.CURATOR_ROLE_ID) : () => true;
	const feedPaper = (id: string) => schedule?.feedPaper(id) ?? null;
	const arxivQueue = createRequestQueue(env.ARXIV_REQUEST_INTERVAL * 1000);
	const curation = await openCuration({
		corpusPath: env.CORPUS_PATH,
		apiUrl: env.ARXIV_API_URL,
		queue: arxivQueue,
		library,
		mayAdd,
		knownPaper: feedPaper,
		lookUpDois: createDoiLookup(doiLookupOptions(env, packageJson.version)),
	});
	// On Discord a .bib comes as an attachment; at the console, as a path on this machine.
	const bibtexImport =
		curation && openBibtexImporter({ corpusPath: env.CORPUS_PATH, library, mayImport: mayAdd, localFiles: !env.DISCORD_TOKEN });
	let schedule: ScheduleService | undefined;
	let reading: ReadingDesk | undefined;
	let paperPosts: PaperPostStore | undefined;
	let lab: LabDesk | undefined;
	const context = (): CommandContext => ({
		index: library.current(),
		random: Math.random,
		curation,
		bibtexImport,
		feedPaper,
		...(schedule && { schedule, teachFeed: schedule.teachFeed, markNotForUs: schedule.markNotForUs }),
		...(reading && { reading }),
		...(paperPosts && { paperPosts }),
		...(lab && { lab }),
	});

	if (!env.DISCORD_TOKEN) {
		process.stderr.write('paperbot: set DISCORD_TOKEN in .env to connect to Discord; answering here instead.\n');
		const localDesk = lazyReadingDesk(() => {
			const state = openState(env.STATE_PATH);
			return { desk: openReadingDesk({ state, library, settingsFor: settingsOver(state, env) }), close: () => state.close() };
		}, env.DISCORD_GUILD_ID ?? LOCAL_READING_LIST);
		reading = localDesk;
		const localLab = lazyLabDesk(env.LAB_AUTHORS ?? [], () => {
			const state = openState(env.STATE_PATH);
			return { desk: openLabDesk({ state, library, authors: env.LAB_AUTHORS ?? [] }), close: () => state.close() };
		});
		lab = localLab;
		// A state file that cannot be used ends the console with its one-line reason, as at the CLI.
		await runConsole(commands, context, process.stdin, process.stdout, (error) => {
			if (error instanceof StateError) throw error;
			console.error(error);
		}).finally(() => {
			localDesk.close();
			localLab.close();
		});
		return;
	}

	const [{ startBot }, { createDiscordPoster }, { startScheduleService }] = await (discordModules as NonNullable<typeof discordModules>);
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	const state = openState(env.STATE_PATH);
	reading = openReadingDesk({ state, library, settingsFor: settingsOver(state, env) });
	paperPosts = openPaperPosts(state);
	lab = openLabDesk({ state, library, authors: env.LAB_AUTHORS ?? [] });
	const digestMarks = openDigestMarks(state);
	library.onLoad((_corpus, index, added) => digestMarks.recordFirstSeen(added ?? paperIds(index), new Date()));
	const corpusWatch = await watchCorpus(env.CORPUS_PATH, () => library.reload(), log);
	const zoteroSetup = zoteroSettings(env);
	const zotero = zoteroSetup
		? startZoteroService({
				settings: zoteroSetup,
				state,
				corpusPath: env.CORPUS_PATH,
				userAgent: libraryUserAgent(packageJson.version, env.CONTACT_EMAIL),
				library,
				log,
			})
		: undefined;
	const client = await startBot({
		token: env.DISCORD_TOKEN,
		apiUrl: env.DISCORD_API_URL,
		guildId: env.DISCORD_GUILD_ID,
		commands,
		context,
		log,
	});
	const stop = (signal: string) => {
		log.info({ signal }, 'shutting down');
		setTimeout(() => process.exit(0), SHUTDOWN_TIMEOUT_MS).unref();
		corpusWatch.close();
		void Promise.all([schedule?.stop(), zotero?.stop()])
			.then(() => client.destroy())
			.finally(() => {
				state.close();
				process.exit(0);
			});
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const feedClient = createFeedClient({ feedUrl: env.ARXIV_FEED_URL, userAgent: arxivUserAgent(packageJson.version), queue: arxivQueue });
	schedule = await startScheduleService({
		state,
		library,
		poster: createDiscordPoster(client, log),
		defaults: scheduleDefaults(env),
		log,
		feedClient,
		...(zotero && { zotero }),
		followUp: {
			arxiv: { apiUrl: env.ARXIV_API_URL, queue: arxivQueue, userAgent: arxivUserAgent(packageJson.version) },
			corpusPath: env.CORPUS_PATH,
			dailyChecks: env.ARXIV_CHECKS_PER_DAY,
			reload: () => library.reload(),
		},
		lab,
		openAlex: createOpenAlexCitations({
			apiUrl: env.OPENALEX_API_URL,
			mailto: env.CONTACT_EMAIL,
			apiKey: env.OPENALEX_API_KEY,
			userAgent: libraryUserAgent(packageJson.version, env.CONTACT_EMAIL),
		}),
	});
}

main().catch((error: unknown) => {
	if (error instanceof EnvError || error instanceof CorpusError || error instanceof StateError) process.stderr.write(`${error.message}\n`);
	else process.stderr.write(`paperbot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
