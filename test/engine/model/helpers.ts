import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledDefinition, CompiledProcess, Finding, FlowNode } from '../../../engine/model/index.js';
import { loadDefinition } from '../../../engine/model/index.js';

/** The repository root, whatever the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export { MIWG_DIR as miwgDir, SEMANTICS_DIR as semanticsDir } from '../../support/fixtures.js';
/** The model fixtures shared with other folders' specs (cli, server workers). */
export const fixturesDir = path.resolve(repoRoot, 'test', 'fixtures', 'model');
/** This folder: a fixture of one spec lives beside it as `<spec>.<case>.bpmn`. */
export const modelSpecDir = path.resolve(repoRoot, 'test', 'engine', 'model');

/** The text of a fixture: `<spec>.<case>.bpmn` beside the model specs, else a shared one under test/fixtures/model. */
export function fixture(name: string): string {
  const beside = path.join(modelSpecDir, name);
  return readFileSync(existsSync(beside) ? beside : path.join(fixturesDir, name), 'utf8');
}

/** Loads XML and fails the test with the findings when it is not deployable. */
export async function loadOk(
  xml: string,
  knownProcessIds?: ReadonlySet<string>,
): Promise<{ definition: CompiledDefinition; findings: Finding[]; moddle: unknown }> {
  const result = await loadDefinition(xml, knownProcessIds ? { knownProcessIds } : {});
  if (!result.ok)
    throw new Error(
      `expected a deployable definition, got:\n${result.findings.map((f) => `${f.elementId}: ${f.rule}: ${f.message.en}`).join('\n')}`,
    );
  return result;
}

/** A process of a compiled definition, or a thrown error naming it. */
export function processOf(definition: CompiledDefinition, id: string): CompiledProcess {
  const process = definition.processes.get(id);
  if (!process) throw new Error(`no process ${id}`);
  return process;
}

/** The flow node type whose kind union contains K (UserTask for 'manualTask' too). */
type NodeOfKind<K extends FlowNode['kind'], N = FlowNode> = N extends FlowNode
  ? K extends N['kind']
    ? N
    : never
  : never;

/** An element of a compiled process narrowed to its kind, or a thrown error. */
export function elementOf<K extends FlowNode['kind']>(process: CompiledProcess, id: string, kind: K): NodeOfKind<K> {
  const node = process.elements.get(id);
  if (node?.kind !== kind) throw new Error(`expected ${id} to be a ${kind}, got ${node?.kind}`);
  return node as NodeOfKind<K>;
}

/** Every `id` attribute value in an XML text (BPMN and DI elements alike). */
export function idsInXml(xml: string): Set<string> {
  const ids = new Set<string>();
  for (const match of xml.matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) ids.add(match[1] ?? match[2] ?? '');
  return ids;
}
