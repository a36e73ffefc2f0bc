import type { MessageKey } from './i18n';

/**
 * The browser title of every signed-in page, in one place: 「执法统计 · 2024 年 · 同案同罚」. A leader's tabs and
 * printed pages then say what they are. Keyed by SvelteKit route id; the public site (/public) titles itself.
 */
export const PAGE_TITLES: Readonly<Record<string, MessageKey>> = {
	'/': 'overview.title',
	'/account': 'account.title',
	'/admin/audit': 'admin.audit.title',
	'/admin/backups': 'admin.backups.title',
	'/admin/users': 'admin.users.title',
	'/case-files': 'files.eval.title',
	'/cases': 'cases.title',
	'/cases/[id]': 'case.title',
	'/cases/[id]/files/[file]': 'case.title',
	'/catalog': 'catalog.title',
	'/forbidden': 'auth.forbidden.title',
	'/import': 'import.title',
	'/import/profiles/[name]': 'import.profiles',
	'/login': 'auth.title',
	'/model': 'model.title',
	'/peers': 'peers.title',
	'/publicity': 'publicity.title',
	'/publicity/exchange': 'publicity.exchange.title',
	'/publicity/published': 'publicity.published.title',
	'/publicity/withdraw': 'publicity.withdraw.title',
	'/publicity/withdrawn': 'publicity.withdrawn.title',
	'/report': 'report.title',
	'/report/print': 'report.title',
	'/review': 'review.title',
	'/review/[id]': 'review.title',
	'/review/supervision': 'supervision.title',
	'/roster': 'roster.title',
	'/scorecard': 'scorecard.title',
	'/scorecard/print': 'scorecard.title',
	'/stats': 'stats.title',
	'/suggest': 'suggest.title'
};

/** What a page's data may say about itself for its title: the year it shows, the case it is of. */
export interface TitleData {
	[key: string]: unknown;
	year?: unknown;
	filter?: { year?: unknown } | null;
	record?: { case_id?: unknown } | null;
}

/** The year a page shows, from its data: `year`, or the filter's year; none when the page is not of one year. */
export function titleYear(data: TitleData): number | null {
	for (const v of [data.year, data.filter?.year]) {
		const n = typeof v === 'string' && v !== '' ? Number(v) : v;
		if (typeof n === 'number' && Number.isInteger(n) && n > 1900) return n;
	}
	return null;
}

/** The parts of a title, most specific first, joined with « · »; an unknown route (an error page) says so. */
export function pageTitle(routeId: string | null, data: TitleData, t: (key: MessageKey, values?: Record<string, string>) => string, hasError = false): string {
	const key = hasError || !routeId ? 'error.title' : PAGE_TITLES[routeId];
	const parts: string[] = [];
	if (key) {
		const caseId = typeof data.record?.case_id === 'string' ? data.record.case_id : null;
		parts.push(caseId && routeId?.startsWith('/cases/') ? `${t(key)} ${caseId}` : t(key));
		const year = hasError ? null : titleYear(data);
		if (year !== null) parts.push(t('title.year', { year: String(year) }));
	}
	parts.push(t('app.name'));
	return parts.join(' · ');
}
