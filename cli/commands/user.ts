import { ROLES, type Role } from '../../engine/domain/index.js';
import { migrateLatest } from '../../engine/store/index.js';
import {
  createUser,
  deactivateUser,
  setPassword,
  UserExistsError,
  UserInvalidError,
  UserLockOutError,
} from '../../engine/users-store/index.js';
import type { Subcommand } from '../command.js';
import { CommandFailure, EXIT, UsageError } from '../command.js';
import { withDatabase } from '../database.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';

const USAGE = `Usage: matterflow user add ID --name NAME --role ROLE [--role ROLE] [--department DEPT] [--id-number-stdin | --id-number NUMBER] [--password-stdin] [options]
       matterflow user password ID [options]
       matterflow user deactivate ID [options]

add: creates a user and prints their API bearer token once: only a hash of it is stored, so it
cannot be shown again. Roles: ${ROLES.join(', ')}; a department officer needs --department.
With --password-stdin, the first line of standard input becomes their password for logging in
to the workspace (/login). An applicant is bound to the 证件号码 they act as with --id-number
(or --id-number-stdin, which keeps it out of the shell history and \`ps\`): only its key is stored,
and the applicant then sees the cases filed for that number. The same rules as POST /api/users.
password: sets a user's workspace password to the first line of standard input (8 to 200
characters) and ends their open login sessions.
deactivate: the user's API token and login sessions stop working at once (reactivate them with
DELETE /api/users/ID/deactivation or in 用户管理). The last active admin cannot be deactivated.

Options:
  --name NAME            the user's name (required)
  --role ROLE            a role (repeatable)
  --department DEPT      the department of a department officer
  --id-number NUMBER     an applicant's 证件号码 (stored only as its key)
  --id-number-stdin      read the 证件号码 from standard input (first line; or second, after a password)
  --password-stdin       read a password for the workspace from standard input
${COMMON_USAGE}

Exit status: 0 created, 1 refused (e.g. the id exists), 2 usage error.`;

/** `matterflow user add`: create an API user (the first admin is created by the server's first start). */
export const userCommand: Subcommand = {
  name: 'user',
  summary: 'create an API user and print its token once',
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(
      args,
      {
        ...COMMON_OPTIONS,
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        department: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'id-number': { type: 'string' },
        'id-number-stdin': { type: 'boolean' },
      },
      USAGE,
      io,
    );
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [verb, id, ...rest] = positionals;
    if (verb !== 'add' && verb !== 'password' && verb !== 'deactivate')
      throw new UsageError(
        verb === undefined ? 'missing "add", "password" or "deactivate"' : `unknown action "${verb}"`,
      );
    if (!id) throw new UsageError('missing the user id');
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (verb === 'password') {
      const password = await firstLineOfStdin();
      const found = await withDatabase(databaseConfig(values.database), {}, async (db) => {
        await migrateLatest(db);
        try {
          return await setPassword(db.knex, id, password);
        } catch (error) {
          if (error instanceof UserInvalidError) throw new CommandFailure(error.message);
          throw error;
        }
      });
      if (!found) throw new CommandFailure(`no user ${id}`);
      io.err(`the password of ${id} was set; their open sessions were ended`);
      return EXIT.ok;
    }
    if (verb === 'deactivate') {
      const user = await withDatabase(databaseConfig(values.database), {}, async (db) => {
        await migrateLatest(db);
        try {
          return await deactivateUser(db.knex, id, { actor: 'cli', at: new Date().toISOString() });
        } catch (error) {
          if (error instanceof UserLockOutError) throw new CommandFailure(error.message);
          throw error;
        }
      });
      if (!user) throw new CommandFailure(`no user ${id}`);
      io.err(`user ${id} is deactivated: their token and login sessions no longer work`);
      return EXIT.ok;
    }
    if (values['id-number'] !== undefined && values['id-number-stdin'])
      throw new UsageError('give --id-number or --id-number-stdin, not both');
    const lines = await stdinLines(
      Number(Boolean(values['password-stdin'])) + Number(Boolean(values['id-number-stdin'])),
    );
    const password = values['password-stdin'] ? lines.shift() : undefined;
    const idNumber = values['id-number-stdin'] ? lines.shift() : values['id-number'];
    if (!values.name) throw new UsageError('--name is required');
    const roles = (values.role ?? []) as string[];
    const unknown = roles.filter((role) => !ROLES.includes(role as Role));
    if (roles.length === 0 || unknown.length > 0)
      throw new UsageError(
        `--role must be among ${ROLES.join(', ')}${unknown.length > 0 ? `, not ${unknown.join(', ')}` : ''}`,
      );
    const { token } = await withDatabase(databaseConfig(values.database), {}, async (db) => {
      await migrateLatest(db);
      try {
        return await createUser(
          db.knex,
          {
            id,
            name: values.name!,
            roles: roles as Role[],
            ...(values.department ? { department: values.department } : {}),
            ...(password === undefined ? {} : { password }),
            ...(idNumber === undefined ? {} : { idNumber }),
          },
          { actor: 'cli', at: new Date().toISOString() },
        );
      } catch (error) {
        if (error instanceof UserInvalidError)
          throw new CommandFailure(`${error.zh}（${FLAGS[error.field]}）\n${error.field}: ${error.message}`);
        if (error instanceof UserExistsError)
          throw new CommandFailure(`用户 ${id} 已存在\na user ${id} exists already`);
        throw error;
      }
    });
    io.out(token);
    io.err(`user ${id} created (${roles.join(', ')}); the token above is shown only once`);
    return EXIT.ok;
  },
};

/** The option (or argument) that gives each field a refusal can name: said beside the Chinese message. */
const FLAGS: { readonly [F in UserInvalidError['field']]: string } = {
  id: '用户名 ID',
  name: '--name',
  roles: '--role',
  department: '--department 部门名称',
  idNumber: '--id-number 或 --id-number-stdin',
  password: '--password-stdin',
};

/** The first line of standard input (a password piped in, never an argument that `ps` would show). */
async function firstLineOfStdin(): Promise<string> {
  const [line] = await stdinLines(1);
  return line!;
}

/** The first `count` lines of standard input (none read when `count` is 0); each must be non-empty. */
async function stdinLines(count: number): Promise<string[]> {
  if (count === 0) return [];
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.split('\n').length > count) break;
  }
  const lines = text.split(/\r?\n/).slice(0, count);
  if (lines.length < count || lines.some((line) => line === ''))
    throw new UsageError(`expected ${count === 1 ? 'a line' : `${count} lines`} on standard input`);
  return lines;
}
