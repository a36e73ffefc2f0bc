/**
 * A TIMESTAMP column as the instant it records, in ISO 8601 UTC (`2026-12-07T03:57:21Z`). DuckDB writes
 * `current_timestamp` into a TIMESTAMP as the server's wall clock, so the same column reads 03:57 on a server in UTC
 * and 11:57 on one in Beijing; read through here, the page gets one instant and shows it in Beijing time.
 */
export function instantSql(column: string): string {
	return `strftime(timezone('UTC', CAST(${column} AS TIMESTAMPTZ)), '%Y-%m-%dT%H:%M:%SZ')`;
}
