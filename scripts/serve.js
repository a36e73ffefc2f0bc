/**
 * Serves the built app (build/handler.js) over plain HTTP, as an agency's intranet server usually does.
 *
 * Why not build/index.js: without an ORIGIN setting, the adapter assumes every request came over HTTPS, so the
 * origin check of form posts refuses every sign-in on a plain-HTTP intranet address. Here each request says how
 * it really arrived; behind a TLS reverse proxy, EQUITAS_TRUST_PROXY=1 keeps the proxy's X-Forwarded-Proto.
 */
import { createServer } from 'node:http';

process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
// The adapter's limit is only the outer ceiling, the largest upload (EQUITAS_UPLOAD_LIMIT, EQUITAS_FILE_LIMIT, 2 GB by
// default); src/hooks.server.ts holds every route to its own limit, 1 MB for all but the upload routes.
const positive = (v) => (Number(v) > 0 ? Number(v) : 0);
process.env.BODY_SIZE_LIMIT ??= String(
	Math.max(positive(process.env.EQUITAS_UPLOAD_LIMIT) || 2 * 1024 ** 3, positive(process.env.EQUITAS_FILE_LIMIT)) + 1024 * 1024
);
const trustProxy = process.env.EQUITAS_TRUST_PROXY === '1';
const { handler } = await import('../build/handler.js');

const server = createServer((req, res) => {
	if (!trustProxy || !req.headers['x-forwarded-proto']) {
		req.headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const addr = server.address();
	console.log(`Listening on http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`);
});

let stopping = false;
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	// Stop taking requests, let those in flight finish, then let the app checkpoint and close its database.
	server.close(() => process.emit('sveltekit:shutdown', reason));
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), 10_000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
