/**
 * Cards: papers and pages of results as Discord embed and component JSON, within Discord's limits
 * for any input. Pure functions; nothing here talks to Discord.
 */
export { buildPaperCard, cardComponents, categoryColour, displayTitle, threadName } from './paper-card.js';
export type { CardComponentOptions, PaperCardOptions } from './paper-card.js';
export { buildResultsMessage } from './results.js';
export type { CardMessage, ResultsPage } from './results.js';
export { buildHelpEmbed } from './help.js';
export type { HelpEntry } from './help.js';
export {
	COMPONENT_LIMITS,
	componentLimitViolations,
	EMBED_LIMITS,
	embedCharacterCount,
	embedLimitViolations,
	truncateAtWord,
} from './limits.js';
export { defuseMentions, escapeMarkdown, stripInvisibleControls } from './safe-text.js';
