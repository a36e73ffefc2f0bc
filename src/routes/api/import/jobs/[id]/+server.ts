import { json } from '@sveltejs/kit';
import { getJob } from '$lib/server/import';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const job = getJob(params.id);
	if (!job) return json({ error: '找不到该导入任务（服务器可能已重启），请在批次列表中查看结果' }, { status: 404 });
	return json(job);
};
