// Run in a child process by append.test.ts: says "ready" once started, then, when a line arrives
// on stdin (so several workers begin at the same moment), appends `count` papers one by one to the
// corpus at `corpusPath`, each with an abstract of `abstractLength` characters when given.
import { once } from 'node:events';
import { appendPapers } from '../../src/corpus/append.js';
import { paperSchema } from '../../src/corpus/paper.js';

const [corpusPath, idPrefix, count, abstractLength] = process.argv.slice(2);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let index = 0; index < Number(count); index += 1) {
	const id = `${idPrefix}${String(index).padStart(2, '0')}`;
	const abstract = abstractLength ? 'a'.repeat(Number(abstractLength)) : `Abstract of ${id}.`;
	await appendPapers(corpusPath!, [paperSchema.parse({ id, title: `Paper ${id}`, abstract })]);
}
process.stdin.destroy();
