/**
 * What an import reports about rows it took that deserve a word (RULES.md: "what is a record with a problem is
 * imported and flagged"). Each has a stable code; the texts are the message keys `import.warning.<code>`.
 */
export const IMPORT_WARNINGS = [
	'no-decision-no',
	'unknown-branch',
	'item-not-in-catalog',
	'officer-not-on-roster',
	'fine-over-statute',
	'dates-out-of-order'
] as const;
export type ImportWarning = (typeof IMPORT_WARNINGS)[number];

export function isImportWarning(s: unknown): s is ImportWarning {
	return typeof s === 'string' && (IMPORT_WARNINGS as readonly string[]).includes(s);
}

/** Counts by code, only the codes that occurred. */
export type WarningCounts = Partial<Record<ImportWarning, number>>;
