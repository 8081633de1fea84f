import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Curation } from '../src/arxiv/curation.js';
import type { ServedCommand, TypedCommand } from '../src/interaction/command.js';
import type { ScheduleService } from '../src/services/schedule-service.js';
import type { ReadingDesk } from '../src/services/reading-desk.js';
import type { LabDesk } from '../src/services/lab-desk.js';
import type { Surface } from '../src/interaction/spelling.js';
import type { Paper } from '../src/corpus/paper.js';
import type { PaperIndex } from '../src/search/paper-index.js';
import type { NotForUsMarks } from '../src/store/feed-feedback.js';
import type { PaperPostStore } from '../src/store/paper-posts.js';
import type { BibtexImporter } from '../src/library/import-bibtex.js';

/** What every handler may use. */
export interface CommandContext {
	/** Where the command was asked, for the commands its answers suggest; Discord when absent. */
	readonly surface?: Surface;
	/** The corpus index in service; read once per call, as a reload replaces it whole. */
	readonly index: PaperIndex;
	/** Source of randomness for `/paper random` (seedable in tests). */
	readonly random: () => number;
	/** Adding papers from arXiv or by DOI; absent where the corpus cannot be written, where adding refuses. */
	readonly curation?: Curation;
	/** Importing `.bib` files; absent where the corpus cannot be written, where importing refuses. */
	readonly bibtexImport?: BibtexImporter;
	/** Paper of the day, digests and their settings; absent in the console, where those commands refuse. */
	readonly schedule?: ScheduleService;
	/** A paper an arXiv feed post listed, as the feed described it; null when unknown. */
	readonly feedPaper?: (id: string) => Paper | null;
	/** Teaches a guild's arXiv feed that the lab took up a feed paper (see ComponentContext). */
	readonly teachFeed?: (guildId: string, paper: Paper) => void;
	/** A member's Not for us mark on a feed paper, put on or taken back (see ComponentContext). */
	readonly markNotForUs?: (guildId: string, userId: string, paper: Paper) => NotForUsMarks;
	/** Each server's one public post of a paper from a card's Share or Discuss (see ComponentContext). */
	readonly paperPosts?: PaperPostStore;
	/** The servers' reading lists; absent where paperbot keeps no state, where those commands refuse. */
	readonly reading?: ReadingDesk;
	/** The lab's own papers (`/paperbot ours`); absent where paperbot keeps no state, where that command refuses. */
	readonly lab?: LabDesk;
}

/**
 * One slash or context-menu command, default-exported by its module as
 * `{ data, execute } satisfies Command<typeof data>`: `data` is its registration JSON, declared
 * `as const` so the handler's options are typed from it; `execute` is a plain function of the
 * invocation that never touches Discord, so the bot, the console and the tests call it alike.
 */
export type Command<Definition extends RESTPostAPIApplicationCommandsJSONBody> = TypedCommand<CommandContext, Definition>;

/** A command as the bot and the console serve it, whatever its definition. */
export type AnyCommand = ServedCommand<CommandContext>;
