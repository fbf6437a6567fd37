/** Minimal ambient types for bpmn-auto-layout 1.x (it ships none). */
declare module 'bpmn-auto-layout' {
  /** Lay out the first process of `xml` (DI is replaced); resolves to the whole file, formatted. */
  export function layoutProcess(xml: string): Promise<string>;
}
