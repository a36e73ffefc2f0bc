import { error } from '@sveltejs/kit';
import { msg, translator, type Message } from '../../i18n';
import { uploadLimit } from '../import/uploads';
import { fileLimit } from '../files/store';

/** Forms and JSON: a sign-in, a proposal, a settings page. Nothing a person types comes near it. */
export const SMALL_BODY_LIMIT = 1024 * 1024;
/** A document list (材料清单) is a CSV handed over whole in a form; metadata only, so far below the file limit. */
export const LIST_BODY_LIMIT = 64 * 1024 * 1024;

/** The largest body a route accepts: only the streaming uploads get the upload limit. */
export function bodyLimitFor(method: string, pathname: string): number {
	if (method !== 'POST') return SMALL_BODY_LIMIT;
	if (pathname === '/api/import/upload') return uploadLimit();
	if (pathname === '/api/files') return fileLimit();
	if (pathname === '/case-files') return LIST_BODY_LIMIT;
	return SMALL_BODY_LIMIT;
}

export function limitText(limit: number): Message {
	return msg('err.http.tooLarge', { mb: Math.round((limit / 1024 / 1024) * 10) / 10 });
}

/** The error SvelteKit answers with its status (a plain Error would become a 500). */
function tooLarge(limit: number): unknown {
	try {
		error(413, translator('zh-CN')(limitText(limit)));
	} catch (e) {
		return e;
	}
}

/** A body that fails with 413 once more than `limit` bytes came, for bodies sent without a Content-Length. */
function counted(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
	const reader = body.getReader();
	let seen = 0;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) return controller.close();
			seen += value.byteLength;
			if (seen > limit) {
				// The rest stays unread rather than cancelled: cancelling resets the connection before the 413 is sent.
				reader.releaseLock();
				return controller.error(tooLarge(limit));
			}
			controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
}

/**
 * The request with its body held to `limit`: a declared length over it is refused at once (null), a body without
 * a declared length is counted as it streams in, so that uploads still go to disk chunk by chunk.
 */
export function limitRequestBody(request: Request, limit: number): Request | null {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) return null;
	if (!request.body || request.headers.has('content-length')) return request;
	return new Request(request, { body: counted(request.body, limit), duplex: 'half' } as RequestInit);
}
