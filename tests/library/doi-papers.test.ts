import { afterEach, describe, expect, it } from 'vitest';
import { createDoiLookup, type DoiLookupOptions } from '../../src/library/doi-papers.js';
import { readFixture, type ServiceStandIn, startCrossrefStandIn, startOpenAlexStandIn, type WorkAnswers } from './library-stand-ins.js';

const DIEHL = '10.3389/fncom.2015.00099';
const LECUN = '10.1038/nature14539';
const SSD = '10.1007/978-3-319-46448-0_2';
const OPTUNA = '10.1145/3292500.3330701';
const KEY = 'oa-key-5ecret';

let crossref: ServiceStandIn | undefined;
let openAlex: ServiceStandIn | undefined;
afterEach(async () => {
	await Promise.all([crossref?.close(), openAlex?.close()]);
	crossref = openAlex = undefined;
});

const CROSSREF_WORKS: Record<string, WorkAnswers> = {
	[DIEHL]: 'diehl-cook-2015.json',
	[LECUN]: 'lecun-bengio-hinton-2015.json',
	[SSD]: 'liu-ssd-2016.json',
};
const OPENALEX_WORKS: Record<string, WorkAnswers> = { [LECUN]: 'lecun-bengio-hinton-2015.json', [SSD]: 'liu-ssd-2016.json' };

/** A DOI lookup against the stand-ins, its waits recorded rather than slept. */
async function lookUpWith(
	crossrefWorks: Record<string, WorkAnswers> = CROSSREF_WORKS,
	openAlexWorks: Record<string, WorkAnswers> = OPENALEX_WORKS,
	options: Partial<DoiLookupOptions> = {},
) {
	crossref = await startCrossrefStandIn(crossrefWorks);
	openAlex = await startOpenAlexStandIn(openAlexWorks);
	const waits: number[] = [];
	const lookUp = createDoiLookup({
		version: '0.1.0',
		contactEmail: 'lab@example.org',
		crossrefUrl: crossref.apiUrl,
		openAlexUrl: openAlex.apiUrl,
		openAlexKey: KEY,
		sleep: async (ms) => {
			waits.push(ms);
		},
		...options,
	});
	return { lookUp, waits };
}

describe('createDoiLookup', () => {
	it("makes a paper of Crossref's record, with the abstract from its JATS, without asking OpenAlex", async () => {
		const { lookUp } = await lookUpWith();
		const { papers, missing } = await lookUp([DIEHL]);
		expect(missing).toEqual([]);
		expect(papers).toHaveLength(1);
		expect(papers[0]).toMatchObject({
			id: `doi:${DIEHL}`,
			title: 'Unsupervised learning of digit recognition using spike-timing-dependent plasticity',
			authors: ['Peter U. Diehl', 'Matthew Cook'],
			venue: 'Frontiers in Computational Neuroscience',
			published: '2015-08-03',
			doi: DIEHL,
			url: `https://doi.org/${DIEHL}`,
			entry_type: 'article',
			categories: null,
		});
		expect(papers[0]!.abstract).toMatch(
			/^In order to understand how the mammalian neocortex .* heterogeneous biological neural networks\.$/,
		);
		expect(openAlex!.received).toEqual([]);
	});

	it('takes the abstract from OpenAlex, rebuilt from its inverted index, when Crossref has none', async () => {
		const { lookUp } = await lookUpWith();
		const { papers } = await lookUp([LECUN]);
		expect(papers[0]).toMatchObject({
			id: `doi:${LECUN}`,
			title: 'Deep learning',
			authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
		});
		expect(papers[0]!.abstract).toBe(
			'Deep learning allows computational models that are composed of multiple processing layers to learn representations of data with multiple levels of abstraction. These methods have dramatically improved the state-of-the-art in speech recognition, visual object recognition, object detection and many other domains such as drug discovery and genomics. Deep learning discovers intricate structure in large data sets by using the backpropagation algorithm to indicate how a machine should change its internal parameters that are used to compute the representation in each layer from the representation in the previous layer. Deep convolutional nets have brought about breakthroughs in processing images, video, speech and audio, whereas recurrent nets have shone light on sequential data such as text and speech.',
		);
		expect(openAlex!.received.map((request) => request.path)).toEqual([`/works/doi:${LECUN}`]);
	});

	it('keeps a paper neither service has an abstract for without one', async () => {
		const { lookUp } = await lookUpWith();
		const { papers, missing } = await lookUp([SSD]);
		expect(missing).toEqual([]);
		expect(papers.map((paper) => [paper.id, paper.title, paper.venue, paper.abstract])).toEqual([
			[`doi:${SSD}`, 'SSD: Single Shot MultiBox Detector', 'Computer Vision – ECCV 2016', null],
		]);
		expect(openAlex!.received).toHaveLength(1);
	});

	it('refuses a record with neither a title nor an abstract anywhere, in words', async () => {
		const record = JSON.parse(readFixture('crossref', 'liu-ssd-2016.json'));
		record.message.title = [];
		const { lookUp } = await lookUpWith({ [SSD]: [{ body: JSON.stringify(record) }] });
		expect((await lookUp([SSD])).missing).toEqual([
			{ id: `doi:${SSD}`, code: 'incomplete-entry', reason: `Crossref's record of ${SSD} has no title, and no abstract is known.` },
		]);
	});

	it('says Crossref has no record of a DOI it does not know, without asking OpenAlex', async () => {
		const { lookUp } = await lookUpWith();
		expect(await lookUp(['10.1234/abc'])).toEqual({
			papers: [],
			missing: [{ id: 'doi:10.1234/abc', code: 'unknown-id', reason: 'Crossref has no record of 10.1234/abc.' }],
		});
		expect(crossref!.received.map((request) => request.path)).toEqual(['/works/10.1234%2Fabc']);
		expect(openAlex!.received).toEqual([]);
	});

	it('waits as a 429 Retry-After asks, then gets the record', async () => {
		const { lookUp, waits } = await lookUpWith({ [DIEHL]: [{ status: 429, headers: { 'Retry-After': '3' } }, 'diehl-cook-2015.json'] });
		const { papers, missing } = await lookUp([DIEHL]);
		expect(missing).toEqual([]);
		expect(papers.map((paper) => paper.id)).toEqual([`doi:${DIEHL}`]);
		expect(waits).toEqual([3000]);
		expect(crossref!.received).toHaveLength(2);
	});

	it('asks Crossref in its polite pool: mailto= and a User-Agent naming paperbot and the contact', async () => {
		const { lookUp } = await lookUpWith();
		await lookUp([LECUN]);
		for (const request of [...crossref!.received, ...openAlex!.received]) {
			expect(request.headers['user-agent']).toBe("paperbot/0.1.0 (Discord bot serving a research lab's library; mailto:lab@example.org)");
			expect(request.query.get('mailto')).toBe('lab@example.org');
		}
		expect(crossref!.received[0]!.query.get('api_key')).toBeNull();
	});

	it('sends the OpenAlex key as api_key=, and never shows it in a reason', async () => {
		const { lookUp } = await lookUpWith(CROSSREF_WORKS, { [LECUN]: [{ status: 404 }], [SSD]: [{ status: 400, body: '{"error": "bad"}' }] });
		const { papers, missing } = await lookUp([LECUN, SSD]);
		expect(openAlex!.received.map((request) => request.query.get('api_key'))).toEqual([KEY, KEY]);
		expect(papers.map((paper) => [paper.id, paper.abstract])).toEqual([[`doi:${LECUN}`, null]]);
		expect(missing).toEqual([
			{ id: `doi:${SSD}`, code: 'http-status', reason: `OpenAlex answered HTTP 400; check OPENALEX_API_URL (${openAlex!.apiUrl}).` },
		]);
		expect(JSON.stringify(missing)).not.toContain(KEY);
	});

	it('refuses an OpenAlex answer that is no work record, in words', async () => {
		const { lookUp } = await lookUpWith(CROSSREF_WORKS, { [LECUN]: [{ body: '<html>Service temporarily down</html>' }] });
		expect((await lookUp([LECUN])).missing).toEqual([
			{ id: `doi:${LECUN}`, code: 'malformed-feed', reason: `OpenAlex's answer for ${LECUN} is not a work record, so nothing was added.` },
		]);
	});

	it('asks from the public pool without a contact address, and without a key sends none', async () => {
		const { lookUp } = await lookUpWith(CROSSREF_WORKS, OPENALEX_WORKS, { contactEmail: undefined, openAlexKey: undefined });
		await lookUp([LECUN]);
		expect(crossref!.received[0]!.query.get('mailto')).toBeNull();
		expect(crossref!.received[0]!.headers['user-agent']).toBe("paperbot/0.1.0 (Discord bot serving a research lab's library)");
		expect(openAlex!.received[0]!.query.toString()).toBe('');
	});

	it('keys a published paper by its arXiv preprint when Crossref links one', async () => {
		const record = JSON.parse(readFixture('crossref', 'akiba-optuna-2019.json'));
		record.message.relation = { 'has-preprint': [{ 'id-type': 'doi', id: '10.48550/arXiv.1907.10902', 'asserted-by': 'subject' }] };
		const { lookUp } = await lookUpWith({ [OPTUNA]: [{ body: JSON.stringify(record) }] });
		const { papers } = await lookUp([OPTUNA]);
		expect(papers[0]).toMatchObject({ id: '1907.10902', doi: OPTUNA, venue: expect.stringContaining('SIGKDD') });
	});

	it('names a service that cannot be reached, and reports progress after each DOI', async () => {
		const { lookUp } = await lookUpWith(CROSSREF_WORKS, OPENALEX_WORKS, { crossrefUrl: 'http://127.0.0.1:9' });
		const progress: string[] = [];
		const { missing } = await lookUp([DIEHL, LECUN], (done, total) => progress.push(`${done}/${total}`));
		expect(missing.map((paper) => [paper.id, paper.code])).toEqual([
			[`doi:${DIEHL}`, 'network'],
			[`doi:${LECUN}`, 'network'],
		]);
		expect(missing[0]!.reason).toMatch(/^Crossref could not be reached: .*127\.0\.0\.1:9.*CROSSREF_API_URL \(http:\/\/127\.0\.0\.1:9\)/);
		expect(progress).toEqual(['1/2', '2/2']);
	});
});
