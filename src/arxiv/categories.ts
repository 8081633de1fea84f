/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy): each archive with its
 * subject classes. An archive alone (`cs`, `q-bio`) names all of its classes, as the feed reads it.
 */
const TAXONOMY: Readonly<Record<string, readonly string[]>> = {
	cs: 'AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY'.split(' '),
	econ: ['EM', 'GN', 'TH'],
	eess: ['AS', 'IV', 'SP', 'SY'],
	math: 'AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST'.split(' '),
	'astro-ph': ['CO', 'EP', 'GA', 'HE', 'IM', 'SR'],
	'cond-mat': ['dis-nn', 'mes-hall', 'mtrl-sci', 'other', 'quant-gas', 'soft', 'stat-mech', 'str-el', 'supr-con'],
	'gr-qc': [],
	'hep-ex': [],
	'hep-lat': [],
	'hep-ph': [],
	'hep-th': [],
	'math-ph': [],
	nlin: ['AO', 'CD', 'CG', 'PS', 'SI'],
	'nucl-ex': [],
	'nucl-th': [],
	physics: (
		'acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph geo-ph hist-ph ' +
		'ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph'
	).split(' '),
	'quant-ph': [],
	'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
	'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
	stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
};

/** Every category and archive arXiv has, by its spelling folded to lower case. */
const BY_FOLDED = new Map<string, string[]>();
for (const [archive, classes] of Object.entries(TAXONOMY)) {
	for (const name of [archive, ...classes.map((subject) => `${archive}.${subject}`)]) {
		const folded = name.toLowerCase();
		BY_FOLDED.set(folded, [...(BY_FOLDED.get(folded) ?? []), name]);
	}
}

/**
 * arXiv's spelling of a category or archive (`cs.ne` → `cs.NE`, `Q-BIO` → `q-bio`), or null when
 * arXiv lists no such category (or the case-folded spelling could be more than one).
 */
export function canonicalCategory(text: string): string | null {
	const spellings = BY_FOLDED.get(text.toLowerCase()) ?? [];
	if (spellings.includes(text)) return text;
	return spellings.length === 1 ? spellings[0]! : null;
}

/** The categories of the archive `text` names (`cs.XX` → `cs.AI cs.AR …`), for a message; empty when it names none. */
export function categoriesOfArchive(text: string): string {
	const archive = text.toLowerCase().split('.')[0]!;
	return (Object.hasOwn(TAXONOMY, archive) ? TAXONOMY[archive]! : []).map((subject) => `${archive}.${subject}`).join(' ');
}
