import help from './help.js';
import type { AnyCommand } from './index.js';
import paperCards from './paper-cards.js';
import paper from './paper.js';
import paperbot from './paperbot.js';
import potd from './potd.js';

/** Every command paperbot registers, in the order `/help` and the console list them. */
export const commands: readonly AnyCommand[] = [paper, potd, paperbot, paperCards, help];
