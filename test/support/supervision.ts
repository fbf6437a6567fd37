/** The centre's shipped 电子监察 rules (engine/supervision/default-rules.json), as the server reads them. */
import { readFileSync } from 'node:fs';
import { parseSupervisionConfig } from '../../engine/supervision/index.js';

export const SHIPPED_SUPERVISION = parseSupervisionConfig(
  JSON.parse(readFileSync(new URL('../../engine/supervision/default-rules.json', import.meta.url), 'utf8')) as unknown,
);
