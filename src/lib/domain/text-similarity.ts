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

	/** The documents closest to a text, best first; a score of 1 is the same bigrams in the same proportion. */
	best(text: string, limit = 3): Scored<T>[] {
		const q = this.weigh(bigrams(text));
		const qn = norm(q);
		if (qn === 0) return [];
		return this.vectors
			.map(({ doc, v, n }) => {
				let dot = 0;
				for (const [k, x] of q) dot += x * (v.get(k) ?? 0);
				return { doc, score: n === 0 ? 0 : dot / (qn * n) };
			})
			.filter((s) => s.score > 0)
			.sort((a, b) => b.score - a.score)
			.slice(0, limit);
	}
}
