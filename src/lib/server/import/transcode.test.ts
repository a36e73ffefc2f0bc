import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/random';
import { indexRecords } from './records';
import { transcode } from './transcode';

const dir = mkdtempSync(join(tmpdir(), 'equitas-transcode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GB18030 text with what can go wrong at a piece's edge: quoted line breaks, invalid and cut sequences, a BOM character mid-file. */
function messyGbk(lines: number): Buffer {
	const r = seededRandom(11);
	const parts: Buffer[] = [iconv.encode('台账标题\r\n案件编号,当事人,备注\r\n', 'gb18030')];
	for (let i = 0; i < lines; i++) {
		const pick = r.int(0, 9);
		if (pick < 6) parts.push(iconv.encode(`LJ${i},临江市某某公司,"多行\n备注""引号"""\r\n`, 'gb18030'));
		else if (pick === 6) parts.push(Buffer.from([0x84, 0x31, 0x95, 0x33, 0x41, 0x2c, 0x42, 0x0a]));
		else if (pick === 7) parts.push(Buffer.from([0x81, 0x0a, 0x81, 0x30, 0x0a, 0xff, 0x22, 0x0d, 0x0a]));
		else parts.push(Buffer.from(Array.from({ length: r.int(1, 40) }, () => r.int(0, 255))));
	}
	parts.push(Buffer.from([0x81, 0x30]));
	return Buffer.concat(parts);
}

/** The whole file through one decoder: ICU's where Node has it (as the importer uses), else iconv-lite's. */
function oneDecoder(raw: Buffer): string {
	try {
		return new TextDecoder('gb18030').decode(raw);
	} catch {
		return iconv.decode(raw, 'gb18030');
	}
}

describe('transcoding GB18030 in pieces', () => {
	it('gives the same text, hash and record index as one decoder over the whole file', async () => {
		const raw = messyGbk(20_000);
		const path = join(dir, 'messy.csv');
		writeFileSync(path, raw);
		const expected = Buffer.from(oneDecoder(raw), 'utf8');
		for (const workers of [1, 2, 3, 4]) {
			const out = join(dir, `out-${workers}.csv`);
			const t = await transcode(path, raw.length, { encoding: 'gb18030', bom: 0 }, out, undefined, { parallelFromBytes: 0, workers });
			expect(readFileSync(out).equals(expected), `${workers} workers: the text`).toBe(true);
			expect(t.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
			const index = await indexRecords(out);
			expect(Array.from(t.records.starts), `${workers} workers: record starts`).toEqual(Array.from(index.starts));
			expect(Array.from(t.records.empty), `${workers} workers: empty records`).toEqual(Array.from(index.empty));
		}
	});

	it('decodes valid GBK text exactly as iconv-lite does, byte-order marks included', async () => {
		const text = '临江市住房公积金管理中心,罚款金额（万元）,"多行\n备注",€,〇,𠀀,ABC\r\n'.repeat(2000);
		const raw = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(text, 'gb18030'), Buffer.from([0x84, 0x31, 0x95, 0x33])]);
		const path = join(dir, 'valid.csv');
		writeFileSync(path, raw);
		for (const workers of [1, 2]) {
			const out = join(dir, `valid-${workers}.csv`);
			await transcode(path, raw.length, { encoding: 'gb18030', bom: 0 }, out, undefined, { parallelFromBytes: 0, workers });
			expect(readFileSync(out, 'utf8')).toBe(iconv.decode(raw, 'gb18030'));
			expect(readFileSync(out, 'utf8')).toBe('\ufeff' + text + '\ufeff');
		}
	});
});
