import { describe, expect, it } from 'vitest';
import { LineTable } from '../../src/search/columns.js';

describe('LineTable', () => {
	it('reads each stored line back as the text it was, empty and accented lines included', () => {
		const texts = ['spiking networks', '', 'réseaux de neurones', '脉冲神经网络', 'last'];
		const table = LineTable.of(Buffer.from(texts.join('\n'), 'utf8'), texts.length);
		expect(table.length).toBe(texts.length);
		expect(Array.from({ length: table.length }, (_, at) => table.at(at))).toEqual(texts);
		expect(table.at(texts.length)).toBeUndefined();
		expect(table.at(-1)).toBeUndefined();
	});

	it('holds no lines for an empty section, and refuses bytes with another number of lines than stored', () => {
		expect(LineTable.of(Buffer.alloc(0), 0).length).toBe(0);
		expect(() => LineTable.of(Buffer.from('a\nb'), 3)).toThrow('expected 3 lines, found 2');
	});
});
