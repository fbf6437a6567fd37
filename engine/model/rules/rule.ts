import type { BilingualText, Finding } from '../types.js';
import type { Compilation } from '../compile.js';
import type { ProcessCompilation } from '../compile-process.js';

/** What every validation rule gets: the compiled file and what the caller knows beyond it. */
export interface RuleContext {
  readonly compilation: Compilation;
  /** Ids of processes deployed elsewhere that call activities may call. */
  readonly knownProcessIds: ReadonlySet<string>;
}

/** A deploy-time check: one file per rule, each returns its findings, never throws. */
export type Rule = (context: RuleContext) => readonly Finding[];

/** A finding of a rule: its message in Chinese (naming the element by its name) and English. */
export function finding(
  severity: Finding['severity'],
  rule: string,
  elementId: string | null,
  message: BilingualText,
): Finding {
  return { severity, rule, elementId, message };
}

/** The processes the engine may run; structural rules only look at these. */
export function executable(context: RuleContext): readonly ProcessCompilation[] {
  return context.compilation.processes.filter((process) => process.compiled.isExecutable);
}
