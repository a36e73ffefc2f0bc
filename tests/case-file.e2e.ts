import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { launchBrowser, signIn } from './browser';

const base = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
let browser: Browser;
let officer: BrowserContext;
let page: Page;
/** A decided fine of an organisation, handled by the demo officer: the officer may file its documents. */
let caseId = '';

/** A one-page PDF with a line of text, its cross-reference offsets computed so that any reader opens it. */
function pdf(text: string): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length + 36} >>\nstream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** One second of a 440 Hz tone as 16-bit mono PCM WAV: a recording any browser plays. */
function wav(seconds = 1, rate = 8000): Buffer {
	const samples = seconds * rate;
	const b = Buffer.alloc(44 + samples * 2);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + samples * 2, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(rate, 24);
	b.writeUInt32LE(rate * 2, 28);
	b.writeUInt16LE(2, 32);
	b.writeUInt16LE(16, 34);
	b.write('data', 36);
	b.writeUInt32LE(samples * 2, 40);
	for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
	return b;
}

beforeAll(async () => {
	const db = await openDatabase(inject('cliDb'), { readOnly: true });
	try {
		const [row] = await db.query<{ case_id: string }>(
			`SELECT c.case_id FROM cases c, users u WHERE u.username = ? AND list_contains(c.officer_ids, u.cert_no)
			AND c.party_type <> '自然人' AND c.status = '已结案' AND c.item_code = 'HPF-37-1' AND c.fine_amount > 0 AND c.procedure = '普通程序'
			ORDER BY c.case_id LIMIT 1`,
			[accounts.officer]
		);
		caseId = row?.case_id ?? '';
	} finally {
		await db.close();
	}
	browser = await launchBrowser();
	officer = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
	page = await officer.newPage();
	await signIn(page, base, accounts.officer, accounts.password);
});

afterAll(async () => {
	await browser?.close();
});

async function upload(p: Page, stage: string, type: string, file: { name: string; mimeType: string; buffer: Buffer }, date = '', note = ''): Promise<string> {
	const form = p.getByTestId('upload-form');
	if (note) await form.getByLabel('更正理由').fill(note);
	await form.locator('select[name="type"]').selectOption(type);
	await form.locator('select[name="stage"]').selectOption(stage);
	if (date) await form.locator('input[name="date"]').fill(date);
	await form.locator('input[type="file"]').setInputFiles(file);
	// Taken before the click: a correction can move the page before the next line runs.
	const from = p.url();
	await form.getByRole('button', { name: /上传/ }).click();
	// The message is read once, when it appears: the page reloads its data right after and may redraw the form.
	// A correction moves the page to the new version at once, so there the new version's address is the answer.
	let said = '';
	await expect
		.poll(
			async () => {
				const moved = p.url() !== from ? /\/files\/(\d+)$/.exec(new URL(p.url()).pathname) : null;
				if (moved) return (said = `已归档为第 ${moved[1]} 号材料`);
				return (said = await form
					.getByRole('status')
					.last()
					.innerText({ timeout: 1000 })
					.catch(() => said));
			},
			{ timeout: 20_000 }
		)
		.toMatch(/已归档为第 \d+ 号材料/);
	return said.match(/第 (\d+) 号/)![1]!;
}

describe('the electronic case file (电子案卷)', () => {
	it('lets an officer upload a PDF to a stage and see it in the timeline, previewed', async () => {
		expect(caseId).not.toBe('');
		await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
		expect(await page.getByTestId('file-check').innerText()).toMatch(/案卷评分 0/);

		const decision = pdf('Decision of administrative penalty');
		const id = await upload(page, 'decided_on', '行政处罚决定书', { name: '行政处罚决定书.pdf', mimeType: 'application/pdf', buffer: decision });
		const stageFiles = page.getByTestId('files-decided_on');
		await expect.poll(() => stageFiles.innerText()).toContain('行政处罚决定书.pdf');

		await stageFiles.getByRole('button', { name: '行政处罚决定书.pdf' }).click();
		const preview = page.getByTestId('preview');
		expect(await preview.getAttribute('data-kind')).toBe('pdf');
		expect(await preview.locator('iframe').getAttribute('src')).toBe(`/api/files/${id}`);
		// The page's own frame-ancestors 'none' must not keep its preview frame from loading the document.
		await expect.poll(() => page.frames().map((f) => f.url())).toContain(`${base}/api/files/${id}`);
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(artifacts, 'case-file-pdf.png'), fullPage: true });

		// The bytes served are the bytes uploaded, under their hash.
		const r = await officer.request.get(`${base}/api/files/${id}`);
		expect(r.status()).toBe(200);
		expect(r.headers()['content-type']).toBe('application/pdf');
		expect(r.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
		expect(r.headers()['x-frame-options']).toBe('SAMEORIGIN');
		expect(r.headers()['etag']).toBe(`"${createHash('sha256').update(decision).digest('hex')}"`);
		expect(Buffer.compare(await r.body(), decision)).toBe(0);
	});

	it('shows images in the page and keeps both versions of a correction', async () => {
		const png = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
		await upload(page, 'filed_on', '立案审批表', { name: '立案审批表.png', mimeType: 'image/png', buffer: png }, '2020-01-01');
		const filed = page.getByTestId('files-filed_on');
		await filed.getByRole('button', { name: '立案审批表.png' }).click();
		const img = page.getByTestId('preview').locator('img');
		await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
		expect(await page.getByTestId('file-check').innerText()).toMatch(/立案审批表\s*立案\s*—\s*已归档/);

		await filed.getByRole('link', { name: '详情与版本' }).click();
		await page.waitForURL(/\/files\/\d+$/);
		const first = page.url();
		const pdfFile = { name: '立案审批表（更正）.pdf', mimeType: 'application/pdf', buffer: pdf('Corrected approval') };
		await upload(page, 'filed_on', '立案审批表', pdfFile, '2019-02-28', '扫描件不清晰，重新扫描');
		// The page moves to the new version, which names the one it corrects.
		await page.waitForURL((u) => u.href !== first && /\/files\/\d+$/.test(u.pathname));
		await expect.poll(() => page.getByTestId('versions').locator('tbody tr').count()).toBe(2);
		expect(await page.getByTestId('file-meta').innerText()).toContain('扫描件不清晰，重新扫描');
		expect(await page.getByTestId('versions').innerText()).toContain('立案审批表.png');
		await page.screenshot({ path: join(artifacts, 'case-file-versions.png'), fullPage: true });
	});

	it('plays an audio-visual record in the page', async () => {
		await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
		await upload(page, 'investigated_on', '音像记录', { name: '询问录音.wav', mimeType: 'audio/wav', buffer: wav() });
		await page.getByTestId('files-investigated_on').getByRole('button', { name: '询问录音.wav' }).click();
		const audio = page.getByTestId('preview').locator('audio');
		await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState >= 1 && a.duration)).toBeCloseTo(1, 1);
		await audio.evaluate((a: HTMLAudioElement) => ((a.muted = true), a.play()));
		await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0);
	});

	it('lists the incomplete case file by branch and flags it for legal review (R14)', async () => {
		const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
		const leader = await context.newPage();
		await signIn(leader, base, accounts.leader, accounts.password);
		await leader.goto(`${base}/case-files`);
		expect(await leader.getByTestId('incomplete').innerText()).toContain(caseId);
		const totals = await leader.getByTestId('branches').locator('tfoot').innerText();
		expect(totals).toMatch(/合计\s+1\s+0\s+1/);
		await leader.screenshot({ path: join(artifacts, 'case-file-evaluation.png'), fullPage: true });
		// Leaders read case files but do not file documents.
		const refused = await context.request.post(`${base}/api/files?case=${caseId}`, { data: 'x', headers: { origin: base } });
		expect(refused.status()).toBe(403);
		await context.close();

		const reviewer = await browser.newContext();
		const rp = await reviewer.newPage();
		await signIn(rp, base, accounts.reviewer, accounts.password);
		const flags = (await (await reviewer.request.get(`${base}/api/flags?rule=R14`)).json()) as { case_id: string; reason: string }[];
		expect(flags.find((f) => f.case_id === caseId)?.reason).toMatch(/电子案卷缺少.*调查询问笔录/);
		await reviewer.close();
	});

	it('shows on the catalog page which documents each item requires', async () => {
		await page.goto(`${base}/catalog`);
		const required = page.locator('[data-code="HPF-37-1"]').getByTestId('required-documents');
		expect(await required.innerText()).toContain('法制审核意见书（法制审核，重大执法决定，先于行政处罚决定书）');
		await required.screenshot({ path: join(artifacts, 'case-file-catalog.png') });
	});

	it('returns to the case page with the files in their stages', async () => {
		await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
		expect(await page.getByTestId('files-filed_on').innerText()).toContain('第 2 版');
		await page.getByTestId('files-decided_on').getByRole('button').first().click();
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(artifacts, 'case-file-timeline.png'), fullPage: true });
	});
});
