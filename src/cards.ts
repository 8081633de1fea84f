/**
 * Cards: papers and pages of results as Discord embed and component JSON, within Discord's limits
 * for any input. Pure functions; nothing here talks to Discord.
 */
export { buildPaperCard, cardComponents, categoryColour, displayTitle, threadName } from './cards/paper-card.js';
export type { CardComponentOptions, PaperCardOptions } from './cards/paper-card.js';
export { buildResultsMessage } from './cards/results.js';
export type { CardMessage, ResultsPage } from './cards/results.js';
export { buildHelpEmbed } from './cards/help.js';
export type { HelpEntry } from './cards/help.js';
export {
	COMPONENT_LIMITS,
	componentLimitViolations,
	EMBED_LIMITS,
	embedCharacterCount,
	embedLimitViolations,
	truncateAtWord,
} from './cards/limits.js';
export { defuseMentions, escapeMarkdown, stripInvisibleControls } from './cards/safe-text.js';
