import { describe, expect, it } from 'vitest';
import { decide, ROLES, ROUTE_RULES, type Role } from './roles';

/** The expected answer for every role on every route, written out in full so that a change to the matrix shows. */
const EXPECTED: Record<string, Record<Role | 'anonymous', 'allow' | 'sign-in' | 'forbidden'>> = {
	'GET /login': { anonymous: 'allow', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /health': { anonymous: 'allow', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /lang/en': { anonymous: 'allow', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /public/decisions': { anonymous: 'allow', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /api/public/decisions': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'GET /publicity': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'forbidden', reviewer: 'allow', analyst: 'allow' },
	'POST /publicity/withdraw': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'allow', analyst: 'forbidden' },
	'GET /publicity/exchange': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'GET /': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /logout': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /account': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /admin/users': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'POST /admin/users': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'POST /api/admin/backup': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'GET /admin/audit': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'forbidden' },
	'GET /import': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'POST /api/import': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /stats': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'forbidden', reviewer: 'allow', analyst: 'allow' },
	'GET /peers': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /peers': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'POST /api/peers/matches': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /report': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /scorecard': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /suggest': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'allow', reviewer: 'allow', analyst: 'forbidden' },
	'GET /api/flags': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'allow', analyst: 'forbidden' },
	'GET /model': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /model': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'POST /api/suggest': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'allow', reviewer: 'allow', analyst: 'forbidden' },
	'GET /review': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'allow', analyst: 'forbidden' },
	'GET /review/supervision': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'forbidden', reviewer: 'allow', analyst: 'allow' },
	'GET /review/supervision/export': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'forbidden', reviewer: 'allow', analyst: 'allow' },
	'POST /review/supervision': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'allow', analyst: 'forbidden' },
	'POST /cases/LJ1': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /cases/LJ1': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /api/files/1': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /api/files': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'allow', reviewer: 'allow', analyst: 'forbidden' },
	'GET /case-files': { anonymous: 'sign-in', admin: 'forbidden', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /case-files': { anonymous: 'sign-in', admin: 'forbidden', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /catalog': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'POST /catalog': { anonymous: 'sign-in', admin: 'allow', leader: 'forbidden', officer: 'forbidden', reviewer: 'forbidden', analyst: 'allow' },
	'GET /roster': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /administer': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' },
	'GET /somewhere-new': { anonymous: 'sign-in', admin: 'allow', leader: 'allow', officer: 'allow', reviewer: 'allow', analyst: 'allow' }
};

describe('the role matrix', () => {
	for (const [route, answers] of Object.entries(EXPECTED)) {
		const [method, path] = route.split(' ') as [string, string];
		it(route, () => {
			expect(decide(null, path, method)).toBe(answers.anonymous);
			for (const role of ROLES) expect(decide([role], path, method), role).toBe(answers[role]);
		});
	}

	it('covers every prefix of the matrix in the expectations above', () => {
		const tested = Object.keys(EXPECTED).map((r) => r.split(' ')[1]!);
		for (const rule of ROUTE_RULES)
			expect(
				tested.some((p) => p === rule.prefix || p.startsWith(rule.prefix === '/' ? '/' : rule.prefix + '/')),
				rule.prefix
			).toBe(true);
	});

	it('lets API tokens use only the routes of their scopes', () => {
		expect(decide({ scopes: ['publicity'] }, '/api/public/decisions', 'GET')).toBe('allow');
		expect(decide({ scopes: ['suggest'] }, '/api/public/decisions', 'GET')).toBe('forbidden');
		expect(decide({ scopes: ['suggest'] }, '/api/suggest', 'POST')).toBe('allow');
		expect(decide({ scopes: ['publicity', 'suggest'] }, '/admin/users', 'GET')).toBe('forbidden');
		expect(decide({ scopes: ['publicity'] }, '/', 'GET')).toBe('forbidden');
		expect(decide({ scopes: ['backup'] }, '/api/admin/backup', 'POST')).toBe('allow');
		expect(decide({ scopes: ['publicity', 'suggest'] }, '/api/admin/backup', 'POST')).toBe('forbidden');
		expect(decide({ scopes: ['backup'] }, '/admin/users', 'GET')).toBe('forbidden');
	});

	it('grants a user with several roles the union of their rights', () => {
		expect(decide(['leader', 'officer'], '/suggest', 'GET')).toBe('allow');
		expect(decide(['leader', 'officer'], '/stats', 'GET')).toBe('allow');
		expect(decide(['leader', 'officer'], '/admin/users', 'GET')).toBe('forbidden');
	});
});
