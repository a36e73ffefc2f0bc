/**
 * Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) get a
 * leading apostrophe in every CSV/XLSX the product writes, so an exported value can never execute. The full-width
 * forms ＝ ＋ － ＠ count too: Chinese input methods type them, and spreadsheets read them as their ASCII forms.
 */
export function neutralizeFormula(value: string): string {
	return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}
