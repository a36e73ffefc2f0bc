import type { Locale } from '$lib/i18n';
import type { User } from '$lib/server/auth';
import type { TokenScope } from '$lib/domain/roles';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user, or null. */
			user: User | null;
			/** The session token from the cookie, when the user came through a session. */
			sessionToken: string | null;
			/** The API token's client, when the request came with `Authorization: Bearer …`. */
			apiClient: { id: number; name: string; scopes: TokenScope[] } | null;
		}
		interface PageData {
			locale: Locale;
			user?: { username: string; displayName: string; roles: import('$lib/domain/roles').Role[] } | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
