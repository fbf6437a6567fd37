/**
 * `npm run fixtures:refresh`: copy the shared reference models (MIWG) and execution scenarios
 * from ../shared/fixtures into test/fixtures, so that the suite reads only the repository.
 * Run it when shared/ changes, and commit what it copied.
 */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MIWG_DIR, REPO_ROOT, SEMANTICS_DIR } from '../test/support/fixtures.js';

const shared = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));
if (!existsSync(shared)) {
  process.stderr.write(`No shared fixtures at ${shared} (give the folder as the first argument)\n`);
  process.exit(2);
}
for (const [from, to] of [
  [path.join(shared, 'miwg'), MIWG_DIR],
  [path.join(shared, 'semantics'), SEMANTICS_DIR],
] as const) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  process.stdout.write(`${path.relative(REPO_ROOT, to)}: ${readdirSync(to).length} files from ${from}\n`);
}
