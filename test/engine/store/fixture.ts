/** Paths of the BPMN fixtures of the store specs. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The path of `fixtures/<name>.bpmn`. */
export function fixture(name: string): string {
  return path.join(DIR, `${name}.bpmn`);
}
