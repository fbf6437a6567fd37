/**
 * The rules between a matter file and the process it runs, which the file alone cannot say: a
 * 一件事's core parts (`package.coreParts`) are call activities of that process, and the 办件类型
 * the file gives (`caseType`) is the one the process declares (`gov:caseType`), when it declares
 * one. The store reads the facts of the process; these rules only compare.
 */
import { fieldError } from './field-errors.js';
import { CASE_TYPES, type FieldError, type Matter } from './types.js';

/** What a matter's check needs to know of its process (the latest deployed version). */
export interface MatterProcessFacts {
  readonly processId: string;
  /** The ids of the process's call activities, at any depth (in sub-processes too). */
  readonly callActivities: ReadonlySet<string>;
  /** `gov:caseType` as the process declares it (trimmed), or null when it declares none. */
  readonly caseType: string | null;
}

/** Every disagreement between `matter` and its process (empty when none). */
export function processAgreementErrors(matter: Matter, process: MatterProcessFacts): FieldError[] {
  return [...coreParts(matter, process), ...caseType(matter, process)];
}

function coreParts(matter: Matter, process: MatterProcessFacts): FieldError[] {
  const known = [...process.callActivities].sort();
  const listed = known.length > 0 ? known.join(', ') : null;
  return (matter.package?.coreParts ?? []).flatMap((part, i) =>
    process.callActivities.has(part)
      ? []
      : [
          fieldError(
            `/package/coreParts/${i}`,
            'core-part-not-call-activity',
            `核心子事项 package.coreParts 中的“${part}”不是办理流程 ${process.processId} 中调用子事项的环节（callActivity）；` +
              (listed ? `流程中的调用子事项环节：${listed}` : '该流程没有调用子事项的环节'),
            `package.coreParts names "${part}", which is not a call activity of process ${process.processId}` +
              (listed ? ` (its call activities: ${listed})` : ' (it has no call activity)'),
          ),
        ],
  );
}

function caseType(matter: Matter, process: MatterProcessFacts): FieldError[] {
  const declared = process.caseType;
  if (declared === null || declared === String(matter.caseType)) return [];
  return [
    fieldError(
      '/caseType',
      'case-type-disagrees-with-process',
      `事项的办件类型 caseType ${zh(String(matter.caseType))}与办理流程 ${process.processId} 声明的 gov:caseType ${zh(declared)}不一致`,
      `The matter's caseType ${en(String(matter.caseType))} disagrees with gov:caseType ${en(declared)} declared by process ${process.processId}`,
    ),
  ];
}

const EN_CASE_TYPES: Readonly<Record<`${keyof typeof CASE_TYPES}`, string>> = {
  1: 'on the spot',
  2: 'promised',
  9: 'other',
};

/** `2（承诺件）`; a code outside the list as it is written. */
function zh(code: string): string {
  return isCaseType(code) ? `${code}（${CASE_TYPES[code]}）` : `“${code}”`;
}

/** `2 (承诺件, promised)`; a code outside the list quoted. */
function en(code: string): string {
  return isCaseType(code) ? `${code} (${CASE_TYPES[code]}, ${EN_CASE_TYPES[code]})` : `"${code}"`;
}

function isCaseType(code: string): code is `${keyof typeof CASE_TYPES}` {
  return Object.hasOwn(CASE_TYPES, code);
}
