/**
 * Where the test fixtures live: all inside the repository, so a plain clone runs the suite.
 * test/fixtures/miwg and test/fixtures/semantics are copies of the shared reference models and
 * execution scenarios (`npm run fixtures:refresh` copies them again from the team's shared folder when it
 * changes). Nothing outside the repository is read, except `$MATTERFLOW_SCENARIOS` when set.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The BPMN Model Interchange Working Group reference models (other tools' files). */
export const MIWG_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'miwg');
/** The engine-neutral execution scenarios (README there). */
export const SEMANTICS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'semantics');
