import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newlyAnnounced, parseAnnouncementFeed } from '../../src/arxiv/announcements.js';
import { ArxivError } from '../../src/arxiv/error.js';
import { announcementXml, type FeedEntry } from './feed-stand-in.js';

const SAMPLE = new URL('../../../shared/notes/arxiv-atom-sample.xml', import.meta.url);

const entry = (id: string, type: FeedEntry['type'], extra: Partial<FeedEntry> = {}): FeedEntry => ({
	id,
	title: `Paper ${id}`,
	creators: 'Ada Lovelace, Alan Turing',
	abstract: `The abstract of ${id}.`,
	categories: ['cs.NE'],
	type,
	...extra,
});

describe('parseAnnouncementFeed', () => {
	it.skipIf(!existsSync(SAMPLE))('reads the real cs.AI feed of 2025-08-20', () => {
		const announcement = parseAnnouncementFeed(readFileSync(SAMPLE, 'utf8'));
		expect(announcement.date).toBe('2025-08-20');
		expect(announcement.skipped).toEqual([]);
		expect(announcement.entries).toHaveLength(7);
		const first = announcement.entries[0]!;
		expect(first.announceType).toBe('cross');
		expect(first.paper).toMatchObject({
			id: '2508.13426',
			title: 'ALIGN: Word Association Learning for Cross-Cultural Generalization in Large Language Models',
			authors: ['Chunhua Liu', 'Kabir Manandhar Shrestha', 'Sukai Huang'],
			categories: ['cs.CL', 'cs.AI'],
			published: '2025-08-20',
		});
		expect(first.paper.abstract).toMatch(/^As large language models \(LLMs\) increasingly mediate/);
		const accented = announcement.entries.find((e) => e.paper.authors?.some((name) => name.startsWith('Paulo')));
		expect(accented?.paper.authors).toEqual(['Paulo André Lima de Castro']);
		expect(newlyAnnounced(announcement, { cross: false }).map((paper) => paper.id)).toHaveLength(2);
	});

	it('keeps LaTeX in titles, makes TeX accents in authors Unicode and splits "and"', () => {
		const xml = announcementXml('cs.NE', '2026-03-02', [
			entry('2603.00001', 'new', {
				title: 'Spiking nets at $1.13\\times$ the speed of $\\alpha$-synapses',
				creators: "Andr\\'e M\\\"uller, Jos\\'e Garc\\'ia, and Zo\\\"e Smith",
				doi: '10.1000/xyz',
				journalRef: 'Neural Comp. 1 (2026)',
			}),
		]);
		const [first] = parseAnnouncementFeed(xml).entries;
		expect(first?.paper).toMatchObject({
			title: 'Spiking nets at $1.13\\times$ the speed of $\\alpha$-synapses',
			authors: ['André Müller', 'José García', 'Zoë Smith'],
			doi: '10.1000/xyz',
			journal_ref: 'Neural Comp. 1 (2026)',
			abstract: 'The abstract of 2603.00001.',
		});
	});

	it('keeps new papers, and cross-lists when asked; never replacements', () => {
		const xml = announcementXml('cs.NE', '2026-03-02', [
			entry('2603.00001', 'new'),
			entry('2603.00002', 'cross', { categories: ['q-bio.NC', 'cs.NE'] }),
			entry('2501.00003', 'replace'),
			entry('2501.00004', 'replace-cross'),
		]);
		const announcement = parseAnnouncementFeed(xml);
		expect(announcement.entries.map((e) => [e.paper.id, e.announceType])).toEqual([
			['2603.00001', 'new'],
			['2603.00002', 'cross'],
			['2501.00003', 'replace'],
			['2501.00004', 'replace-cross'],
		]);
		expect(newlyAnnounced(announcement, { cross: true }).map((paper) => paper.id)).toEqual(['2603.00001', '2603.00002']);
		expect(newlyAnnounced(announcement, { cross: false }).map((paper) => paper.id)).toEqual(['2603.00001']);
		expect(announcement.entries[1]?.paper.categories).toEqual(['q-bio.NC', 'cs.NE']);
	});

	it('reads an empty feed as no announcement, not as a fault', () => {
		expect(parseAnnouncementFeed(announcementXml('cs.NE', '2026-03-07', []))).toEqual({ date: null, entries: [], skipped: [] });
	});

	it('keeps an entry without an abstract, skips one with neither title nor abstract, naming it, and keeps the rest', () => {
		const xml = announcementXml('cs.NE', '2026-03-02', [
			entry('2603.00001', 'new', { abstract: '', title: '' }),
			entry('2603.00002', 'new'),
			entry('2603.00003', 'new', { abstract: '' }),
		]);
		const announcement = parseAnnouncementFeed(xml);
		expect(announcement.entries.map((e) => [e.paper.id, e.paper.abstract])).toEqual([
			['2603.00002', 'The abstract of 2603.00002.'],
			['2603.00003', null],
		]);
		expect(announcement.skipped).toEqual(['2603.00001: the record has neither a title nor an abstract']);
	});

	it('throws a malformed-feed ArxivError for cut-off XML and for XML that is no feed', () => {
		const cut = announcementXml('cs.NE', '2026-03-02', [entry('2603.00001', 'new')]).slice(0, 400);
		expect(() => parseAnnouncementFeed(cut)).toThrow(ArxivError);
		expect(() => parseAnnouncementFeed(cut)).toThrow(/not well-formed XML/);
		expect(() => parseAnnouncementFeed('<html><body>busy</body></html>')).toThrow('arXiv answered a web page, not a feed.');
		expect(() => parseAnnouncementFeed('')).toThrow("arXiv's answer was empty.");
	});
});
