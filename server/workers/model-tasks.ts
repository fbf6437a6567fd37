/**
 * The CPU-heavy work on BPMN text that the server's routes and its store ask for: parse, compile
 * and validate, lint, render the public flow. Each task takes and returns plain data (what a
 * worker thread can receive and post back), so the same functions run in a worker
 * (model-worker.ts) or in this thread (in-process.ts) with the same results.
 */
import { lintForDeploy } from '../../engine/lint/index.js';
import type { LintFinding } from '../../engine/lint/index.js';
import { loadDefinition, parseBpmn, type Finding } from '../../engine/model/index.js';
import type { LoadResult } from '../../engine/store/index.js';
import { guideSteps, publicFlowXml, type GuideStep } from '../routes/matters-guide-flow.js';

/** What reading a BPMN text found: its processes (id and executable flag), or why it does not read. */
export type BpmnSummary =
  | {
      readonly ok: true;
      readonly findings: readonly Finding[];
      readonly processes: ReadonlyArray<{ readonly id: string | null; readonly isExecutable: boolean }>;
    }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/** The lint as deploy applies it (engine/lint lintForDeploy). */
export interface DeployLint {
  readonly findings: LintFinding[];
  readonly refused: boolean;
}

/** The 办事指南's flow: the diagram without internals, and its named steps (null when it does not load). */
export interface PublicFlow {
  readonly xml: string;
  readonly steps: GuideStep[] | null;
}

/** The tasks by name; arguments and results cross threads, so sets travel as arrays. */
export const MODEL_TASKS = {
  lintForDeploy: (xml: string): Promise<DeployLint> => lintForDeploy(xml),
  loadDefinition: async (xml: string, knownProcessIds: readonly string[]): Promise<LoadResult> => {
    const loaded = await loadDefinition(xml, { knownProcessIds: new Set(knownProcessIds) });
    return loaded.ok ? { ok: true, definition: loaded.definition, findings: loaded.findings } : loaded;
  },
  readBpmn: async (xml: string): Promise<BpmnSummary> => {
    const parsed = await parseBpmn(xml);
    if (!parsed.ok) return parsed;
    const processes = (parsed.definitions.rootElements ?? []).filter(
      (element) => element.$type === 'bpmn:Process',
    ) as Array<{ id?: string; isExecutable?: boolean }>;
    return {
      ok: true,
      findings: parsed.findings,
      processes: processes.map((process) => ({ id: process.id ?? null, isExecutable: process.isExecutable === true })),
    };
  },
  publicFlow: async (xml: string, processId: string, knownProcessIds: readonly string[]): Promise<PublicFlow> => ({
    xml: await publicFlowXml(xml),
    steps: await guideSteps(xml, processId, new Set(knownProcessIds)),
  }),
} as const;

type ModelTasks = typeof MODEL_TASKS;
export type ModelTaskName = keyof ModelTasks;
