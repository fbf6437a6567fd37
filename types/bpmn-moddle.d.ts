/**
 * Minimal ambient types for bpmn-moddle 10 (its main entry ships none). The model layer narrows
 * the untyped element trees through `engine/model/moddle-types.ts`.
 */
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: unknown;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: unknown;
    references: unknown[];
    warnings: ModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
    toXML(element: unknown, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
  }
}
