import type { CaseRecord } from './case-schema';
import type { Role } from './roles';

/**
 * Masking of personal information (a natural person's name and ID number). One function decides who sees what;
 * pages, API, CLI output and exports all call it.
 */

/** A person's name with all but the surname masked: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
	const chars = [...name];
	if (chars.length <= 1) return '*';
	return chars[0] + '*'.repeat(chars.length - 1);
}

/** An identifier with all but the first and last characters masked (RULES.md §5). */
export function maskId(id: string): string {
	const chars = [...id];
	if (chars.length <= 2) return '*'.repeat(chars.length);
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export interface Viewer {
	roles: readonly Role[];
	/** The officer's certificate number, when the user is an officer: their own cases are shown in full. */
	certNo?: string | null;
	/** Whether the agency lets administrators see personal data (a setting; off by default). */
	adminSeesPersonalData?: boolean;
}

/** Whether this viewer has a need to see this case's personal data in full. */
export function seesPersonalData(viewer: Viewer, c: Pick<CaseRecord, 'officer_ids' | 'status'>): boolean {
	if (viewer.roles.includes('admin') && viewer.adminSeesPersonalData) return true;
	if (viewer.roles.includes('officer') && viewer.certNo && c.officer_ids?.includes(viewer.certNo)) return true;
	// Reviewers need the full record of the cases on their desk: those awaiting legal review.
	if (viewer.roles.includes('reviewer') && c.status === '待审核') return true;
	return false;
}

type Masked = Pick<CaseRecord, 'party_type' | 'party_name' | 'party_id' | 'officer_ids' | 'status'> & Partial<Pick<CaseRecord, 'facts'>>;

/** 18-character resident ID numbers and mainland mobile numbers, wherever they stand in a text. */
const PERSONAL_NUMBERS = /(?<![0-9A-Za-z])(?:[1-9]\d{16}[\dXx]|1[3-9]\d{9})(?![0-9A-Za-z])/g;

/**
 * The facts text as a viewer without need may read it: the natural-person party's name masked wherever it is
 * written, and every ID or mobile number masked (a company's case may still name its legal representative's).
 */
export function maskFacts(facts: string, personName: string | null): string {
	let out = facts.replace(PERSONAL_NUMBERS, (n) => maskId(n));
	if (personName && [...personName].length >= 2) out = out.split(personName).join(maskName(personName));
	return out;
}

/**
 * The phrases circumstances were read from ({"months_overdue": "逾期8个月"}), masked as the facts text they quote
 * is masked for this viewer.
 */
export function maskPhrases(phrases: Readonly<Record<string, string>>, c: Masked, viewer: Viewer): Record<string, string> {
	if (seesPersonalData(viewer, c)) return { ...phrases };
	const person = c.party_type === '自然人' ? c.party_name : null;
	return Object.fromEntries(Object.entries(phrases).map(([k, p]) => [k, maskFacts(p, person)]));
}

/** The case as this viewer may see it. Organisations' names and credit codes are public and never masked. */
export function maskCase<T extends Masked>(c: T, viewer: Viewer): T {
	if (seesPersonalData(viewer, c)) return c;
	const person = c.party_type === '自然人';
	const facts = c.facts === undefined || c.facts === null ? c.facts : maskFacts(c.facts, person ? c.party_name : null);
	if (!person) return facts === c.facts ? c : { ...c, facts };
	return {
		...c,
		party_name: c.party_name === null ? null : maskName(c.party_name),
		party_id: c.party_id === null ? null : maskId(c.party_id),
		...(c.facts === undefined ? {} : { facts })
	};
}
