/** The matter fixtures: the valid 食品经营许可 file and its invalid variants (JSON-pointer edits). */
import { readFileSync } from 'node:fs';

const DIR = 'test/fixtures/matters';

/** A fresh copy of the valid 食品经营许可 matter file. */
export function foodBusinessLicence(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${DIR}/food-business-licence.json`, 'utf8')) as Record<string, unknown>;
}

export interface InvalidVariant {
  readonly name: string;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly remove?: readonly string[];
  readonly expect: readonly { readonly field: string; readonly code: string }[];
}

/** The invalid variants of the 食品经营许可 file. */
export function invalidVariants(): InvalidVariant[] {
  return (JSON.parse(readFileSync(`${DIR}/invalid-variants.json`, 'utf8')) as { variants: InvalidVariant[] }).variants;
}

/** The valid file changed by `variant` (values set, members removed, by JSON pointer). */
export function applyVariant(
  file: Record<string, unknown>,
  variant: Pick<InvalidVariant, 'set' | 'remove'>,
): Record<string, unknown> {
  const copy = structuredClone(file);
  for (const [pointer, value] of Object.entries(variant.set ?? {})) {
    const { parent, key } = locate(copy, pointer);
    parent[key] = structuredClone(value);
  }
  for (const pointer of variant.remove ?? []) {
    const { parent, key } = locate(copy, pointer);
    delete parent[key];
  }
  return copy;
}

function locate(root: Record<string, unknown>, pointer: string): { parent: Record<string, unknown>; key: string } {
  const segments = pointer.split('/').slice(1);
  const key = segments.pop();
  if (key === undefined) throw new Error(`Bad pointer ${pointer}`);
  let parent = root;
  for (const segment of segments) parent = parent[segment] as Record<string, unknown>;
  return { parent, key };
}
