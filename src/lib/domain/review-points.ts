import { z } from 'zod';
import { issueText, msg } from '../i18n/message';
import { REVIEW_RESULTS } from './case-schema';

/** The review results are the dictionary's values of `review_result`; the review form offers the same ones. */
export { REVIEW_RESULTS };

/** The nine points legal review checks (RULES.md §2, from the seed plan), in order. */
export const REVIEW_POINTS = [
	'执法人员具备执法资格',
	'主要事实清楚',
	'证据确凿、充分',
	'适用法律、法规、规章正确',
	'裁量基准运用适当',
	'程序合法',
	'未超越法定职权、未滥用职权',
	'执法文书完备、规范',
	'是否涉嫌犯罪、需要移送司法机关？'
] as const;

/**
 * The ninth point is a question (是/否), not a check (符合/不符合): 「符合」 to 「是否需要移送」 says nothing. A case
 * that must go to the judiciary is transferred, not passed, so a pass needs 「否」 there and 「符合」 everywhere else.
 */
export const QUESTION_POINTS: ReadonlySet<number> = new Set([8]);

/** Whether an answer ('yes' | 'no') to point `i` meets it. */
export function pointMet(i: number, answer: string | undefined): boolean {
	return QUESTION_POINTS.has(i) ? answer === 'no' : answer === 'yes';
}

export type ReviewResult = (typeof REVIEW_RESULTS)[number];

const POINTS = issueText(msg('err.review.points'));

/** What the reviewer submits: every point answered, a result, an opinion, and the resolution of the open flags. */
export const reviewSubmissionSchema = z
	.object({
		points: z.array(z.enum(['yes', 'no'], { error: POINTS })).length(REVIEW_POINTS.length, { error: POINTS }),
		notes: z.array(z.string().max(2000)).length(REVIEW_POINTS.length),
		result: z.enum(REVIEW_RESULTS, { error: issueText(msg('err.review.result')) }),
		opinion: z
			.string()
			.trim()
			.min(2, { error: issueText(msg('err.review.opinion')) })
			.max(10_000),
		disagreement: z.boolean(),
		resolutions: z.array(
			z.object({
				flag: z.number().int().positive(),
				resolution: z.enum(['accepted', 'corrected'], { error: issueText(msg('err.review.resolution')) }),
				reason: z
					.string()
					.trim()
					.min(2, { error: issueText(msg('err.review.reason')) })
					.max(2000)
			})
		)
	})
	.refine((s) => s.result !== '通过' || s.points.every((p, i) => pointMet(i, p)), { message: issueText(msg('err.review.notAllYes')), path: ['result'] });

export type ReviewSubmission = z.infer<typeof reviewSubmissionSchema>;
