import type { Paper } from '../corpus/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import { termsOf } from '../search/text.js';
import { givenNamesAgree } from './follow-match.js';

/** Why a corpus paper is one of the lab's own: written by a lab author (as the paper names them), or marked by hand. */
export type LabReason = { kind: 'author'; name: string; lab: string } | { kind: 'marked' };

/** One of the lab's papers and why. */
export interface LabPaper {
	paper: Paper;
	reason: LabReason;
}

/** The papers marked by hand with `/paperbot ours add|remove`, by key. */
export interface LabMarks {
	ours: ReadonlySet<string>;
	notOurs: ReadonlySet<string>;
}

/** How a corpus author's name meets a lab author's: the same folded words, or the same surname with initials standing for given names. */
type NameMatch = 'full' | 'initial' | null;

/**
 * How the folded name `author` meets the folded lab name `lab`: `full` when every word is the same
 * and no given name is an initial; `initial` when the surnames (last words) are the same and the
 * given names as many, each the same or an initial of the other, one at least an initial ("y zeng"
 * and "yi zeng", or "y zeng" twice); null otherwise.
 */
export function matchName(author: readonly string[], lab: readonly string[]): NameMatch {
	if (author.length !== lab.length || author.length === 0 || author.at(-1) !== lab.at(-1)) return null;
	if (!author.slice(0, -1).every((word, i) => givenNamesAgree(word, lab[i]!))) return null;
	const initialled = [...author.slice(0, -1), ...lab.slice(0, -1)].some((word) => word.length === 1);
	return initialled ? 'initial' : 'full';
}

/** A corpus author who meets a lab author: the name's number in the author index, and which lab author. */
interface NameMeeting {
	nameNo: number;
	lab: string;
}

/**
 * The corpus papers the lab wrote, newest first: a paper marked ours by hand; a paper one of whose
 * authors has a lab author's name, folded as search folds it (`André Müller` is `andre muller`); or
 * a paper whose author meets a lab author only through an initial ("Y. Zeng" for "Yi Zeng", or the
 * other way round) when another of its authors meets another lab author or wrote one of the papers
 * found by full names (a shared co-author). A paper marked not ours by hand is never one. Works on
 * the index's author numbers, so a corpus of 100,000 papers is read in one pass over its authorships.
 */
export function findLabPapers(index: PaperIndex, labAuthors: readonly string[], marks: LabMarks): LabPaper[] {
	// Papers added in service are indexed apart, with their own paper numbers: each part is read on its own.
	const found = labPapersOf(index, labAuthors, marks);
	return index.added ? [...found, ...findLabPapers(index.added, labAuthors, marks)] : found;
}

function labPapersOf(index: PaperIndex, labAuthors: readonly string[], marks: LabMarks): LabPaper[] {
	const labNames = labAuthors.map((name) => ({ name, words: termsOf(name) })).filter(({ words }) => words.length > 0);
	const { names, namesByWord, paperOffsets, namePapers } = index.authors;
	const papersOf = (nameNo: number) => namePapers.subarray(paperOffsets[nameNo]!, paperOffsets[nameNo + 1]!);
	const byFull = new Map<number, NameMeeting>();
	const byInitial = new Map<number, NameMeeting[]>();
	for (const lab of labNames) {
		for (const nameNo of namesByWord.get(lab.words.at(-1)!) ?? []) {
			const match = matchName(names[nameNo]!.split(' '), lab.words);
			if (match === null) continue;
			for (const paperNo of papersOf(nameNo)) {
				if (match === 'initial') pushTo(byInitial, paperNo, { nameNo, lab: lab.name });
				else if (!byFull.has(paperNo)) byFull.set(paperNo, { nameNo, lab: lab.name });
			}
		}
	}
	// One pass over every authorship: who wrote the papers full names found, and who else wrote the papers initials found.
	const coauthors = new Set<number>();
	const othersOnInitialled = new Map<number, number[]>();
	if (byInitial.size > 0) {
		for (let nameNo = 0; nameNo < names.length; nameNo++) {
			for (const paperNo of papersOf(nameNo)) {
				if (byFull.has(paperNo)) coauthors.add(nameNo);
				if (byInitial.has(paperNo)) pushTo(othersOnInitialled, paperNo, nameNo);
			}
		}
	}
	const found = new Map<number, NameMeeting | null>(byFull);
	for (const [paperNo, meetings] of byInitial) {
		if (found.has(paperNo)) continue;
		const met = new Set(meetings.map((meeting) => meeting.nameNo));
		const twoLabAuthors = new Set(meetings.map((meeting) => meeting.lab)).size > 1;
		const shared = (othersOnInitialled.get(paperNo) ?? []).some((nameNo) => !met.has(nameNo) && coauthors.has(nameNo));
		if (twoLabAuthors || shared) found.set(paperNo, meetings[0]!);
	}
	for (const key of marks.ours) {
		const paperNo = index.numbers.get(key);
		if (paperNo !== undefined && !found.has(paperNo)) found.set(paperNo, null);
	}
	return [...found]
		.filter(([paperNo]) => !marks.notOurs.has(index.ids[paperNo]!))
		.sort(([a], [b]) => index.recency[a]! - index.recency[b]!)
		.map(([paperNo, meeting]) => {
			const paper = index.papers.at(paperNo)!;
			const reason: LabReason = meeting
				? { kind: 'author', name: authorAsWritten(paper, names[meeting.nameNo]!), lab: meeting.lab }
				: { kind: 'marked' };
			return { paper, reason };
		});
}

function pushTo<T>(lists: Map<number, T[]>, key: number, item: T): void {
	const list = lists.get(key);
	if (list) list.push(item);
	else lists.set(key, [item]);
}

/** The paper's author whose folded name is `folded`, as the paper writes it. */
function authorAsWritten(paper: Paper, folded: string): string {
	return (paper.authors ?? []).find((author) => termsOf(author).join(' ') === folded) ?? folded;
}
