import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 now: the operating system picks it for a moment's listener, which then closes. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}
