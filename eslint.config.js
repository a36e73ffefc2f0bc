import prettier from 'eslint-config-prettier';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript already reports undefined names, and no-undef does not know type-only globals.
			'no-undef': 'off',
			// Keys are dropped from an object on purpose by destructuring them next to a rest element.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
			// No kit.paths.base is configured, so resolve() would return every absolute link unchanged.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Routes only connect: SQL, audit entries and masking live in src/lib/server, which returns what the reader may see.
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '$lib/server/audit',
							importNames: ['appendAudit', 'auditedTransaction', 'listAudit'],
							message: 'Call a server function that writes or masks its own entries.'
						},
						{
							name: '$lib/domain/masking',
							importNames: ['maskCase', 'maskName', 'maskId', 'seesPersonalData'],
							message: 'Server reads take the reader and mask.'
						},
						{ name: '$lib/server/viewer', message: 'Pass locals.user to a server function; it builds the viewer.' }
					],
					patterns: [
						{
							group: ['$lib/server/*/read', '$lib/server/*/list', '$lib/server/audit/*'],
							message: 'Unmasked reads and audit writes stay inside src/lib/server.'
						}
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{ selector: 'Literal[value=/\\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \\w+ SET)\\b/]', message: 'SQL belongs in src/lib/server.' },
				{ selector: 'TemplateElement[value.raw=/\\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \\w+ SET)\\b/]', message: 'SQL belongs in src/lib/server.' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
