import { createReadStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import { rawLine, type QuarantinedRow } from './quarantine';
import { padToWidth } from './sheet-csv';
import { columnCount } from '../../domain/import-reasons';

/**
 * The slow but sure way to the raw table, for a file DuckDB's reader gives up on (it stops at the first state it
 * cannot handle): Papa Parse reads every record, the ones with the wrong number of cells are refused by line, and
 * the rest are appended as text. Same table, same next steps.
 */
export async function stageRawWithJs(
	c: DuckDBConnection,
	csvPath: string,
	delimiter: string,
	headerLines: number,
	columns: number,
	/** A workbook's short rows lost only empty trailing cells (see PreparedFile.padShortRows). */
	padShortRows = false
): Promise<{ rawRows: number; refused: QuarantinedRow[]; lines: Int32Array }> {
	await c.run(`CREATE OR REPLACE TEMP TABLE imp_raw (rn BIGINT, ${Array.from({ length: columns }, (_, i) => `c${i} VARCHAR`).join(', ')})`);
	const appender = await c.createAppender('imp_raw', 'main', 'temp');
	const refused: QuarantinedRow[] = [];
	let lines = new Int32Array(1024);
	let rn = 0;
	let line = 1;
	try {
		await new Promise<void>((resolve, reject) => {
			Papa.parse<string[]>(createReadStream(csvPath, { encoding: 'utf8' }), {
				delimiter,
				skipEmptyLines: false,
				step: (r) => {
					const cells = padShortRows ? padToWidth(r.data, columns) : r.data;
					const start = line;
					line += 1 + cells.reduce((s, x) => s + (x.match(/\n/g)?.length ?? 0), 0);
					if (start <= headerLines) return;
					if (cells.length === 1 && (cells[0] ?? '').replace(/[\r\uFEFF]/g, '') === '') return;
					if (cells.length !== columns) {
						refused.push({
							line: start,
							raw: rawLine(cells, delimiter),
							cells,
							reasons: [columnCount(columns, cells.length)]
						});
						return;
					}
					rn++;
					appender.appendBigInt(BigInt(rn));
					// eslint-disable-next-line no-control-regex -- dropping NUL characters from cells is intended
					for (const cell of cells) appender.appendVarchar(cell.replace(/\u0000/g, ''));
					appender.endRow();
					if (rn > lines.length) {
						const bigger = new Int32Array(lines.length * 2);
						bigger.set(lines);
						lines = bigger;
					}
					lines[rn - 1] = start;
				},
				complete: () => resolve(),
				error: (e: Error) => reject(e)
			});
		});
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
	// An empty cell reads as NULL in the DuckDB path; the same here, so both paths give the same rows.
	for (let i = 0; i < columns; i++) await c.run(`UPDATE imp_raw SET c${i} = NULL WHERE c${i} = ''`);
	return { rawRows: rn, refused, lines: lines.subarray(0, rn) };
}
