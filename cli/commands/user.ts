import { ROLES, type Role } from '../../engine/domain/index.js';
import { migrateLatest } from '../../engine/store/index.js';
import { createUser, setPassword, UserInvalidError } from '../../engine/users-store/index.js';
import type { Subcommand } from '../command.js';
import { CommandFailure, EXIT, UsageError } from '../command.js';
import { withDatabase } from '../database.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';

const USAGE = `Usage: matterflow user add ID --name NAME --role ROLE [--role ROLE] [--department DEPT] [--password-stdin] [options]
       matterflow user password ID [options]

add: creates a user and prints their API bearer token once: only a hash of it is stored, so it
cannot be shown again. Roles: ${ROLES.join(', ')}; a department officer needs --department.
With --password-stdin, the first line of standard input becomes their password for logging in
to the workspace (/login).
password: sets a user's workspace password to the first line of standard input (8 to 200
characters) and ends their open login sessions.

Options:
  --name NAME            the user's name (required)
  --role ROLE            a role (repeatable)
  --department DEPT      the department of a department officer
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
      },
      USAGE,
      io,
    );
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [verb, id, ...rest] = positionals;
    if (verb !== 'add' && verb !== 'password')
      throw new UsageError(verb === undefined ? 'missing "add" or "password"' : `unknown action "${verb}"`);
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
    const password = values['password-stdin'] ? await firstLineOfStdin() : undefined;
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
          },
          { actor: 'cli', at: new Date().toISOString() },
        );
      } catch (error) {
        if (error instanceof UserInvalidError) throw new CommandFailure(error.message);
        if (/unique|duplicate/i.test((error as Error).message)) throw new CommandFailure(`a user ${id} exists already`);
        throw error;
      }
    });
    io.out(token);
    io.err(`user ${id} created (${roles.join(', ')}); the token above is shown only once`);
    return EXIT.ok;
  },
};

/** The first line of standard input (a password piped in, never an argument that `ps` would show). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError('expected a password on standard input');
  return line;
}
