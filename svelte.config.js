import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Asset paths from the site root: a refused page (hooks.server.ts) is the /forbidden page served at the refused
		// address, where paths relative to /forbidden would not resolve. The app is always served at the root.
		paths: { relative: false },
		// SvelteKit hashes its own inline scripts into script-src ('auto': hashes when prerendered, nonces when rendered).
		// Inline styles stay allowed for Svelte's style attributes; documents are framed only from this site.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'media-src': ['self', 'blob:'],
				'frame-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
