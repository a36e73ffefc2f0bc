export * from './users';
export * from './sessions';
export * from './tokens';
export * from './settings';
export { hashPassword, verifyPassword, oneTimePassword } from './passwords';
export { ensureAdmin, addDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './bootstrap';
