import { z } from 'zod';
import { parseCell, parseFlag, parseRule, SORTS, type CaseFilter, type SortKey } from './list';
import { isImportWarning } from '../../domain/import-warnings';

/** A whole number or nothing: a hand-edited link with a bad number shows the unfiltered list rather than an error. */
const optionalInt = z.coerce.number().int().positive().optional().catch(undefined);
const optionalText = z
	.string()
	.trim()
	.transform((v) => v || undefined)
	.optional();

/** The case list's query string: filters, sort and page, as the statistics and report pages link to it. */
export const caseListQuery = z.object({
	year: optionalInt,
	month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
	cell: z.string().optional(),
	department: optionalText,
	category: optionalText,
	status: optionalText,
	q: optionalText,
	flag: z.string().optional(),
	item: optionalText,
	tier: optionalText,
	officer: optionalText,
	days: z.coerce.number().int().optional().catch(undefined),
	/** `1`: decided cases only (the statistics' decisions); `filed`: the year of filing (the overview's years). */
	decided: z.string().optional(),
	fined: z.string().optional(),
	filed: optionalInt,
	/** A review rule (`R01`); `flag=R01` says the same, as the review pages link. */
	rule: z.string().optional(),
	batch: optionalInt,
	warning: z.string().optional(),
	sort: z
		.string()
		.optional()
		.transform((v): SortKey => (v && v in SORTS ? (v as SortKey) : 'filed_on')),
	dir: z.string().optional(),
	page: z.coerce.number().int().min(0).catch(0).default(0)
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

/** The list filter a query selects. */
export function caseFilterOf(q: CaseListQuery): CaseFilter {
	const cell = parseCell(q.cell ?? null);
	return {
		year: q.year,
		month: q.month,
		cell: cell ?? undefined,
		department: q.department,
		category: q.category,
		status: q.status,
		q: q.q,
		flag: parseFlag(q.flag ?? null),
		rule: parseRule(q.rule) ?? parseRule(q.flag),
		decided: q.decided === '1' || undefined,
		fined: q.fined === '1' || undefined,
		filedYear: q.filed,
		itemCode: q.item,
		tier: q.tier,
		officer: q.officer,
		daysBin: q.days,
		batch: q.batch,
		warning: isImportWarning(q.warning) ? q.warning : undefined
	};
}
