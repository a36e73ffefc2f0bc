import { describe, expect, it } from 'vitest';
import type { CaseRecord } from './case-schema';
import { cleanFileName, currentVersions, maskTitle, mayAddFiles, mayOpenFiles, mediaOf, versionChain } from './case-file';

const person: Pick<CaseRecord, 'party_type' | 'party_name' | 'officer_ids' | 'status'> = {
	party_type: '自然人',
	party_name: '欧阳娜娜',
	officer_ids: ['A1', 'A2'],
	status: '已结案'
};

describe('case-file documents', () => {
	it('accepts documents, images and recordings, and refuses what can carry script', () => {
		expect(mediaOf('决定书.PDF')).toEqual({ type: 'application/pdf', kind: 'pdf' });
		expect(mediaOf('现场.mp4')?.kind).toBe('video');
		expect(mediaOf('询问.m4a')?.kind).toBe('audio');
		expect(mediaOf('笔录.docx')?.kind).toBe('download');
		expect(mediaOf('page.html')).toBeNull();
		expect(mediaOf('logo.svg')).toBeNull();
		expect(mediaOf('no-extension')).toBeNull();
		expect(cleanFileName('C:\\扫描\\..\\送达回证.jpg')).toBe('送达回证.jpg');
		expect(cleanFileName('a\u0000b.pdf')).toBe('ab.pdf');
	});

	it('reads a chain of corrections newest first, from any of its versions', () => {
		const docs = [
			{ id: 1, supersedes: null },
			{ id: 2, supersedes: 1 },
			{ id: 3, supersedes: null },
			{ id: 4, supersedes: 2 }
		];
		expect(currentVersions(docs).map((d) => d.id)).toEqual([3, 4]);
		expect(versionChain(docs, 1).map((d) => d.id)).toEqual([4, 2, 1]);
		expect(versionChain(docs, 4).map((d) => d.id)).toEqual([4, 2, 1]);
		expect(versionChain(docs, 3).map((d) => d.id)).toEqual([3]);
	});

	it("keeps a natural person's documents to those who may see the person's data", () => {
		expect(mayOpenFiles({ roles: ['leader'] }, person)).toBe(false);
		expect(mayOpenFiles({ roles: ['officer'], certNo: 'A2' }, person)).toBe(true);
		expect(mayOpenFiles({ roles: ['leader'] }, { ...person, party_type: '法人及非法人组织' })).toBe(true);
		expect(maskTitle('欧阳娜娜询问笔录.pdf', { roles: ['leader'] }, person)).toBe('欧***询问笔录.pdf');
		expect(maskTitle('欧阳娜娜询问笔录.pdf', { roles: ['officer'], certNo: 'A1' }, person)).toBe('欧阳娜娜询问笔录.pdf');
	});

	it('lets the officers of the case and reviewers file documents', () => {
		expect(mayAddFiles({ roles: ['officer'], certNo: 'A1' }, person)).toBe(true);
		expect(mayAddFiles({ roles: ['officer'], certNo: 'B7' }, person)).toBe(false);
		expect(mayAddFiles({ roles: ['reviewer'] }, person)).toBe(true);
		expect(mayAddFiles({ roles: ['leader', 'analyst'] }, person)).toBe(false);
	});
});
