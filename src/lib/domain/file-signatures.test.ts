import { describe, expect, it } from 'vitest';
import { ACCEPTED_EXTENSIONS } from './case-file';
import { contentMatchesName, SIGNED_EXTENSIONS } from './file-signatures';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('contentMatchesName', () => {
	it('accepts files whose first bytes are of the type their name says', () => {
		expect(contentMatchesName('决定书.pdf', bytes('%PDF-1.7\n'))).toBe(true);
		expect(contentMatchesName('现场.PNG', bytes('\x89PNG\r\n\x1a\n....'))).toBe(true);
		expect(contentMatchesName('照片.jpg', bytes('\xff\xd8\xff\xe0'))).toBe(true);
		expect(contentMatchesName('录音.wav', bytes('RIFF\x24\x00\x00\x00WAVEfmt '))).toBe(true);
		expect(contentMatchesName('录像.mp4', bytes('\x00\x00\x00\x20ftypisom'))).toBe(true);
		expect(contentMatchesName('笔录.docx', bytes('PK\x03\x04'))).toBe(true);
		expect(contentMatchesName('旧笔录.doc', bytes('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'))).toBe(true);
		expect(contentMatchesName('说明.txt', bytes('送达情况说明'))).toBe(true);
	});

	it('refuses content of another type under an accepted name', () => {
		expect(contentMatchesName('决定书.pdf', bytes('<html><script>alert(1)</script>'))).toBe(false);
		expect(contentMatchesName('照片.png', bytes('%PDF-1.4'))).toBe(false);
		expect(contentMatchesName('录音.wav', bytes('RIFF\x24\x00\x00\x00AVI '))).toBe(false);
		expect(contentMatchesName('说明.txt', bytes('MZ\x90\x00\x03\x00'))).toBe(false);
		expect(contentMatchesName('空.pdf', new Uint8Array())).toBe(false);
		expect(contentMatchesName('页面.html', bytes('<html>'))).toBe(false);
	});

	it('has a signature for every extension the case file accepts', () => {
		// A new accepted type without a signature would refuse every file of it: this names the one missing.
		const missing = ACCEPTED_EXTENSIONS.filter((e) => e !== '.txt' && !SIGNED_EXTENSIONS.includes(e));
		expect(missing).toEqual([]);
	});
});
