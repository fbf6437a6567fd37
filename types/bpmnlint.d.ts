/**
 * Minimal ambient types for bpmnlint 11 (CommonJS, no types on its entry points), its rule and
 * config modules, and bpmnlint-utils. engine/lint narrows the untyped moddle trees itself.
 */
declare module 'bpmnlint' {
  export interface LintReporter {
    report(id: string, message: string, path?: string[] | Record<string, unknown>): void;
  }
  export type LintCheck =
    | ((node: unknown, reporter: LintReporter) => boolean | void)
    | {
        enter?: (node: unknown, reporter: LintReporter) => boolean | void;
        leave?: (node: unknown, reporter: LintReporter) => void;
      };
  export interface LintRule {
    meta?: { documentation?: { url?: string } };
    check: LintCheck;
  }
  export type LintRuleFactory = (options?: unknown) => LintRule;
  export type LintCategory = 'off' | 'warn' | 'error' | 'info';
  export type LintRuleSetting = LintCategory | 0 | 1 | 2 | 3 | [LintCategory | 0 | 1 | 2 | 3, unknown?];
  export interface LintConfig {
    extends?: string | string[];
    rules?: Record<string, LintRuleSetting>;
  }
  export interface LintResolver {
    resolveRule(pkg: string, ruleName: string): LintRuleFactory | Promise<LintRuleFactory>;
    resolveConfig(pkg: string, configName: string): LintConfig | Promise<LintConfig>;
  }
  export interface LintReport {
    id?: string;
    message: string;
    path?: string[];
    category: LintCategory | 'rule-error';
    meta?: LintRule['meta'];
  }
  export class Linter {
    constructor(options: { config?: LintConfig; resolver: LintResolver });
    lint(moddleRoot: unknown, config?: LintConfig): Promise<Record<string, LintReport[]>>;
  }
  const bpmnlint: { Linter: typeof Linter };
  export default bpmnlint;
}

declare module 'bpmnlint/rules/*' {
  import type { LintRuleFactory } from 'bpmnlint';
  const factory: LintRuleFactory;
  export default factory;
}

declare module 'bpmnlint/config/recommended.js' {
  import type { LintConfig } from 'bpmnlint';
  const config: Required<Pick<LintConfig, 'rules'>>;
  export default config;
}

declare module 'bpmnlint-utils' {
  export function is(node: unknown, type: string): boolean;
  export function isAny(node: unknown, types: readonly string[]): boolean;
}
