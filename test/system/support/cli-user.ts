/**
 * Users as an operator makes them for a deployed server: `matterflow user add` (bin/matterflow.js)
 * run against the server's database, which prints the new user's API token once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerDatabase } from './server-process.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department?: string;
}

/** Run `matterflow user add` on `database` and return the token it printed. */
export async function addUser(database: ServerDatabase, user: NewUser): Promise<string> {
  const args = [
    path.join(repoRoot, 'bin/matterflow.js'),
    'user',
    'add',
    user.id,
    '--name',
    user.name,
    ...user.roles.flatMap((role) => ['--role', role]),
    ...(user.department ? ['--department', user.department] : []),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'MATTERFLOW_DATA_DIR', 'NODE_OPTIONS']) delete env[name];
  Object.assign(
    env,
    database.client === 'sqlite'
      ? { MATTERFLOW_DATA_DIR: database.dataDir }
      : { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema },
  );
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  const token = stdout.trim();
  if (code !== 0 || !/^\S+$/.test(token))
    throw new Error(`matterflow user add ${user.id} exited ${code}:\n${stdout}\n${stderr}`);
  return token;
}
