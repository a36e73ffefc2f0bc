/**
 * Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) get a
 * leading apostrophe in every CSV/XLSX the product writes, so an exported value can never execute.
 */
export function neutralizeFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
