import { formatNumber, type Locale } from '../i18n';

/**
 * A file size as people read it: bytes, then KB, MB or GB with one decimal (1024-based, as file managers show
 * them), in the page's number format. Unknown is a dash.
 */
export function fileSize(bytes: number | null, locale: Locale = 'zh-CN'): string {
	if (bytes === null) return '—';
	if (bytes < 1024) return `${formatNumber(locale, bytes)} B`;
	if (bytes < 1024 ** 2) return `${formatNumber(locale, bytes / 1024, 1)} KB`;
	if (bytes < 1024 ** 3) return `${formatNumber(locale, bytes / 1024 ** 2, 1)} MB`;
	return `${formatNumber(locale, bytes / 1024 ** 3, 1)} GB`;
}
