import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnnounceType } from '../../src/arxiv/announcements.js';

/** One entry as arXiv's announcement feed writes it. */
export interface FeedEntry {
	id: string;
	title: string;
	/** `dc:creator`, as arXiv writes it: every author in one comma-separated string. */
	creators: string;
	abstract: string;
	/** Primary first. */
	categories: string[];
	type: AnnounceType;
	version?: number;
	doi?: string;
	journalRef?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A feed in arXiv's real format (see ../shared/notes/arxiv-atom-sample.xml) for `date` (YYYY-MM-DD, Eastern). */
export function announcementXml(categories: string, date: string, entries: readonly FeedEntry[]): string {
	const items = entries.map((entry) => {
		const version = `${entry.id}v${entry.version ?? (entry.type.startsWith('replace') ? 2 : 1)}`;
		const optional = [
			entry.journalRef ? `    <arxiv:journal_reference>${escapeXml(entry.journalRef)}</arxiv:journal_reference>` : '',
			entry.doi ? `    <arxiv:DOI>${escapeXml(entry.doi)}</arxiv:DOI>` : '',
		].filter(Boolean);
		return [
			'  <entry>',
			`    <id>oai:arXiv.org:${version}</id>`,
			`    <title>${escapeXml(entry.title)}</title>`,
			`    <updated>${date}T04:00:19.899254+00:00</updated>`,
			`    <link href="https://arxiv.org/abs/${entry.id}" rel="alternate" type="text/html"/>`,
			`    <summary>arXiv:${version} Announce Type: ${entry.type} \nAbstract: ${escapeXml(entry.abstract)}</summary>`,
			...entry.categories.map((category) => `    <category term="${category}"/>`),
			`    <published>${date}T00:00:00-04:00</published>`,
			`    <arxiv:announce_type>${entry.type}</arxiv:announce_type>`,
			'    <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>',
			...optional,
			`    <dc:creator>${escapeXml(entry.creators)}</dc:creator>`,
			'  </entry>',
		].join('\n');
	});
	return [
		"<?xml version='1.0' encoding='UTF-8'?>",
		'<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom" xml:lang="en-us">',
		`  <id>http://rss.arxiv.org/atom/${categories}</id>`,
		`  <title>${categories} updates on arXiv.org</title>`,
		`  <updated>${date}T04:00:19.866337+00:00</updated>`,
		`  <link href="http://rss.arxiv.org/atom/${categories}" rel="self" type="application/atom+xml"/>`,
		`  <subtitle>${categories} updates on the arXiv.org e-print archive.</subtitle>`,
		...items,
		'</feed>',
		'',
	].join('\n');
}

/** What the stand-in answers for one feed path (`cs.NE+q-bio.NC`). */
export interface FeedAnswer {
	status?: number;
	body?: string;
	/** Sent as `ETag`; a request whose `If-None-Match` equals it gets 304. */
	etag?: string;
	/** Wait this long before answering. */
	delayMs?: number;
}

/** A request the stand-in received. */
export interface FeedRequest {
	path: string;
	headers: IncomingHttpHeaders;
	at: number;
}

/**
 * arXiv's announcement feed on 127.0.0.1 (random port): answers `/atom/<cats>` from `answers`,
 * which a test may change between requests; unknown paths get arXiv's empty feed.
 */
export async function startFeedStandIn(answers: Record<string, FeedAnswer | FeedAnswer[]>) {
	const received: FeedRequest[] = [];
	const server = createServer((request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/atom\//, ''));
		received.push({ path, headers: request.headers, at: Date.now() });
		const listed = answers[path];
		// A list answers in turn, its last answer repeating.
		const answer = (Array.isArray(listed) ? (listed.length > 1 ? listed.shift() : listed[0]) : listed) ?? {
			body: announcementXml(path, '2025-08-20', []),
		};
		setTimeout(() => {
			if (response.destroyed) return;
			if (answer.etag && request.headers['if-none-match'] === answer.etag) {
				response.writeHead(304, { ETag: answer.etag });
				response.end();
				return;
			}
			response.writeHead(answer.status ?? 200, {
				'Content-Type': 'application/atom+xml; charset=utf-8',
				...(answer.etag ? { ETag: answer.etag } : {}),
			});
			response.end(answer.body ?? '');
		}, answer.delayMs ?? 0);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		feedUrl: `http://127.0.0.1:${port}/atom`,
		received,
		answers,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
