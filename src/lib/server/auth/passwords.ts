import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { passwordProblems } from '../../domain/password-policy';

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP baseline. */
export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/** A hash of a random password, made once: unknown user names are checked against it, so they take as long as known ones. */
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(18).toString('base64url'));
	return dummy;
}

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '-_!#%+='];

/** A one-time password that satisfies the policy, without look-alike characters (0/O, 1/l). */
export function oneTimePassword(length = 14): string {
	const all = ALPHABETS.join('');
	for (;;) {
		const chars = Array.from({ length }, (_, i) => {
			const alphabet = ALPHABETS[i] ?? all;
			return alphabet[randomInt(alphabet.length)] ?? 'x';
		});
		// Shuffle so that the guaranteed classes are not always in front.
		for (let i = chars.length - 1; i > 0; i--) {
			const j = randomInt(i + 1);
			[chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
		}
		const p = chars.join('');
		if (passwordProblems(p).length === 0) return p;
	}
}
