import { json } from '@sveltejs/kit';
import { getJob } from '$lib/server/import';
import type { RequestHandler } from './$types';
import { errorBody, msg } from '$lib/i18n';

export const GET: RequestHandler = ({ params }) => {
	const job = getJob(params.id);
	if (!job) return json(errorBody(msg('err.import.noJob')), { status: 404 });
	return json(job);
};
