import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app (build/) in Debian's Chromium; they share one server, so they run in one fork.
export default defineConfig({
	test: {
		include: ['tests/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 300_000
	}
});
