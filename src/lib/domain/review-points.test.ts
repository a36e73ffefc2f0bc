import { describe, expect, it } from 'vitest';
import { pointMet, REVIEW_POINTS, reviewSubmissionSchema } from './review-points';

const submission = (points: ('yes' | 'no')[], result = '通过') => ({
	points,
	notes: REVIEW_POINTS.map(() => ''),
	result,
	opinion: '事实清楚，同意',
	disagreement: false,
	resolutions: []
});

describe('the nine review points', () => {
	it('asks the ninth as a question: whether the case must go to the judiciary', () => {
		expect(REVIEW_POINTS[8]).toBe('是否涉嫌犯罪、需要移送司法机关？');
		expect(pointMet(8, 'no')).toBe(true);
		expect(pointMet(8, 'yes')).toBe(false);
		expect(pointMet(0, 'yes')).toBe(true);
	});

	it('passes a case only with the eight checks met and no transfer to the judiciary', () => {
		const eight = REVIEW_POINTS.slice(0, 8).map(() => 'yes' as const);
		expect(reviewSubmissionSchema.safeParse(submission([...eight, 'no'])).success).toBe(true);
		expect(reviewSubmissionSchema.safeParse(submission([...eight, 'yes'])).success).toBe(false);
		expect(reviewSubmissionSchema.safeParse(submission([...eight, 'yes'], '不通过')).success).toBe(true);
		expect(reviewSubmissionSchema.safeParse(submission(['no', ...eight.slice(1), 'no'])).success).toBe(false);
	});
});
