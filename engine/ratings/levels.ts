/**
 * The five levels of 好差评, always stored and exchanged as labels (DOMAIN.md, 好差评). GB/T
 * 39046 codes them 1..5 from 非常满意 to 非常不满意; some platforms number them the other way
 * round (5 = 非常满意), so a bare number is ambiguous and never stored: the functions below name
 * the direction they convert in.
 */

/** The levels, best first (the order of GB/T 39046 codes 1..5). */
export const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type Level = (typeof LEVELS)[number];

/** The levels that count as satisfied in the satisfaction rate. */
export const SATISFIED_LEVELS: readonly Level[] = ['非常满意', '满意', '基本满意'];

/** The levels that make a rating a 差评 (and open a rectification). */
export const BAD_LEVELS: readonly Level[] = ['不满意', '非常不满意'];

/** Whether `value` is one of the five labels. */
export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Whether a level is a 差评 (不满意 or 非常不满意). */
export function isBadLevel(level: Level): boolean {
  return BAD_LEVELS.includes(level);
}

/** The GB/T 39046 code of a level: 非常满意 = 1 … 非常不满意 = 5. */
export function levelToGbCode(level: Level): 1 | 2 | 3 | 4 | 5 {
  return (LEVELS.indexOf(level) + 1) as 1 | 2 | 3 | 4 | 5;
}

/** The level of a GB/T 39046 code (1 = 非常满意 … 5 = 非常不满意); RangeError otherwise. */
export function levelFromGbCode(code: number): Level {
  return LEVELS[checkedIndex(code, 'GB/T 39046')]!;
}

/** The code of a level in the reversed numbering some platforms use: 非常满意 = 5 … 非常不满意 = 1. */
export function levelToReversedCode(level: Level): 1 | 2 | 3 | 4 | 5 {
  return (LEVELS.length - LEVELS.indexOf(level)) as 1 | 2 | 3 | 4 | 5;
}

/** The level of a reversed code (5 = 非常满意 … 1 = 非常不满意); RangeError otherwise. */
export function levelFromReversedCode(code: number): Level {
  return LEVELS[LEVELS.length - 1 - checkedIndex(code, 'reversed')]!;
}

function checkedIndex(code: number, numbering: string): number {
  if (!Number.isInteger(code) || code < 1 || code > LEVELS.length) {
    throw new RangeError(`Expected a ${numbering} level code 1..5, but got ${String(code)}`);
  }
  return code - 1;
}
