import { describe, expect, it } from 'vitest';
import { fieldLabel, stagePercent } from './import-view';

describe('the import page', () => {
	it('counts progress by stage and by bytes within the stage', () => {
		expect(stagePercent(null)).toBe(0);
		expect(stagePercent({ stage: 'decode' })).toBe(0);
		expect(stagePercent({ stage: 'read', bytes: 50, totalBytes: 100 })).toBe(42);
		expect(stagePercent({ stage: 'done' })).toBe(100);
	});

	it('names a field in the page language', () => {
		expect(fieldLabel('harm', 'zh')).toBe('危害后果');
		expect(fieldLabel('harm', 'en')).toBe('Harm（危害后果）');
	});
});
