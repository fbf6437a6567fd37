/** What a case keeps of its matter's version at 收件 (engine/domain MatterSnapshot). */
import type { MatterSnapshot } from '../domain/index.js';
import type { StoredMatter } from '../matters-store/index.js';

export function matterSnapshot(stored: StoredMatter): MatterSnapshot {
  const { matter } = stored;
  return {
    code: stored.matterCode,
    version: stored.version,
    name: matter.name,
    caseType: matter.caseType,
    promisedLimit: matter.promisedLimit ?? null,
    materials: matter.materials.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity })),
    tolerance: {
      allowed: matter.tolerance?.allowed ?? false,
      supplementDeadline: matter.tolerance?.supplementDeadline ?? null,
    },
    informedCommitment: {
      allowed: matter.informedCommitment?.allowed ?? false,
      verificationPeriod: matter.informedCommitment?.verificationPeriod ?? null,
    },
    specialProcedures: [...(matter.specialProcedures ?? [])],
    // The version's own 电子监察 rules travel with the case: a later version cannot change them.
    supervision: matter.supervision ?? null,
    // 一件事: what a refused part means for the package (the matter's rule, kept with the case).
    ...(matter.package
      ? { package: { onPartRefused: matter.package.onPartRefused, coreParts: [...(matter.package.coreParts ?? [])] } }
      : {}),
  };
}
