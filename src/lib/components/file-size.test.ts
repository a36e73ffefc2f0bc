import { describe, expect, it } from 'vitest';
import { fileSize } from './file-size';

describe('a file size as people read it', () => {
	it('picks the unit by 1024s with one decimal', () => {
		expect(fileSize(512)).toBe('512 B');
		expect(fileSize(1536)).toBe('1.5 KB');
		expect(fileSize(5 * 1024 ** 2 + 300 * 1024)).toBe('5.3 MB');
		expect(fileSize(2 * 1024 ** 3)).toBe('2.0 GB');
		expect(fileSize(1023 * 1024)).toBe('1,023.0 KB');
	});

	it('shows unknown as a dash and follows the page locale', () => {
		expect(fileSize(null)).toBe('—');
		expect(fileSize(1234 * 1024 ** 3, 'en')).toBe('1,234.0 GB');
	});
});
