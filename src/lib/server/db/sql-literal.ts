/**
 * A string as an SQL literal, for the few places where SQL text is built from the code's own constants (the
 * dictionary's values, report cells, macros): values a user gives are bound as parameters instead.
 */
export function lit(s: string): string {
	return `'${s.replaceAll("'", "''")}'`;
}
