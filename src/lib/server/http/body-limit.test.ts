import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { bodyLimitFor, limitRequestBody, SMALL_BODY_LIMIT } from './body-limit';
import { uploadLimit } from '../import/uploads';
import { fileLimit } from '../files/store';

function chunked(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(c) {
			if (sent >= total) return c.close();
			const n = Math.min(chunk, total - sent);
			sent += n;
			c.enqueue(new Uint8Array(n));
		}
	});
}

function streamed(total: number): Request {
	return new Request('http://x/login', { method: 'POST', body: chunked(total), duplex: 'half' } as RequestInit);
}

describe('body limits per route', () => {
	it('gives the upload limit to the upload routes only', () => {
		expect(bodyLimitFor('POST', '/api/import/upload')).toBe(uploadLimit());
		expect(bodyLimitFor('POST', '/api/files')).toBe(fileLimit());
		for (const path of ['/login', '/api/import/jobs', '/suggest/live', '/admin/users', '/api/files/12'])
			expect(bodyLimitFor('POST', path)).toBe(SMALL_BODY_LIMIT);
		expect(bodyLimitFor('PUT', '/api/import/upload')).toBe(SMALL_BODY_LIMIT);
	});

	it('refuses a declared length over the limit before reading anything', () => {
		const r = new Request('http://x/login', { method: 'POST', body: 'a', headers: { 'content-length': String(30 * 1024 * 1024) } });
		expect(limitRequestBody(r, SMALL_BODY_LIMIT)).toBeNull();
	});

	it('counts a body sent without a length and fails it with 413 past the limit', async () => {
		const limited = limitRequestBody(streamed(3 * SMALL_BODY_LIMIT), SMALL_BODY_LIMIT);
		const failure = await limited!.arrayBuffer().then(
			() => null,
			(e: unknown) => e
		);
		expect(isHttpError(failure, 413)).toBe(true);
	});

	it('passes a streamed body within the limit through whole', async () => {
		const limited = limitRequestBody(streamed(SMALL_BODY_LIMIT), SMALL_BODY_LIMIT);
		expect((await limited!.arrayBuffer()).byteLength).toBe(SMALL_BODY_LIMIT);
	});
});
