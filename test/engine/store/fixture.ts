/** Paths of the BPMN fixtures of the store specs, beside them as `<spec>.<case>.bpmn`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));

/** The path of `<name>.bpmn` in this folder. */
export function fixture(name: string): string {
  return path.join(DIR, `${name}.bpmn`);
}
