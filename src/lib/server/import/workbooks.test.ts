import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { FIELDS } from '../../domain/case-schema';
import { importCases, importRoster, quarantineOf, reasonsText, UnreadableFileError } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-workbooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();

/** The shipped sample export: 329 cases, many rows ending in empty cells, dates as text. */
const SAMPLE = 'data/samples/cases-current-utf8.csv';
const table = Papa.parse<string[]>(readFileSync(SAMPLE, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data;
const header = table[0]!;
const body = table.slice(1);
const DATE_COLUMNS = new Set<string>(FIELDS.filter((f) => f.type === 'date').map((f) => f.header));
const NUMBER_COLUMNS = new Set(['涉及职工人数', '违法持续月数', '前科次数', '罚款金额', '没收金额', '涉案金额']);
const isDateColumn = (c: number) => DATE_COLUMNS.has(header[c]!);
const isNumberColumn = (c: number) => NUMBER_COLUMNS.has(header[c]!);

/** Excel's day number: days since 1899-12-30, the calendar date without any time zone. */
const serial = (iso: string) => (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000;

const columnName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : columnName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A workbook written part by part the way spreadsheet programs write them: empty cells left out (trailing ones
 * too), strings shared or inline, dates as day numbers with a date style or as text.
 */
async function handWritten(path: string, strings: 'shared' | 'inline', dates: 'serial' | 'text'): Promise<void> {
	const shared: string[] = [];
	const sharedIndex = new Map<string, number>();
	const rowXml = table.map((cells, r) => {
		const cs = cells.map((v, c) => {
			if (v === '') return '';
			const ref = `${columnName(c)}${r + 1}`;
			if (r > 0 && dates === 'serial' && isDateColumn(c)) return `<c r="${ref}" s="1"><v>${serial(v)}</v></c>`;
			if (r > 0 && isNumberColumn(c) && /^\d+(\.\d+)?$/.test(v)) return `<c r="${ref}"><v>${Number(v)}</v></c>`;
			if (strings === 'inline') return `<c r="${ref}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
			if (!sharedIndex.has(v)) sharedIndex.set(v, shared.push(v) - 1);
			return `<c r="${ref}" t="s"><v>${sharedIndex.get(v)}</v></c>`;
		});
		return `<row r="${r + 1}">${cs.join('')}</row>`;
	});
	const zip = new JSZip();
	zip.file(
		'[Content_Types].xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${strings === 'shared' ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`
	);
	zip.file(
		'_rels/.rels',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	);
	zip.file(
		'xl/workbook.xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="案件台账" sheetId="1" r:id="rId1"/></sheets></workbook>`
	);
	zip.file(
		'xl/_rels/workbook.xml.rels',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${strings === 'shared' ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`
	);
	zip.file(
		'xl/styles.xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`
	);
	zip.file(
		'xl/worksheets/sheet1.xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowXml.join('')}</sheetData></worksheet>`
	);
	if (strings === 'shared')
		zip.file(
			'xl/sharedStrings.xml',
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${xml(s)}</t></si>`).join('')}</sst>`
		);
	writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** ExcelJS as a writer: dates as Date cells, numbers as numbers, empty cells not written. */
async function excelJsWritten(path: string): Promise<void> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('台账');
	for (const [r, cells] of table.entries())
		ws.addRow(
			cells.map((v, c) => {
				if (v === '' || r === 0) return v === '' ? null : v;
				if (isDateColumn(c)) return new Date(`${v}T00:00:00Z`);
				if (isNumberColumn(c) && /^\d+(\.\d+)?$/.test(v)) return Number(v);
				return v;
			})
		);
	await wb.xlsx.writeFile(path);
}

/** SheetJS as a writer of the legacy formats: Excel 97–2003 (BIFF8) and XML Spreadsheet 2003. */
function legacyWritten(path: string, bookType: 'biff8' | 'xlml'): void {
	const ws: XLSX.WorkSheet = {};
	for (const [r, cells] of table.entries())
		for (const [c, v] of cells.entries()) {
			if (v === '') continue;
			const ref = `${columnName(c)}${r + 1}`;
			if (r > 0 && isDateColumn(c)) ws[ref] = { t: 'n', v: serial(v), z: 'yyyy-mm-dd' };
			else if (r > 0 && isNumberColumn(c) && /^\d+(\.\d+)?$/.test(v)) ws[ref] = { t: 'n', v: Number(v) };
			else ws[ref] = { t: 's', v };
		}
	ws['!ref'] = `A1:${columnName(header.length - 1)}${table.length}`;
	const wb = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(wb, ws, '案件台账');
	writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}

/** Every stored column of every case, in one order, for comparing two imports. */
async function casesOf(db: Database): Promise<unknown[]> {
	const keys = FIELDS.map((f) => f.key).join(', ');
	return db.query(`SELECT ${keys}, CAST(extra AS VARCHAR) AS extra FROM cases ORDER BY agency, case_id`);
}

async function importInto(path: string): Promise<{ db: Database; summary: Awaited<ReturnType<typeof importCases>> }> {
	const db = await openMigrated(':memory:');
	return { db, summary: await importCases(db, path, catalog) };
}

describe('workbooks as spreadsheet programs save them', () => {
	it('imports the same cases from CSV and from five kinds of workbook, short rows and all', async () => {
		expect(body.length).toBe(329);
		// The point of the test: most sample rows end in empty cells, which workbooks leave out.
		expect(body.filter((r) => r.at(-1) === '').length).toBeGreaterThan(100);
		const csv = await importInto(SAMPLE);
		expect(csv.summary).toMatchObject({ rows: 329, imported: 329, quarantined: 0 });
		const expected = await casesOf(csv.db);
		await csv.db.close();

		const files: [string, string, () => Promise<void> | void][] = [];
		const add = (name: string, label: string, write: (p: string) => Promise<void> | void) => {
			const p = join(dir, name);
			files.push([p, label, () => write(p)]);
		};
		add('excel-shared-serial.xlsx', 'XLSX', (p) => handWritten(p, 'shared', 'serial'));
		add('inline-text-dates.xlsx', 'XLSX', (p) => handWritten(p, 'inline', 'text'));
		add('exceljs.xlsx', 'XLSX', excelJsWritten);
		add('legacy.xls', 'XLS', (p) => legacyWritten(p, 'biff8'));
		// Saved with an .xlsx name, as WPS and older web exports do: told apart by content.
		add('spreadsheetml.xlsx', 'XML-2003', (p) => legacyWritten(p, 'xlml'));
		for (const [path, label, write] of files) {
			await write();
			const { db, summary } = await importInto(path);
			expect({ file: path, encoding: summary.encoding, rows: summary.rows, imported: summary.imported, quarantined: summary.quarantined }).toEqual({
				file: path,
				encoding: label,
				rows: 329,
				imported: 329,
				quarantined: 0
			});
			expect(await casesOf(db), path).toEqual(expected);
			await db.close();
		}
	});

	it('reads a CSV by its content whatever its name, and a workbook named .csv', async () => {
		const renamed = join(dir, 'really-csv.xlsx');
		writeFileSync(renamed, readFileSync(SAMPLE));
		const a = await importInto(renamed);
		expect([a.summary.encoding, a.summary.imported]).toEqual(['UTF-8', 329]);
		await a.db.close();
		const book = join(dir, 'really-xlsx.csv');
		await handWritten(book, 'shared', 'serial');
		const b = await importInto(book);
		expect([b.summary.encoding, b.summary.imported]).toEqual(['XLSX', 329]);
		await b.db.close();
	});

	it('still refuses a workbook row with more cells than the header has', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		ws.addRow(header);
		ws.addRow([...body[0]!.map((v) => v || null)]);
		ws.addRow([...body[1]!, '多出的一格']);
		const p = join(dir, 'wide.xlsx');
		await wb.xlsx.writeFile(p);
		const { db, summary } = await importInto(p);
		expect({ imported: summary.imported, quarantined: summary.quarantined }).toEqual({ imported: 1, quarantined: 1 });
		await db.close();
	});

	it('imports a roster saved as a workbook whose rows end in empty cells', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('执法人员');
		ws.addRow(['执法证号', '姓名', '所属部门', '证件有效期起', '证件有效期止', '状态']);
		ws.addRow(['35070200001', '张三', '东城管理部', '2020-01-01', '2026-12-31', '在岗']);
		ws.addRow(['35070200002', '李四', '西城管理部', '2020-01-01']);
		const p = join(dir, 'roster.xlsx');
		await wb.xlsx.writeFile(p);
		const db = await openMigrated(':memory:');
		const r = await importRoster(db, p);
		expect(r).toMatchObject({ rows: 2, imported: 2, quarantined: 0 });
		await db.close();
	});

	it('says what a file is and how to save it when it cannot be read', async () => {
		const db = await openMigrated(':memory:');
		const word = join(dir, 'letter.xls');
		// An OLE container with no workbook in it: the first bytes of a Word 97 document and nothing readable after.
		writeFileSync(word, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]));
		const e = await importCases(db, word, catalog).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(UnreadableFileError);
		expect(String((e as Error).message)).toMatch(/\.xlsx/);
		const broken = join(dir, 'broken.xlsx');
		writeFileSync(broken, Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100)]));
		const f = await importCases(db, broken, catalog).catch((x: unknown) => x);
		expect(f).toBeInstanceOf(UnreadableFileError);
		expect(String((f as Error).message)).toMatch(/另存为/);
		await db.close();
	});
});

/**
 * Public files nobody here wrote (../shared/real/README.md, beside the checkout; EQUITAS_SHARED_REAL to say where
 * else): none is a case ledger of ours. Missing, the tests fail rather than pass on nothing.
 */
const REAL = process.env.EQUITAS_SHARED_REAL ?? resolve(import.meta.dirname, '../../../../../shared/real');

describe('real public files', () => {
	it('are there to test against', () => {
		expect(existsSync(join(REAL, 'README.md')), `the real public files are expected at ${REAL}`).toBe(true);
	});

	const outcome = async (
		name: string
	): Promise<{ refused: string } | { encoding: string; rows: number; imported: number; quarantined: number; reasons: string[] }> => {
		const db = await openMigrated(':memory:');
		try {
			const r = await importCases(db, join(REAL, name), catalog);
			return {
				encoding: r.encoding,
				rows: r.rows,
				imported: r.imported,
				quarantined: r.quarantined,
				reasons: (await quarantineOf(db, r.batch)).flatMap((q) => q.reasons.map((x) => reasonsText([x], 'zh')))
			};
		} catch (e) {
			expect(e, name).toBeInstanceOf(UnreadableFileError);
			return { refused: (e as Error).message };
		} finally {
			await db.close();
		}
	};

	it('refuses the lists that have no case header, in words, whatever their format', async () => {
		for (const name of [
			'cn_csrc_punish_import_templete.xlsx',
			'cn_mee_2017q1_emission_penalties_chinamainsite0004.xlsx',
			'zj_sccheck_check02_spreadsheetml2003.xlsx'
		])
			expect(await outcome(name), name).toEqual({ refused: expect.stringMatching(/^在文件前 20 行中没有找到表头/) as unknown });
	});

	it('reads a legacy BIFF template by its real header, below its note row', async () => {
		expect(await outcome('zj_pubotherpunish_test.xls')).toEqual({ encoding: 'XLS', rows: 0, imported: 0, quarantined: 0, reasons: [] });
	});

	it("quarantines the provincial template's sample row, whose values sit under the wrong headers, saying which", async () => {
		const r = await outcome('zj_xzcf_template.xlsx');
		expect(r).toMatchObject({ encoding: 'XLSX', rows: 1, imported: 0, quarantined: 1 });
		expect('reasons' in r ? r.reasons.join('；') : '').toMatch(/处罚种类：「北京食药监局」不是可选值/);
	});

	it('reads the OCR’d blacklist with its broken headers, and quarantines rows that are not cases with every reason', async () => {
		const r = await outcome('cn_gansu_creditchina_aqsc_blacklist_200257.xlsx');
		expect(r).toMatchObject({ encoding: 'XLSX', rows: 36, imported: 0, quarantined: 36 });
		expect('reasons' in r ? r.reasons : []).toContain('缺少必填项「案件编号」');
	});
});
