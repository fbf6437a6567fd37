/**
 * A matter's own 电子监察 rules, in the shape the supervision configuration reads (`byMatter`,
 * keyed by 实施编码), so the catalogue can feed the supervision policy.
 */
import type { SupervisionRules } from '../supervision/index.js';
import type { Matter } from './types.js';

/** The rules of every matter that has its own, keyed by implementationCode. */
export function matterSupervisionRules(matters: readonly Matter[]): Record<string, SupervisionRules> {
  const byMatter: Record<string, SupervisionRules> = {};
  for (const matter of matters) if (matter.supervision) byMatter[matter.implementationCode] = matter.supervision;
  return byMatter;
}
