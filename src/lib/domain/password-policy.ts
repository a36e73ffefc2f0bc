/** Password policy (等保 2.0 level 2): long enough, several character classes, not the user name. */
import { msg, type Message } from '../i18n/message';
import { translator } from '../i18n';

export const MIN_PASSWORD_LENGTH = 10;
/** Bounded so that a sign-in never hashes megabytes; a pass phrase fits many times over. */
export const MAX_PASSWORD_LENGTH = 256;

/** Problems with a password, in Chinese; an empty list means it is acceptable. */
export function passwordProblems(password: string, username = ''): string[] {
	return passwordMessages(password, username).map((m) => translator('zh-CN')(m));
}

/** The same problems as messages, for a page to show in its reader's language. */
export function passwordMessages(password: string, username = ''): Message[] {
	const problems: Message[] = [];
	if (password.length < MIN_PASSWORD_LENGTH) problems.push(msg('err.password.short', { min: MIN_PASSWORD_LENGTH }));
	if (password.length > MAX_PASSWORD_LENGTH) problems.push(msg('err.password.long', { max: MAX_PASSWORD_LENGTH }));
	const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
	if (classes < 3) problems.push(msg('err.password.classes'));
	if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push(msg('err.password.username'));
	if (/^(.)\1+$/.test(password)) problems.push(msg('err.password.repeated'));
	return problems;
}
