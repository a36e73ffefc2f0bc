import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../db';
import { loadCatalog } from '../catalog';
import { seededRandom } from '../demo/random';
import { importCases, UnreadableFileError } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid export (the committed UTF-8 sample), cut to its first rows to keep the run short. */
const valid = readFileSync(join(process.cwd(), 'data/samples/cases-current-utf8.csv'), 'utf8').split('\r\n').slice(0, 60).join('\r\n');

type Mutation = (s: string, r: ReturnType<typeof seededRandom>) => string | Buffer;
const MUTATIONS: Record<string, Mutation> = {
	flipBytes: (s, r) => {
		const b = Buffer.from(s, 'utf8');
		for (let i = 0; i < 20; i++) b[r.int(0, b.length - 1)] = r.int(0, 255);
		return b;
	},
	strayQuotes: (s, r) => {
		const a = s.split('');
		for (let i = 0; i < 8; i++) a.splice(r.int(0, a.length), 0, '"');
		return a.join('');
	},
	swapDelimiters: (s, r) => s.replace(/,/g, () => (r.chance(0.05) ? r.pick([';', '\t', '|', '，']) : ',')),
	truncate: (s, r) => s.slice(0, r.int(0, s.length)),
	gbk: (s) => iconv.encode(s, 'gbk'),
	gbkTruncatedMidCharacter: (s, r) => {
		const b = iconv.encode(s, 'gbk');
		return b.subarray(0, r.int(1, b.length - 1));
	},
	dropCells: (s, r) =>
		s
			.split('\r\n')
			.map((l, i) => (i > 0 && r.chance(0.2) ? l.split(',').slice(0, r.int(1, 30)).join(',') : l))
			.join('\r\n'),
	garbageValues: (s, r) => s.replace(/,(\d)/g, (m, d: string) => (r.chance(0.1) ? `,${r.pick(['x', '−', '１２', '2019-13-45', '∞', '=1+1', ''])}${d}` : m)),
	duplicateLines: (s, r) => {
		const lines = s.split('\r\n');
		for (let i = 0; i < 5; i++) lines.splice(r.int(1, lines.length), 0, lines[r.int(1, lines.length - 1)] ?? '');
		return lines.join('\r\n');
	},
	nulBytes: (s, r) => {
		const a = s.split('');
		for (let i = 0; i < 5; i++) a.splice(r.int(0, a.length), 0, '\u0000');
		return a.join('');
	}
};

describe('fuzzed exports', () => {
	it('never crash the importer and always account for every row read', async () => {
		const db = await openMigrated(':memory:');
		const catalog = loadCatalog();
		const r = seededRandom(20251128);
		let imported = 0;
		let refused = 0;
		const names = Object.keys(MUTATIONS);
		for (let i = 0; i < 40; i++) {
			const name = names[i % names.length]!;
			const path = join(dir, `fuzz-${i}-${name}.csv`);
			writeFileSync(path, MUTATIONS[name]!(valid, r));
			try {
				const s = await importCases(db, path, catalog);
				expect(s.rows, `${name} #${i}`).toBe(s.imported + s.updated + s.unchanged + s.quarantined + s.skipped);
				const [q] = await db.query<{ n: number }>('SELECT count(*) AS n FROM quarantine WHERE batch_id = ?', [s.batch]);
				expect(q?.n, `${name} #${i}: every quarantined row is stored`).toBe(s.quarantined);
				imported++;
			} catch (e) {
				// The only acceptable failure is a file that cannot be read at all, said in words.
				expect(e, `${name} #${i}: ${String(e)}`).toBeInstanceOf(UnreadableFileError);
				refused++;
			}
		}
		expect(imported).toBeGreaterThan(25);
		expect(imported + refused).toBe(40);
		await db.close();
	}, 120_000);
});
