/**
 * Roles and the role matrix: the one table that says which pages, actions and API routes each role may use.
 * hooks.server.ts enforces it at one checkpoint; the navigation is filtered by it.
 */

export const ROLES = ['admin', 'leader', 'officer', 'reviewer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, { zh: string; en: string }> = {
	admin: { zh: '管理员', en: 'Administrator' },
	leader: { zh: '领导', en: 'Leadership' },
	officer: { zh: '执法人员', en: 'Officer' },
	reviewer: { zh: '法制审核人员', en: 'Legal reviewer' },
	analyst: { zh: '数据分析员', en: 'Analyst' }
};

export function isRole(s: unknown): s is Role {
	return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/** Who may reach a route: nobody needs to sign in ('public'), any signed-in user ('signed-in'), or these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** Scopes of API tokens for machine clients (the city's publicity platform, other systems). */
export const TOKEN_SCOPES = ['publicity', 'suggest', 'backup'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface RouteRule {
	/** A path prefix: '/admin' covers '/admin' and '/admin/…', never '/administer'. */
	prefix: string;
	/** Methods the rule covers; absent means every method. */
	methods?: readonly string[];
	access: Access;
	/** API tokens with one of these scopes may use the route too; no token may use a route without them. */
	tokenScopes?: readonly TokenScope[];
}

/**
 * Ordered from the most specific prefix to the least; the first rule whose prefix and method match decides.
 * A path no rule covers needs a signed-in user (deny by default for anonymous users).
 */
export const ROUTE_RULES: readonly RouteRule[] = [
	{ prefix: '/login', access: 'public' },
	{ prefix: '/lang', access: 'public' },
	{ prefix: '/health', access: 'public' },
	{ prefix: '/public', access: 'public' },
	{ prefix: '/api/public', access: ['admin'], tokenScopes: ['publicity'] },
	{ prefix: '/publicity/exchange', access: ['admin'] },
	{ prefix: '/publicity', methods: ['GET', 'HEAD'], access: ['leader', 'reviewer', 'analyst', 'admin'] },
	{ prefix: '/publicity', access: ['reviewer', 'admin'] },
	{ prefix: '/logout', access: 'signed-in' },
	{ prefix: '/account', access: 'signed-in' },
	// Backups are taken by the server, which alone may read its database; a scheduled `npm run backup` uses a token.
	{ prefix: '/api/admin/backup', methods: ['POST'], access: ['admin'], tokenScopes: ['backup'] },
	{ prefix: '/admin', access: ['admin'] },
	{ prefix: '/import', access: ['analyst', 'admin'] },
	{ prefix: '/api/import', access: ['analyst', 'admin'] },
	{ prefix: '/stats', access: ['leader', 'analyst', 'reviewer', 'admin'] },
	{ prefix: '/report', access: ['leader', 'analyst', 'admin'] },
	{ prefix: '/scorecard', access: ['leader', 'analyst', 'admin'] },
	// Peer agencies' published decisions: read by those who weigh fines; their matching to items is the analysts'.
	{ prefix: '/peers', methods: ['GET', 'HEAD'], access: ['leader', 'officer', 'reviewer', 'analyst'] },
	{ prefix: '/peers', access: ['analyst'] },
	// The same confirmation, given on the import page right after a list is imported.
	{ prefix: '/api/peers', access: ['analyst'] },
	{ prefix: '/suggest', access: ['officer', 'reviewer'] },
	{ prefix: '/api/suggest', access: ['officer', 'reviewer'], tokenScopes: ['suggest'] },
	// 执法监督: flags on decided cases, for those who supervise them as well as the reviewers.
	{ prefix: '/review/supervision', methods: ['GET', 'HEAD'], access: ['reviewer', 'leader', 'analyst'] },
	{ prefix: '/review', access: ['reviewer'] },
	{ prefix: '/api/flags', access: ['reviewer'] },
	{ prefix: '/model', methods: ['GET', 'HEAD'], access: 'signed-in' },
	{ prefix: '/model', access: ['analyst', 'admin'] },
	// A case's circumstances are corrected by the analysts, who answer for the data.
	{ prefix: '/cases', methods: ['POST'], access: ['analyst'] },
	{ prefix: '/cases', access: ['leader', 'officer', 'reviewer', 'analyst'] },
	// The electronic case file: read by those who read cases; filed by officers and reviewers (the case's rules decide which cases).
	{ prefix: '/api/files', methods: ['GET', 'HEAD'], access: ['leader', 'officer', 'reviewer', 'analyst'] },
	{ prefix: '/api/files', access: ['officer', 'reviewer'] },
	{ prefix: '/case-files', methods: ['GET', 'HEAD'], access: ['leader', 'officer', 'reviewer', 'analyst'] },
	{ prefix: '/case-files', access: ['analyst'] },
	{ prefix: '/catalog', methods: ['GET', 'HEAD'], access: 'signed-in' },
	{ prefix: '/catalog', access: ['analyst', 'admin'] },
	{ prefix: '/roster', access: ['leader', 'officer', 'reviewer', 'analyst', 'admin'] },
	{ prefix: '/', access: 'signed-in' }
];

function covers(prefix: string, path: string): boolean {
	if (prefix === '/') return true;
	return path === prefix || path.startsWith(prefix + '/');
}

export function ruleFor(path: string, method: string): RouteRule {
	const m = method.toUpperCase();
	return ROUTE_RULES.find((r) => covers(r.prefix, path) && (!r.methods || r.methods.includes(m))) ?? { prefix: '/', access: 'signed-in' };
}

export type Decision = 'allow' | 'sign-in' | 'forbidden';

/** Who is asking: a signed-in user's roles, an API token's scopes, or nobody (null). */
export type Principal = readonly Role[] | { scopes: readonly TokenScope[] } | null;

/** The checkpoint's decision for a principal asking for a path with a method. */
export function decide(who: Principal, path: string, method: string): Decision {
	const rule = ruleFor(path, method);
	if (rule.access === 'public') return 'allow';
	if (who === null) return 'sign-in';
	if ('scopes' in who) return rule.tokenScopes?.some((s) => who.scopes.includes(s)) ? 'allow' : 'forbidden';
	if (rule.access === 'signed-in') return 'allow';
	return rule.access.some((r) => who.includes(r)) ? 'allow' : 'forbidden';
}
