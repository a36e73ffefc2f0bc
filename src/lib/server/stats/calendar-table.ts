import type { WorkingCalendar } from '../../domain/calendar';
import { addDays } from '../../domain/dates';
import type { Database } from '../db';

/**
 * The working-day calendar as a table, so that deadlines in working days are counted by DuckDB for every case at
 * once: `wd` is the number of working days from the first calendar day up to and including `day`, and the
 * working days between two dates are the difference of their `wd`.
 */
export async function ensureCalendarTable(db: Database, cal: WorkingCalendar): Promise<void> {
	const first = `${cal.years[0]}-01-01`;
	const last = `${cal.years.at(-1)}-12-31`;
	const [have] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'working_days'`);
	if ((have?.n ?? 0) > 0) {
		const [span] = await db.query<{ lo: string; hi: string }>(
			`SELECT strftime(min(day), '%Y-%m-%d') AS lo, strftime(max(day), '%Y-%m-%d') AS hi FROM working_days`
		);
		if (span?.lo === first && span.hi === last) return;
	}
	await db.transaction(async (tx) => {
		await tx.run('CREATE OR REPLACE TABLE working_days (day DATE PRIMARY KEY, working BOOLEAN NOT NULL, wd INTEGER NOT NULL)');
		const appender = await tx.connection.createAppender('working_days');
		let wd = 0;
		for (let d = first; d <= last; d = addDays(d, 1)) {
			const working = cal.isWorkingDay(d);
			if (working) wd++;
			appender.appendVarchar(d);
			appender.appendBoolean(working);
			appender.appendInteger(wd);
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
	});
}
