import type { MessageKey } from './i18n';
import { decide, type Role } from './domain/roles';

/**
 * The navigation, grouped by what the user does there (statistics and reports, casework, data and benchmarks,
 * administration), not by who does it: an officer's case pages are casework, not 「领导」. A page is listed here once
 * it exists, never before. The section keys keep their names so that links added elsewhere still find a group.
 */
export interface NavItem {
	href: string;
	label: MessageKey;
	section: MessageKey;
}

export const NAV: readonly NavItem[] = [
	{ href: '/', label: 'nav.overview', section: 'nav.section.leadership' },
	{ href: '/stats', label: 'nav.stats', section: 'nav.section.leadership' },
	{ href: '/report', label: 'nav.report', section: 'nav.section.leadership' },
	{ href: '/scorecard', label: 'nav.scorecard', section: 'nav.section.leadership' },
	{ href: '/peers', label: 'nav.peers', section: 'nav.section.leadership' },
	{ href: '/cases', label: 'nav.cases', section: 'nav.section.enforcement' },
	{ href: '/case-files', label: 'files.nav', section: 'nav.section.enforcement' },
	{ href: '/suggest', label: 'nav.suggest', section: 'nav.section.enforcement' },
	{ href: '/review', label: 'nav.review', section: 'nav.section.enforcement' },
	{ href: '/review/supervision', label: 'supervision.nav', section: 'nav.section.enforcement' },
	{ href: '/publicity', label: 'publicity.nav', section: 'nav.section.enforcement' },
	{ href: '/import', label: 'nav.import', section: 'nav.section.analyst' },
	{ href: '/model', label: 'nav.model', section: 'nav.section.analyst' },
	{ href: '/catalog', label: 'nav.catalog', section: 'nav.section.analyst' },
	{ href: '/roster', label: 'nav.roster', section: 'nav.section.analyst' },
	{ href: '/admin/users', label: 'nav.users', section: 'nav.section.admin' },
	{ href: '/admin/audit', label: 'nav.audit', section: 'nav.section.admin' },
	{ href: '/admin/backups', label: 'nav.backups', section: 'nav.section.admin' },
	{ href: '/account', label: 'nav.account', section: 'nav.section.mine' }
];

/** The items this user's roles may open: the same role matrix the server enforces. */
export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV.filter((n) => decide(roles, n.href, 'GET') === 'allow');
}
