import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, verifyChain, type AuditContent, type AuditEntry } from './audit-chain';

function chain(n: number): AuditEntry[] {
	const out: AuditEntry[] = [];
	let prev = GENESIS_HASH;
	for (let seq = 1; seq <= n; seq++) {
		const c: AuditContent = {
			seq,
			at: `2025-01-0${seq}T08:00:00`,
			actor: 'admin',
			action: 'sign-in',
			target_type: null,
			target_id: null,
			detail: null,
			ip: '127.0.0.1'
		};
		const hash = entryHash(prev, c);
		out.push({ ...c, prev_hash: prev, hash });
		prev = hash;
	}
	return out;
}

describe('audit hash chain', () => {
	it('verifies an intact chain', () => {
		expect(verifyChain(chain(5))).toEqual({ ok: true, entries: 5 });
	});
	it('names an edited entry', () => {
		const c = chain(5);
		c[2] = { ...c[2]!, actor: 'someone-else' };
		expect(verifyChain(c)).toMatchObject({ ok: false, brokenAt: 3 });
	});
	it('names the entry after a deleted one', () => {
		const c = chain(5);
		c.splice(1, 1);
		expect(verifyChain(c)).toMatchObject({ ok: false, brokenAt: 3 });
	});
	it('names a reordered entry', () => {
		const c = chain(5);
		[c[1], c[2]] = [c[2]!, c[1]!];
		expect(verifyChain(c)).toMatchObject({ ok: false, brokenAt: 3 });
	});
	it('catches an edit that recomputed its own hash', () => {
		const c = chain(5);
		const edited = { ...c[1]!, action: 'nothing-happened' };
		edited.hash = entryHash(edited.prev_hash, edited);
		c[1] = edited;
		expect(verifyChain(c)).toMatchObject({ ok: false, brokenAt: 3 });
	});
});
