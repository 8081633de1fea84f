/**
 * The LaTeX that arXiv titles and abstracts carry (`$^{171}$YbOH`, `$\alpha$`, `\emph{…}`), turned
 * into plain words for the search index or into readable Unicode for cards. Not a TeX engine: it
 * knows the handful of constructs abstracts use and degrades anything else to its visible text.
 */

/** How a rendering spells what plain text cannot: scripts and Greek letters. */
interface Style {
	/** `unicode`: ¹⁷¹ and ₂ where Unicode has the characters; `spaced`: the raw text as its own word. */
	scripts: 'unicode' | 'spaced';
	/** `letter`: α; `name`: alpha, so a search for the word finds it. */
	greek: 'letter' | 'name';
}

const GREEK: Record<string, string> = {
	alpha: 'α',
	beta: 'β',
	gamma: 'γ',
	delta: 'δ',
	epsilon: 'ε',
	varepsilon: 'ε',
	zeta: 'ζ',
	eta: 'η',
	theta: 'θ',
	vartheta: 'ϑ',
	iota: 'ι',
	kappa: 'κ',
	lambda: 'λ',
	mu: 'μ',
	nu: 'ν',
	xi: 'ξ',
	pi: 'π',
	varpi: 'ϖ',
	rho: 'ρ',
	varrho: 'ϱ',
	sigma: 'σ',
	varsigma: 'ς',
	tau: 'τ',
	upsilon: 'υ',
	phi: 'φ',
	varphi: 'φ',
	chi: 'χ',
	psi: 'ψ',
	omega: 'ω',
	Gamma: 'Γ',
	Delta: 'Δ',
	Theta: 'Θ',
	Lambda: 'Λ',
	Xi: 'Ξ',
	Pi: 'Π',
	Sigma: 'Σ',
	Upsilon: 'Υ',
	Phi: 'Φ',
	Psi: 'Ψ',
	Omega: 'Ω',
};

const SYMBOLS: Record<string, string> = {
	times: '×',
	cdot: '·',
	pm: '±',
	mp: '∓',
	leq: '≤',
	le: '≤',
	geq: '≥',
	ge: '≥',
	neq: '≠',
	ne: '≠',
	approx: '≈',
	sim: '∼',
	simeq: '≃',
	propto: '∝',
	equiv: '≡',
	infty: '∞',
	partial: '∂',
	nabla: '∇',
	to: '→',
	rightarrow: '→',
	leftarrow: '←',
	Rightarrow: '⇒',
	leftrightarrow: '↔',
	mapsto: '↦',
	in: '∈',
	notin: '∉',
	subset: '⊂',
	subseteq: '⊆',
	cup: '∪',
	cap: '∩',
	forall: '∀',
	exists: '∃',
	sum: '∑',
	prod: '∏',
	int: '∫',
	ell: 'ℓ',
	hbar: 'ℏ',
	circ: '∘',
	deg: '°',
	ldots: '…',
	dots: '…',
	cdots: '⋯',
	langle: '⟨',
	rangle: '⟩',
	lvert: '|',
	rvert: '|',
	vert: '|',
	mid: '|',
	prime: '′',
	LaTeX: 'LaTeX',
	TeX: 'TeX',
	textasciitilde: '~',
	textbackslash: '\\',
	ast: '*',
	star: '⋆',
	dagger: '†',
	checkmark: '✓',
	log: 'log',
	exp: 'exp',
	// The letters names in a .bib are spelt with: {\o}, {\L}ukasz, Stra{\ss}e, \'{\i}.
	o: 'ø',
	O: 'Ø',
	l: 'ł',
	L: 'Ł',
	ss: 'ß',
	aa: 'å',
	AA: 'Å',
	ae: 'æ',
	AE: 'Æ',
	oe: 'œ',
	OE: 'Œ',
	i: 'i',
	j: 'j',
	max: 'max',
	min: 'min',
	sin: 'sin',
	cos: 'cos',
};

/** Control symbols: a backslash and one non-letter. */
const CONTROL_SYMBOLS: Record<string, string> = {
	'%': '%',
	'&': '&',
	$: '$',
	_: '_',
	'#': '#',
	'{': '{',
	'}': '}',
	' ': ' ',
	',': ' ',
	';': ' ',
	':': ' ',
	'!': '',
	'\\': ' ',
	'/': '',
	'-': '',
};

/** Accent commands as Unicode combining marks: `\"o` → ö, `\'{e}` → é. */
const ACCENTS: Record<string, string> = {
	'"': '\u0308',
	"'": '\u0301',
	'`': '\u0300',
	'^': '\u0302',
	'~': '\u0303',
	'=': '\u0304',
	'.': '\u0307',
	u: '\u0306',
	v: '\u030C',
	H: '\u030B',
	c: '\u0327',
	k: '\u0328',
};

const SUPERSCRIPTS: Record<string, string> = {
	'0': '⁰',
	'1': '¹',
	'2': '²',
	'3': '³',
	'4': '⁴',
	'5': '⁵',
	'6': '⁶',
	'7': '⁷',
	'8': '⁸',
	'9': '⁹',
	'+': '⁺',
	'-': '⁻',
	'−': '⁻',
	'=': '⁼',
	'(': '⁽',
	')': '⁾',
	a: 'ᵃ',
	b: 'ᵇ',
	c: 'ᶜ',
	d: 'ᵈ',
	e: 'ᵉ',
	f: 'ᶠ',
	g: 'ᵍ',
	h: 'ʰ',
	i: 'ⁱ',
	j: 'ʲ',
	k: 'ᵏ',
	l: 'ˡ',
	m: 'ᵐ',
	n: 'ⁿ',
	o: 'ᵒ',
	p: 'ᵖ',
	r: 'ʳ',
	s: 'ˢ',
	t: 'ᵗ',
	u: 'ᵘ',
	v: 'ᵛ',
	w: 'ʷ',
	x: 'ˣ',
	y: 'ʸ',
	z: 'ᶻ',
	A: 'ᴬ',
	B: 'ᴮ',
	D: 'ᴰ',
	E: 'ᴱ',
	G: 'ᴳ',
	H: 'ᴴ',
	I: 'ᴵ',
	J: 'ᴶ',
	K: 'ᴷ',
	L: 'ᴸ',
	M: 'ᴹ',
	N: 'ᴺ',
	O: 'ᴼ',
	P: 'ᴾ',
	R: 'ᴿ',
	T: 'ᵀ',
	U: 'ᵁ',
	V: 'ⱽ',
	W: 'ᵂ',
	β: 'ᵝ',
	γ: 'ᵞ',
	δ: 'ᵟ',
	φ: 'ᵠ',
	χ: 'ᵡ',
	'∗': '*',
	'*': '*',
	'′': '′',
	' ': ' ',
};

const SUBSCRIPTS: Record<string, string> = {
	'0': '₀',
	'1': '₁',
	'2': '₂',
	'3': '₃',
	'4': '₄',
	'5': '₅',
	'6': '₆',
	'7': '₇',
	'8': '₈',
	'9': '₉',
	'+': '₊',
	'-': '₋',
	'−': '₋',
	'=': '₌',
	'(': '₍',
	')': '₎',
	a: 'ₐ',
	e: 'ₑ',
	h: 'ₕ',
	i: 'ᵢ',
	j: 'ⱼ',
	k: 'ₖ',
	l: 'ₗ',
	m: 'ₘ',
	n: 'ₙ',
	o: 'ₒ',
	p: 'ₚ',
	r: 'ᵣ',
	s: 'ₛ',
	t: 'ₜ',
	u: 'ᵤ',
	v: 'ᵥ',
	x: 'ₓ',
	β: 'ᵦ',
	γ: 'ᵧ',
	ρ: 'ᵨ',
	φ: 'ᵩ',
	χ: 'ᵪ',
	' ': ' ',
};

/** Commands whose arguments are skipped entirely: they name things rather than show text. */
const HIDDEN_COMMANDS = new Set(['label', 'ref', 'cite', 'citep', 'citet', 'eqref', 'footnote', 'vspace', 'hspace']);

/** The plain words inside LaTeX, for indexing: `$^{171}$YbOH` → `171 YbOH`, `$\alpha$` → `alpha`. */
export function latexToPlainText(text: string): string {
	return render(text, { scripts: 'spaced', greek: 'name' });
}

/** LaTeX made readable for a card: `$^{171}$YbOH` → `¹⁷¹YbOH`, `$\alpha$` → `α`, markup removed. */
export function latexToUnicode(text: string): string {
	return render(text, { scripts: 'unicode', greek: 'letter' });
}

const MATH_SPAN = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\\$|[^$])+?)\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;

const LATEX_MARKUP = /[$\\{}]/;
const PLAIN_RUN = /[^\\{}^_~]*/y;

function render(text: string, style: Style): string {
	// Most abstracts hold no LaTeX at all; the search index renders every one of them.
	if (!LATEX_MARKUP.test(text)) return tidySpaces(text);
	let output = '';
	let last = 0;
	for (const match of text.matchAll(MATH_SPAN)) {
		output += new TexReader(text.slice(last, match.index), style, false).readAll();
		const math = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
		output += new TexReader(math, style, true).readAll();
		last = match.index + match[0].length;
	}
	output += new TexReader(text.slice(last), style, false).readAll();
	return tidySpaces(output);
}

/** Collapses the runs of spaces that removed markup leaves, and spaces before punctuation. */
function tidySpaces(text: string): string {
	return text
		.replace(/[ \t]{2,}/g, ' ')
		.replace(/ +([,.;:)])/g, '$1')
		.trim();
}

/** Reads one run of text or math, left to right, writing what each construct shows. */
class TexReader {
	private position = 0;

	constructor(
		private readonly source: string,
		private readonly style: Style,
		private readonly inMath: boolean,
	) {}

	readAll(): string {
		let output = '';
		while (this.position < this.source.length) output += this.readOne();
		return output;
	}

	/** Reads one character, command or group and returns what it shows. */
	private readOne(): string {
		const char = this.source[this.position++]!;
		if (char === '\\') return this.readCommand();
		if (char === '{') return this.readGroupBody();
		if (char === '}') return '';
		if (this.inMath && (char === '^' || char === '_')) return this.readScript(char);
		if (this.inMath && char === '~') return ' ';
		return char + this.readPlainRun();
	}

	/** The run of ordinary characters from here, copied whole rather than one at a time. */
	private readPlainRun(): string {
		PLAIN_RUN.lastIndex = this.position;
		const run = PLAIN_RUN.exec(this.source)?.[0] ?? '';
		this.position += run.length;
		return run;
	}

	/** The rest of a `{…}` group whose `{` was just read. */
	private readGroupBody(): string {
		let output = '';
		while (this.position < this.source.length && this.source[this.position] !== '}') output += this.readOne();
		this.position++;
		return output;
	}

	/** One argument: a `{…}` group, a command, or a single character; spaces before it skipped. */
	private readArgument(): string {
		while (this.source[this.position] === ' ') this.position++;
		if (this.position >= this.source.length) return '';
		return this.readOne();
	}

	private skipOptionalArgument(): void {
		if (this.source[this.position] !== '[') return;
		const end = this.source.indexOf(']', this.position);
		if (end >= 0) this.position = end + 1;
	}

	private readCommand(): string {
		const name = /^[a-zA-Z]+/.exec(this.source.slice(this.position))?.[0];
		if (!name) {
			const symbol = this.source[this.position++] ?? '';
			if (symbol in ACCENTS) return accent(this.readArgument(), ACCENTS[symbol]!);
			return CONTROL_SYMBOLS[symbol] ?? symbol;
		}
		this.position += name.length;
		if (name in GREEK) return this.style.greek === 'letter' ? GREEK[name]! : ` ${name} `;
		if (name in SYMBOLS) return SYMBOLS[name]!;
		if (name.length === 1 && name in ACCENTS && this.source[this.position] === '{') {
			return accent(this.readArgument(), ACCENTS[name]!);
		}
		switch (name) {
			case 'frac':
			case 'dfrac':
			case 'tfrac':
				return `${parenthesise(this.readArgument())}/${parenthesise(this.readArgument())}`;
			case 'sqrt':
				this.skipOptionalArgument();
				return `√${parenthesise(this.readArgument())}`;
			case 'href':
				this.readArgument();
				return this.readArgument();
		}
		this.skipOptionalArgument();
		if (this.source[this.position] !== '{') return this.inMath ? name : '';
		const argument = this.readArgument();
		return HIDDEN_COMMANDS.has(name) ? '' : argument;
	}

	private readScript(marker: '^' | '_'): string {
		const body = this.readArgument().trim();
		if (this.style.scripts === 'spaced') return ` ${body} `;
		const table = marker === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
		const characters = [...body];
		if (characters.length > 0 && characters.every((character) => character in table)) {
			return characters.map((character) => table[character]).join('');
		}
		return characters.length === 1 ? `${marker}${body}` : `${marker}(${body})`;
	}
}

function accent(letter: string, combiningMark: string): string {
	if (!letter) return '';
	return (letter[0] + combiningMark + letter.slice(1)).normalize('NFC');
}

function parenthesise(expression: string): string {
	return [...expression.trim()].length > 1 && /[^\p{L}\p{N}.]/u.test(expression.trim()) ? `(${expression.trim()})` : expression.trim();
}
