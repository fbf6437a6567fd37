import type {
  CountersignKind,
  GovActivity,
  GovProcess,
  Material,
  MaterialNecessity,
  TimeLimit,
  TimeLimitUnit,
} from './types.js';
import { COUNTERSIGN_KINDS, MATERIAL_NECESSITIES, TIME_LIMIT_UNITS } from './types.js';
import type { ModdleElement, ModdleFlowElement, ModdleMaterial, ModdleProcess } from './moddle-types.js';
import { govExtensions } from './extensions.js';

/** The unit a time limit has when the file gives an amount but no unit (the statutory default). */
const DEFAULT_TIME_LIMIT_UNIT: TimeLimitUnit = '工作日';

/** Gov attributes of an activity or event sub-process. Invalid values compile to null (validate reports them). */
export function compileGovActivity(element: ModdleFlowElement): GovActivity {
  return {
    department: nonEmpty(element.department),
    leadDepartment: nonEmpty(element.leadDepartment),
    windowStep: element.windowStep === true,
    timeLimit: toTimeLimit(element.timeLimit, element.timeLimitUnit),
    countersign: countersign(element.countersign, element.passRatio),
    materials: compileMaterials(element),
    specialProcedures: specialProcedures(element),
  };
}

/** Gov attributes of a process (matter code, promised limit, the matter's materials). */
export function compileGovProcess(process: ModdleProcess): GovProcess {
  return {
    matterCode: nonEmpty(process.matterCode),
    promisedLimit: toTimeLimit(process.promisedLimit, process.promisedLimitUnit),
    materials: compileMaterials(process),
    specialProcedures: specialProcedures(process),
  };
}

/** A time limit from an amount and unit attribute; null when absent or invalid. */
export function toTimeLimit(amount: unknown, unit: unknown): TimeLimit | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) return null;
  const resolved = unit === undefined || unit === null || unit === '' ? DEFAULT_TIME_LIMIT_UNIT : unit;
  return isTimeLimitUnit(resolved) ? { amount, unit: resolved } : null;
}

export function isTimeLimitUnit(value: unknown): value is TimeLimitUnit {
  return (TIME_LIMIT_UNITS as readonly unknown[]).includes(value);
}

export function isCountersignKind(value: unknown): value is CountersignKind {
  return (COUNTERSIGN_KINDS as readonly unknown[]).includes(value);
}

export function isMaterialNecessity(value: unknown): value is MaterialNecessity {
  return (MATERIAL_NECESSITIES as readonly unknown[]).includes(value);
}

/** The gov:Material elements of an element, in document order (across gov:Materials blocks). */
export function materialElements(element: ModdleElement): readonly ModdleMaterial[] {
  return govExtensions<ModdleElement & { materials?: readonly ModdleMaterial[] }>(element, 'gov:Materials').flatMap(
    (block) => block.materials ?? [],
  );
}

function compileMaterials(element: ModdleElement): readonly Material[] {
  const materials: Material[] = [];
  for (const material of materialElements(element)) {
    const necessity = material.necessity ?? 'required';
    const source = material.source ?? 'applicant';
    if (!isMaterialNecessity(necessity) || (source !== 'applicant' && source !== 'shared')) continue;
    materials.push({ id: nonEmpty(material.id), name: material.name ?? material.id ?? '', necessity, source });
  }
  return materials;
}

function specialProcedures(element: ModdleElement): readonly string[] {
  return govExtensions<ModdleElement & { procedures?: readonly (ModdleElement & { kind?: string })[] }>(
    element,
    'gov:SpecialProcedures',
  )
    .flatMap((block) => block.procedures ?? [])
    .flatMap((procedure) => (procedure.kind ? [procedure.kind] : []));
}

function countersign(kind: unknown, passRatio: unknown): GovActivity['countersign'] {
  if (!isCountersignKind(kind)) return null;
  const ratio = typeof passRatio === 'number' && Number.isFinite(passRatio) ? passRatio : null;
  return { kind, passRatio: ratio };
}

function nonEmpty(value: string | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
