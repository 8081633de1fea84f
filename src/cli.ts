import { runCli } from './run-cli.js';

// `npx paperbot …`: exits as soon as the answer is written, not when the last socket to arXiv closes.
process.exit(await runCli(process.argv.slice(2), process));
