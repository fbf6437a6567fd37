/**
 * Material files handed in with 收件 or 补交: each becomes a `material.filed` event carrying its
 * sha256, so the case's hash chain covers the file. Nothing is overwritten: a material handed in
 * again (补正) gets the next version, the earlier ones stay.
 */
import type { FileHandedIn } from '../commands.js';
import type { DomainEventDraft, DomainRejection } from '../decision.js';
import type { DomainState, MatterSnapshot } from '../types.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The `material.filed` drafts for `files` (in the order given; one version per material for the
 * whole submission), or why they are refused: a material the matter does not list, a malformed hash.
 */
export function fileDrafts(
  matter: MatterSnapshot,
  filed: DomainState['files'],
  files: readonly FileHandedIn[],
): { readonly drafts: DomainEventDraft[] } | { readonly rejected: DomainRejection } {
  const known = new Set(matter.materials.map((m) => m.id));
  const version = new Map<string, number>();
  const drafts: DomainEventDraft[] = [];
  for (const file of files) {
    if (!known.has(file.materialId))
      return refused(`Expected files of materials of matter ${matter.code}, but ${file.materialId} is not one`);
    if (!SHA256.test(file.sha256))
      return refused(`Expected a sha256 in hex for the file of ${file.materialId}, but it is '${file.sha256}'`);
    if (!Number.isSafeInteger(file.size) || file.size < 0)
      return refused(`Expected the size of the file of ${file.materialId} in bytes, but it is ${String(file.size)}`);
    let next = version.get(file.materialId);
    if (next === undefined) {
      next = 1 + Math.max(0, ...(filed ?? []).filter((f) => f.materialId === file.materialId).map((f) => f.version));
      version.set(file.materialId, next);
    }
    drafts.push({
      type: 'material.filed',
      data: {
        materialId: file.materialId,
        version: next,
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        fileName: file.fileName,
      },
    });
  }
  return { drafts };
}

const refused = (message: string) => ({ rejected: { code: 'INVALID_ARGUMENT' as const, message } });
