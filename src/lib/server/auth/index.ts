export * from './users';
export * from './sessions';
export * from './tokens';
export * from './settings';
export {
	addAccount,
	disableAccount,
	enableAccount,
	resetAccountPassword,
	changeAccountRoles,
	createApiToken,
	revokeApiToken,
	changeSetting,
	SelfDisableError
} from './accounts';
export type { Actor } from '../audit/actor';
export { signIn, signOut, signOutEverywhere, changeOwnPassword, signInInputFits, MAX_USERNAME_INPUT, type SignIn } from './sign-in';
export { hashPassword, verifyPassword, oneTimePassword } from './passwords';
export { ensureAdmin, addDemoAccounts, openDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './bootstrap';
