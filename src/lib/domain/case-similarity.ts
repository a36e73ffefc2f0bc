/**
 * How alike two cases are, from 0 to 1: the distance of their circumstances (in the model's standardized space,
 * where the benchmark decides the fine) combined with how alike their facts texts read (character-bigram TF-IDF
 * cosine, see text-similarity.ts). The circumstances weigh more because they are what the discretion benchmark
 * judges; the text separates cases whose circumstances tie and finds cases described alike.
 */

/** The share of the facts text in the combined similarity when both cases have one. */
export const TEXT_WEIGHT = 0.4;

/** A circumstance distance as a similarity: 1 for the same circumstances, ½ at distance 1, towards 0 far away. */
export function circumstanceSimilarity(distance: number): number {
	return 1 / (1 + Math.max(0, distance));
}

/**
 * The combined similarity: (1 − TEXT_WEIGHT) × circumstances + TEXT_WEIGHT × text, or the circumstances alone
 * when either side has no facts text (`text` null), so that a case without text is neither favoured nor punished.
 */
export function combinedSimilarity(distance: number, text: number | null): number {
	const c = circumstanceSimilarity(distance);
	return text === null ? c : (1 - TEXT_WEIGHT) * c + TEXT_WEIGHT * Math.min(1, Math.max(0, text));
}
