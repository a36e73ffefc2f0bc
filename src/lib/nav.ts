import type { MessageKey } from './i18n';

/** The navigation, by the roles' sections. A page is listed here once it exists, never before. */
export interface NavItem {
	href: string;
	label: MessageKey;
	section: MessageKey;
}

export const NAV: readonly NavItem[] = [
	{ href: '/', label: 'nav.overview', section: 'nav.section.leadership' },
	{ href: '/catalog', label: 'nav.catalog', section: 'nav.section.analyst' },
	{ href: '/roster', label: 'nav.roster', section: 'nav.section.analyst' }
];
