/**
 * The facts text as `maskFacts` shows it, computed in SQL, so that the case list's search can match what a viewer
 * without need reads rather than what is stored: searching the stored text would let them recover a masked name or
 * ID number by trying characters and watching the count. Kept in step with maskFacts by facts-search.test.ts.
 */

/** Characters that may not touch a personal number (the lookarounds of maskFacts; RE2 has none, so they are captured). */
const EDGE = '[^0-9A-Za-z]';

/** An 18-character resident ID number: first and last character kept, 16 masked, as maskId does. */
const ID_PATTERN = `(^|${EDGE})([1-9])[0-9]{16}([0-9Xx])(${EDGE}|$)`;
const ID_REPLACEMENT = `\\1\\2${'*'.repeat(16)}\\3\\4`;
/** A mainland mobile number: 11 characters, 9 masked. */
const MOBILE_PATTERN = `(^|${EDGE})(1)[3-9][0-9]{8}([0-9])(${EDGE}|$)`;
const MOBILE_REPLACEMENT = `\\1\\2${'*'.repeat(9)}\\3\\4`;

/**
 * SQL for the masked facts of the row (columns `facts`, `party_type`, `party_name`). Each number pattern runs twice:
 * a match consumes the character after it, so of two numbers one separator apart the second is only found by a
 * second pass. The name is masked last, as maskFacts does.
 */
export function maskedFactsSql(): string {
	const pass = (sql: string, pattern: string, replacement: string) => `regexp_replace(${sql}, '${pattern}', '${replacement}', 'g')`;
	let sql = 'facts';
	for (const [p, r] of [
		[ID_PATTERN, ID_REPLACEMENT],
		[ID_PATTERN, ID_REPLACEMENT],
		[MOBILE_PATTERN, MOBILE_REPLACEMENT],
		[MOBILE_PATTERN, MOBILE_REPLACEMENT]
	] as const)
		sql = pass(sql, p, r);
	return `CASE WHEN party_type = '自然人' AND length(party_name) >= 2
	             THEN replace(${sql}, party_name, left(party_name, 1) || repeat('*', length(party_name) - 1))
	             ELSE ${sql} END`;
}
