/** The README's table of who may do what is the declaration's, not a copy that drifts from it. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROLES } from '../../../engine/domain/index.js';
import { CASE_ACTS, CASE_OPERATION_TYPES, CASE_OPERATIONS } from '../../../engine/operations/index.js';

/** The table as the README shows it: one row an operation (and reading, rating), one column a role. */
export function relationsTable(): string {
  const rows = [
    ...CASE_OPERATION_TYPES.map((type) => [`\`${type}\``, CASE_OPERATIONS[type]] as const),
    ...(['case.read', 'case.rate'] as const).map((act) => [`(${act.slice(5)})`, CASE_ACTS[act]] as const),
  ];
  return [
    `| operation | 中文 | ${ROLES.join(' | ')} |`,
    `|---|---|${ROLES.map(() => '---').join('|')}|`,
    ...rows.map(
      ([name, { label, who }]) => `| ${name} | ${label} | ${ROLES.map((role) => who[role] ?? '—').join(' | ')} |`,
    ),
  ].join('\n');
}

describe('operations: the README', () => {
  it('shows who may do each operation exactly as declared', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    expect(readme, `README.md should contain:\n${relationsTable()}`).to.contain(relationsTable());
  });
});
