/**
 * Ambient types for the modeler's packages that ship none (only what this page uses); the
 * properties-panel packages are typed in properties/types.d.ts.
 */
declare module 'bpmn-js-bpmnlint' {
  import type { ModuleDeclaration } from 'didi';

  const lintModule: ModuleDeclaration;
  export default lintModule;
}
declare module 'bpmn-js-i18n-zh/lib/bpmn-js' {
  const dictionary: Readonly<Record<string, string>>;
  export default dictionary;
}
declare module 'bpmn-js-i18n-zh/lib/properties-panel' {
  const dictionary: Readonly<Record<string, string>>;
  export default dictionary;
}
