import {
	DuckDBDateValue,
	DuckDBDecimalValue,
	DuckDBListValue,
	DuckDBStructValue,
	DuckDBTimestampValue,
	DuckDBTimestampTZValue,
	DuckDBArrayValue,
	DuckDBMapValue,
	type DuckDBValue
} from '@duckdb/node-api';

/**
 * Explicit conversion of DuckDB values to plain JSON-able values. BIGINT and HUGEINT become numbers only when
 * they are exact; DECIMAL goes through its exact decimal text; DATE becomes YYYY-MM-DD. Anything else is an error,
 * so that no value is converted by accident.
 */

export type SqlValue = string | number | boolean | null | SqlValue[] | { [key: string]: SqlValue };
export type Row = Record<string, SqlValue>;

export function toPlain(v: DuckDBValue): SqlValue {
	if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
	if (typeof v === 'number') return v;
	if (typeof v === 'bigint') {
		if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
			throw new RangeError(`integer ${v} does not fit a JavaScript number exactly`);
		}
		return Number(v);
	}
	if (v instanceof DuckDBDecimalValue) return Number(v.toString());
	if (v instanceof DuckDBDateValue) return v.toString();
	if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return v.toString();
	if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items.map(toPlain);
	if (v instanceof DuckDBStructValue) {
		return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, toPlain(x)]));
	}
	if (v instanceof DuckDBMapValue) {
		return Object.fromEntries(v.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)]));
	}
	throw new TypeError(`no conversion for DuckDB value ${String(v)} (${v?.constructor?.name ?? typeof v})`);
}

/** Money columns (DECIMAL yuan) as exact fen: the decimal's scaled integer, rescaled without floating point. */
export function decimalToFen(v: DuckDBValue): number | null {
	if (v === null) return null;
	if (!(v instanceof DuckDBDecimalValue)) throw new TypeError(`expected a DECIMAL, got ${String(v)}`);
	const shift = v.scale - 2;
	const fen = shift >= 0 ? v.value / 10n ** BigInt(shift) : v.value * 10n ** BigInt(-shift);
	return Number(fen);
}
