import type { Catalog } from './catalog';
import type { IsoDate } from './dates';

/**
 * Versions of the catalog with the dates they take effect (裁量基准的动态调整): a case is judged by the version in
 * force on its own date, so that a revision never rewrites the past. A version whose date has not come judges nothing.
 */

export interface CatalogVersionInfo {
	/** 1, 2, 3… in the order they were published. */
	version: number;
	effective_from: IsoDate;
	note: string;
	published_by: string;
	published_at: string;
	/** The file's own label ("2026.1"), as the agency wrote it. */
	label: string;
	items: number;
}

export interface CatalogVersion extends CatalogVersionInfo {
	catalog: Catalog;
}

export interface CaseDates {
	decided_on: IsoDate | null;
	filed_on?: IsoDate | null;
}

/** The date a case is judged on: its decision date; its filing date while it is undecided; else today (a proposal). */
export function judgingDate(c: CaseDates, today: IsoDate): IsoDate {
	return c.decided_on ?? c.filed_on ?? today;
}

/** The versions of one database, in effective order, read as of `today`. */
export class CatalogBook {
	readonly versions: readonly CatalogVersion[];

	constructor(
		versions: readonly CatalogVersion[],
		readonly today: IsoDate
	) {
		if (versions.length === 0) throw new Error('a catalog book needs at least one version');
		this.versions = [...versions].sort((a, b) => (a.effective_from < b.effective_from ? -1 : a.effective_from > b.effective_from ? 1 : 0));
	}

	/** The version in force on `date`; before the first version's date, the first (there is nothing older to judge by). */
	at(date: IsoDate): CatalogVersion {
		let found = this.versions[0] as CatalogVersion;
		for (const v of this.versions) {
			if (v.effective_from > date || v.effective_from > this.today) break;
			found = v;
		}
		return found;
	}

	inForce(): CatalogVersion {
		return this.at(this.today);
	}

	/** Versions published with a date still to come, soonest first. */
	upcoming(): CatalogVersion[] {
		return this.versions.filter((v) => v.effective_from > this.today);
	}

	/** The catalog that judges this case. */
	forCase(c: CaseDates): Catalog {
		return this.at(judgingDate(c, this.today)).catalog;
	}

	/** What the flags depend on: every version and its date, and the one in force today (a date arriving changes it). */
	signature(): string {
		return `${this.versions.map((v) => `${v.version}@${v.effective_from}`).join(',')}>${this.inForce().version}`;
	}
}
