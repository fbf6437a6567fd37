/**
 * 证件号码 are personal data: stored, but masked wherever they are shown or logged. One masking
 * rule for the API and the UI (maskIdNumber, maskPersonalData) and one list of pino redaction
 * paths for the logs, so a log line never carries the number in clear.
 */

/** Keys that hold a 证件号码, in English and in Chinese. */
const ID_NUMBER_KEYS = ['idNumber', 'applicantIdNumber', 'certificateNumber', '证件号码'] as const;

/**
 * Paths of personal data for pino's `redact` (and for maskPersonalData): each key at the top,
 * under `applicant`/`agent`, and under any one, two or three levels (`*.idNumber`,
 * `*.*.idNumber`, …), which covers command payloads, case variables and arrays of people.
 */
export const PERSONAL_DATA_REDACT_PATHS: readonly string[] = ID_NUMBER_KEYS.flatMap((key) => [
  key,
  `applicant.${key}`,
  `agent.${key}`,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

/**
 * Mask a 证件号码. An 18-character resident ID keeps its first 6 (the division) and last 4:
 * `330102********1234`. Other numbers keep at most half: 12 or more characters keep the first 2
 * and last 4; 8–11 (passports, 港澳通行证) the first 2 and last 2; 4–7 the first and last one;
 * shorter ones are masked whole. The length is kept.
 */
export function maskIdNumber(value: string): string {
  const text = value.trim();
  const [head, tail] =
    text.length === 18
      ? [6, 4]
      : text.length >= 12
        ? [2, 4]
        : text.length >= 8
          ? [2, 2]
          : text.length >= 4
            ? [1, 1]
            : [0, 0];
  return text.slice(0, head) + '*'.repeat(text.length - head - tail) + text.slice(text.length - tail);
}

/** What a masked value that is not a string becomes. */
export const HIDDEN = '[已屏蔽]';

/** pino's `redact.censor`: masks strings with maskIdNumber, hides anything else. Idempotent. */
export function censorPersonalData(value: unknown): unknown {
  if (value === undefined || value === HIDDEN) return value;
  return typeof value === 'string' ? maskIdNumber(value) : HIDDEN;
}

/** pino `redact` options that mask every 证件号码 at PERSONAL_DATA_REDACT_PATHS. */
export const PERSONAL_DATA_REDACTION = { paths: [...PERSONAL_DATA_REDACT_PATHS], censor: censorPersonalData };

/**
 * A copy of `value` with the personal data at `paths` masked (pino path syntax: dots, `*` for
 * any key or array index). The original is not changed.
 */
export function maskPersonalData<T>(value: T, paths: readonly string[] = PERSONAL_DATA_REDACT_PATHS): T {
  const copy = structuredClone(value);
  for (const path of paths) maskAt(copy, path.split('.'));
  return copy;
}

function maskAt(node: unknown, segments: readonly string[]): void {
  if (node === null || typeof node !== 'object') return;
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  const record = node as Record<string, unknown>;
  const keys = segment === '*' ? Object.keys(record) : Object.hasOwn(record, segment) ? [segment] : [];
  for (const key of keys) {
    if (rest.length > 0) maskAt(record[key], rest);
    else if (record[key] !== undefined && record[key] !== null) record[key] = censorPersonalData(record[key]);
  }
}

const ID_KEYS: ReadonlySet<string> = new Set(ID_NUMBER_KEYS);

/**
 * A copy of `value` with every 证件号码 key (ID_NUMBER_KEYS), at any depth (a case's variables
 * nest as deep as the process makes them), masked as the API masks it (censorPersonalData:
 * maskIdNumber, non-strings hidden); the original is not changed. What the audit API and the
 * command line print.
 */
export function maskDeep<T>(value: T): T {
  return maskKeys(value) as T;
}

function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskKeys);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = ID_KEYS.has(key) && inner !== null && inner !== undefined ? censorPersonalData(inner) : maskKeys(inner);
  }
  return copy;
}
