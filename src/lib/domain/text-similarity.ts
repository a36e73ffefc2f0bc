/**
 * Similarity of Chinese texts by their character bigrams, weighted by how rare each bigram is among the documents
 * (TF-IDF, cosine). Chinese has no spaces to split words at, and a bigram model needs no dictionary or model
 * download: 「单位不办理住房公积金缴存登记」 and 「未办理住房公积金缴存登记」 share most of their bigrams.
 */

/** Characters that carry no meaning for matching: punctuation, spaces, digits and Latin letters. */
const NOISE = /[\s\p{P}\p{S}0-9a-zA-Z]/gu;

/** The bigrams of a text with their counts (a one-character text counts as its own unigram). */
export function bigrams(text: string): Map<string, number> {
	const chars = [...text.normalize('NFKC').replace(NOISE, '')];
	const out = new Map<string, number>();
	if (chars.length === 1) out.set(chars[0]!, 1);
	for (let i = 0; i + 1 < chars.length; i++) {
		const g = chars[i]! + chars[i + 1]!;
		out.set(g, (out.get(g) ?? 0) + 1);
	}
	return out;
}

type Vector = Map<string, number>;

function norm(v: Vector): number {
	let s = 0;
	for (const x of v.values()) s += x * x;
	return Math.sqrt(s);
}

export interface Scored<T> {
	doc: T;
	score: number;
}

/** Documents to match texts against, each with its text; `best` gives the closest documents and their 0–1 scores. */
export class TextIndex<T> {
	private readonly idf = new Map<string, number>();
	private readonly vectors: { doc: T; v: Vector; n: number }[];

	constructor(docs: readonly { doc: T; text: string }[]) {
		const grams = docs.map((d) => bigrams(d.text));
		const df = new Map<string, number>();
		for (const g of grams) for (const k of g.keys()) df.set(k, (df.get(k) ?? 0) + 1);
		// Smoothed so that a bigram in every document still counts a little.
		for (const [k, n] of df) this.idf.set(k, Math.log(1 + docs.length / n));
		this.vectors = docs.map((d, i) => {
			const v = this.weigh(grams[i]!);
			return { doc: d.doc, v, n: norm(v) };
		});
	}

	private weigh(g: Map<string, number>): Vector {
		const v: Vector = new Map();
		for (const [k, tf] of g) {
			const idf = this.idf.get(k);
			if (idf !== undefined) v.set(k, (1 + Math.log(tf)) * idf);
		}
		return v;
	}

	/** The score (0–1) of every document against a text, in the order the documents were given. */
	scores(text: string): Scored<T>[] {
		const q = this.weigh(bigrams(text));
		const qn = norm(q);
		return this.vectors.map(({ doc, v, n }) => {
			if (qn === 0 || n === 0) return { doc, score: 0 };
			let dot = 0;
			for (const [k, x] of q) dot += x * (v.get(k) ?? 0);
			return { doc, score: dot / (qn * n) };
		});
	}

	/** The documents closest to a text, best first; a score of 1 is the same bigrams in the same proportion. */
	best(text: string, limit = 3): Scored<T>[] {
		return this.scores(text)
			.filter((s) => s.score > 0)
			.sort((a, b) => b.score - a.score)
			.slice(0, limit);
	}
}

/**
 * Characters a shared phrase never runs across: punctuation (a phrase stays within a clause), spaces and line
 * breaks, and the mask of a masked name or number.
 */
const BREAK = /[\s\p{P}*＊]/u;
const DIGIT = /[0-9０-９]/u;
/** What a phrase may not begin or end with: punctuation and symbols. */
const EDGES = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

export interface PhraseOptions {
	/** The fewest meaningful characters (not punctuation, digits or Latin letters) a phrase must have. */
	min?: number;
	/** How many phrases at most. */
	max?: number;
	/** Only the first `within` characters of each text are compared (the search is quadratic in the lengths). */
	within?: number;
}

/**
 * The longest passages two texts share, longest first, each as `other` writes it: the longest common substring,
 * then the longest among what is left, and so on. A phrase never spans a line break or a masked character, so a
 * phrase taken from a masked text shows nothing the mask hid.
 */
export function sharedPhrases(text: string, other: string, options: PhraseOptions = {}): string[] {
	const min = options.min ?? 4;
	const max = options.max ?? 3;
	const within = options.within ?? 1000;
	const chars = [...other].slice(0, within);
	// Code points (of each character's compatibility form: full-width digits match) compared as numbers; a
	// breaking character gets a code no other character has.
	const codes = (cs: readonly string[], breaking: number) =>
		Int32Array.from(cs, (c) => (BREAK.test(c) ? breaking : (c.normalize('NFKC').codePointAt(0) as number)));
	const a = codes([...text].slice(0, within), -1);
	const b = codes(chars, -2);
	const out: string[] = [];
	// Each round finds the longest common run among the characters no earlier phrase took (taken ones become breaks).
	let row = new Uint16Array(b.length + 1);
	let prev = new Uint16Array(b.length + 1);
	while (out.length < max) {
		let bestLen = 0;
		let bestEnd = 0;
		prev.fill(0);
		for (let i = 0; i < a.length; i++) {
			const ca = a[i] as number;
			if (ca < 0) {
				prev.fill(0);
				continue;
			}
			for (let j = 0; j < b.length; j++) {
				if (ca !== b[j]) {
					row[j + 1] = 0;
					continue;
				}
				const len = (prev[j] as number) + 1;
				row[j + 1] = len;
				if (len > bestLen) {
					bestLen = len;
					bestEnd = j + 1;
				}
			}
			[prev, row] = [row, prev];
		}
		if (bestLen === 0) break;
		const start = bestEnd - bestLen;
		// A number cut in the middle (职工2 of 职工24人) is left out of the phrase.
		let from = start;
		let to = bestEnd;
		if (to < chars.length && DIGIT.test(chars[to] as string)) while (to > from && DIGIT.test(chars[to - 1] as string)) to--;
		if (from > 0 && DIGIT.test(chars[from - 1] as string)) while (from < to && DIGIT.test(chars[from] as string)) from++;
		const phrase = chars.slice(from, to).join('').replace(EDGES, '');
		if ([...phrase.replace(NOISE, '')].length < min) break;
		out.push(phrase);
		// The same run in the text is taken too, so that it is not found again beside another copy in `other`.
		const at = findRun(a, b.subarray(start, bestEnd));
		if (at >= 0) a.fill(-1, at, at + bestLen);
		b.fill(-2, start, bestEnd);
	}
	return out;
}

/** Where a run of characters stands in a text (taken characters never match). */
function findRun(codes: Int32Array, run: Int32Array): number {
	outer: for (let i = 0; i + run.length <= codes.length; i++) {
		for (let j = 0; j < run.length; j++) if (codes[i + j] !== run[j]) continue outer;
		return i;
	}
	return -1;
}
