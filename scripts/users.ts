/**
 * Accounts from the command line (the server must be stopped: DuckDB lets one process write the file).
 *   npm run -s users -- add NAME --role ROLE [--role ROLE] [--display 姓名] [--cert 执法证号] [--department 部门]   (password from stdin; none: one-time)
 *   npm run -s users -- list [--json] | disable NAME | enable NAME | reset NAME
 * Every command takes --db PATH.
 */
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Database } from '../src/lib/server/db';
import { withCliDb } from './cli-options';
import { AccountError, addAccount, disableAccount, enableAccount, findUser, listUsers, resetAccountPassword, type Actor } from '../src/lib/server/auth';
import { msg } from '../src/lib/i18n/message';
import { isRole, ROLES, ROLE_LABEL, type Role } from '../src/lib/domain/roles';

const actor: Actor = { username: `cli:${userInfo().username}` };

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) return '';
	const chunks: Buffer[] = [];
	for await (const c of process.stdin) chunks.push(c as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

async function mustFind(db: Database, name: string) {
	const u = await findUser(db, name);
	if (!u) throw new AccountError(msg('err.account.noUser', { username: name }), { bilingual: ' / ' });
	return u;
}

const program = new Command('users').description('用户管理 / manage accounts').showHelpAfterError();
const dbOpt = () => new Option('--db <path>', '数据库文件 / database file');

program
	.command('add <name>')
	.description('添加用户；密码从标准输入读取，未提供则生成一次性密码 / add a user; password from stdin, else a one-time one')
	.addOption(
		new Option('--role <role>', `角色，可重复 / role, repeatable: ${ROLES.join(', ')}`).argParser((v: string, prev: Role[] = []) => {
			if (!isRole(v)) throw new InvalidArgumentError(`角色应为 ${ROLES.join('、')} 之一 / must be one of ${ROLES.join(', ')}`);
			return [...prev, v];
		})
	)
	.option('--display <name>', '姓名 / display name')
	.option('--cert <no>', '执法证号 / officer certificate')
	.option('--department <name>', '部门 / branch')
	.addOption(dbOpt())
	.action(async (name: string, o: { role?: Role[]; display?: string; cert?: string; department?: string; db?: string }) => {
		const stdin = await readStdin();
		await withCliDb(o.db, async (db) => {
			const { user, password } = await addAccount(db, actor, {
				username: name,
				displayName: o.display ?? name,
				roles: o.role ?? [],
				certNo: o.cert,
				department: o.department,
				password: stdin || undefined
			});
			console.log(`已添加用户 ${user.username}（${user.roles.map((r) => ROLE_LABEL[r].zh).join('、')}）`);
			if (!stdin) console.log(`一次性密码（首次登录须修改）/ one-time password: ${password}`);
		});
	});

program
	.command('list')
	.description('列出用户 / list users')
	.option('--json', 'JSON 输出 / JSON output')
	.addOption(dbOpt())
	.action(async (o: { json?: boolean; db?: string }) => {
		await withCliDb(o.db, async (db) => {
			const users = await listUsers(db);
			if (o.json)
				return console.log(
					JSON.stringify(
						users.map(({ id, username, displayName, roles, certNo, department, disabled }) => ({
							id,
							username,
							displayName,
							roles,
							certNo,
							department,
							disabled
						}))
					)
				);
			for (const u of users) console.log(`${u.username.padEnd(16)} ${u.roles.join(',').padEnd(24)} ${u.disabled ? '已停用' : '启用'}  ${u.displayName}`);
		});
	});

for (const [cmd, disabled] of [
	['disable', true],
	['enable', false]
] as const) {
	program
		.command(`${cmd} <name>`)
		.description(disabled ? '停用用户并结束其登录 / disable a user and end their sessions' : '启用用户 / enable a user')
		.addOption(dbOpt())
		.action(async (name: string, o: { db?: string }) => {
			await withCliDb(o.db, async (db) => {
				const u = await mustFind(db, name);
				await (disabled ? disableAccount : enableAccount)(db, actor, u);
				console.log(`${disabled ? '已停用' : '已启用'} ${u.username}`);
			});
		});
}

program
	.command('reset <name>')
	.description('重置密码为一次性密码 / reset to a one-time password')
	.addOption(dbOpt())
	.action(async (name: string, o: { db?: string }) => {
		await withCliDb(o.db, async (db) => {
			const u = await mustFind(db, name);
			const password = await resetAccountPassword(db, actor, u);
			console.log(`一次性密码（首次登录须修改）/ one-time password for ${u.username}: ${password}`);
		});
	});

program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
