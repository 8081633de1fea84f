// Run in a child process by append.test.ts: waits until the wall-clock time `startAt` (ms), then
// appends `count` papers one by one to the corpus at `corpusPath`, each with an abstract of
// `abstractLength` characters when given.
import { appendPapers } from '../../src/arxiv/append.js';
import { paperSchema } from '../../src/corpus/paper.js';

const [corpusPath, idPrefix, count, startAt, abstractLength] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (let index = 0; index < Number(count); index += 1) {
	const id = `${idPrefix}${String(index).padStart(2, '0')}`;
	const abstract = abstractLength ? 'a'.repeat(Number(abstractLength)) : `Abstract of ${id}.`;
	await appendPapers(corpusPath!, [paperSchema.parse({ id, title: `Paper ${id}`, abstract })]);
}
