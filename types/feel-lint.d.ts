/** Minimal ambient types for @bpmn-io/feel-lint 3 (it ships none). */
declare module '@bpmn-io/feel-lint' {
  export interface FeelLintProblem {
    readonly from: number;
    readonly to: number;
    readonly severity: 'error' | 'warning' | 'info';
    readonly type: string;
    readonly message: string;
  }
  export function lintExpression(expression: string, options?: Record<string, unknown>): FeelLintProblem[];
}
