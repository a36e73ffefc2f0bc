/** Password policy (等保 2.0 level 2): long enough, several character classes, not the user name. */

export const MIN_PASSWORD_LENGTH = 10;
/** Bounded so that a sign-in never hashes megabytes; a pass phrase fits many times over. */
export const MAX_PASSWORD_LENGTH = 256;

/** Problems with a password, in Chinese; an empty list means it is acceptable. */
export function passwordProblems(password: string, username = ''): string[] {
	const problems: string[] = [];
	if (password.length < MIN_PASSWORD_LENGTH) problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
	if (password.length > MAX_PASSWORD_LENGTH) problems.push(`密码最多 ${MAX_PASSWORD_LENGTH} 位`);
	const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
	if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
	if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
	if (/^(.)\1+$/.test(password)) problems.push('密码不能由同一字符重复组成');
	return problems;
}
