import help from './help.js';
import type { Command } from './index.js';
import paperCards from './paper-cards.js';
import paper from './paper.js';

/** Every command paperbot registers, in the order `/help` and the console list them. */
export const commands: readonly Command[] = [paper, paperCards, help];
